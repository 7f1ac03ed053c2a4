package io.herald.core.media;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Media: the store (MinIO when {@code MINIO_ENDPOINT} is set, the filesystem otherwise),
 * link signing, inspection and the asset service.
 */
@AutoConfiguration(beforeName = { "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
		"org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration" })
@AutoConfigurationPackage(basePackageClasses = MediaConfiguration.class)
@EnableConfigurationProperties(MediaProperties.class)
public class MediaConfiguration {

	private static final Logger log = LoggerFactory.getLogger(MediaConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	MediaSigningKey mediaSigningKey(Environment environment) {
		String secret = environment.getProperty("herald.secret-key", "");
		if (!secret.isBlank()) {
			byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
			return () -> bytes;
		}
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		log.warn("HERALD_SECRET_KEY is not set: media links are signed with a random key and stop working on restart");
		return () -> random;
	}

	@Bean
	MediaLinkSigner mediaLinkSigner(MediaSigningKey signingKey, ObjectProvider<Clock> clock) {
		return new MediaLinkSigner(signingKey, clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	AssetInspector assetInspector() {
		return new AssetInspector();
	}

	@Bean
	@ConditionalOnMissingBean
	MediaStore mediaStore(MediaProperties properties, MediaLinkSigner signer, ObjectProvider<Clock> clock) {
		if (properties.minio().enabled()) {
			log.info("Media store: S3-compatible object store at {}", properties.minio().endpoint());
			MinioMediaStore store = new MinioMediaStore(properties.minio(), signer, properties.publicUrl(),
					clock.getIfAvailable(Clock::systemUTC));
			store.createBucketIfMissing();
			return store;
		}
		return new FilesystemMediaStore(properties.dir(), signer, properties.publicUrl());
	}

	@Bean
	AssetService assetService(AssetRepository repository, MediaStore store, AssetInspector inspector,
			MediaLinkSigner signer, MediaProperties properties, ObjectProvider<Clock> clock) {
		return new AssetService(repository, store, inspector, signer, properties,
				clock.getIfAvailable(Clock::systemUTC));
	}

}
