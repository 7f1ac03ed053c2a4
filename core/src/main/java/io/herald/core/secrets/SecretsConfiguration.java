package io.herald.core.secrets;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The master key and what is derived from it. Loading the key at startup makes a missing
 * production key fail fast, before any request.
 */
@AutoConfiguration
@EnableConfigurationProperties(SecretProperties.class)
public class SecretsConfiguration {

	@Bean
	MasterKey heraldMasterKey(SecretProperties properties, Environment environment) {
		return MasterKey.load(properties, MasterKey.externalDatabase(environment));
	}

	@Bean
	SecretBox secretBox(MasterKey masterKey) {
		return new SecretBox(masterKey);
	}

}
