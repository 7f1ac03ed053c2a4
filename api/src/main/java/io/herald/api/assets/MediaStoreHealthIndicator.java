package io.herald.api.assets;

import io.herald.core.media.MediaStore;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * The {@code mediaStore} part of readiness ({@code /readyz}): the media directory is
 * writable, or the bucket is reachable.
 */
@Component
class MediaStoreHealthIndicator extends AbstractHealthIndicator {

	private final MediaStore store;

	MediaStoreHealthIndicator(MediaStore store) {
		super("Media store check failed");
		this.store = store;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		this.store.checkAvailable();
		builder.up();
	}

}
