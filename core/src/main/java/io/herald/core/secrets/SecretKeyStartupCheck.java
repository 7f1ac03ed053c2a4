package io.herald.core.secrets;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses a start that would need a generated master key where none may be generated, as
 * soon as the configuration is known: before the embedded Postgres starts or any
 * connection to the operator's database is made.
 */
public class SecretKeyStartupCheck implements EnvironmentPostProcessor, Ordered {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		SecretProperties properties = Binder.get(environment).bindOrCreate("herald", SecretProperties.class);
		MasterKey.checkCanLoad(properties, MasterKey.externalDatabase(environment));
	}

	/** After Herald's defaults, which map {@code DATABASE_URL} onto its property. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
