package io.herald.core.media;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.herald.core.secrets.MasterKey;

/**
 * Media: the store (MinIO when {@code MINIO_ENDPOINT} is set, the filesystem otherwise),
 * link signing, inspection and the asset service.
 */
@AutoConfiguration
@EnableConfigurationProperties(MediaProperties.class)
public class MediaConfiguration {

	private static final Logger log = LoggerFactory.getLogger(MediaConfiguration.class);

	/** The master key's subkey for media links; changing the label voids every link. */
	static final String SIGNING_PURPOSE = "media-links";

	@Bean
	MediaLinkSigner mediaLinkSigner(MasterKey masterKey, Clock clock) {
		return new MediaLinkSigner(masterKey.derive(SIGNING_PURPOSE), clock);
	}

	@Bean
	HeraldMediaLinks heraldMediaLinks(MediaLinkSigner signer, MediaProperties properties) {
		return new HeraldMediaLinks(signer, properties.publicUrl());
	}

	@Bean
	AssetInspector assetInspector(MediaProperties properties) {
		return new AssetInspector(properties.maxImagePixels());
	}

	@Bean
	@ConditionalOnMissingBean
	MediaStore mediaStore(MediaProperties properties, HeraldMediaLinks links, Clock clock) {
		if (properties.minio().enabled()) {
			log.info("Media store: S3-compatible object store at {}", properties.minio().endpoint());
			MinioMediaStore store = new MinioMediaStore(properties.minio(), links, clock);
			store.createBucketIfMissing();
			return store;
		}
		return new FilesystemMediaStore(properties.dir(), links);
	}

	@Bean
	AssetService assetService(AssetRepository repository, MediaStore store, AssetInspector inspector,
			MediaLinkSigner signer, HeraldMediaLinks links, MediaProperties properties, Clock clock) {
		return new AssetService(repository, store, inspector, signer, links, properties, clock);
	}

}
