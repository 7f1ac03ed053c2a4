package io.herald.core.media;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

import io.herald.core.time.AcceptedInstants;

/**
 * The position after the last asset of a page: its creation time (microseconds, as
 * Postgres stores it) and id, as an opaque URL-safe string.
 */
record AssetCursor(Instant createdAt, UUID id) {

	static AssetCursor after(Asset asset) {
		return new AssetCursor(asset.getCreatedAt(), asset.getId());
	}

	String encode() {
		long micros = ChronoUnit.MICROS.between(Instant.EPOCH, this.createdAt);
		String raw = micros + "," + this.id;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
	}

	static AssetCursor decode(String cursor) {
		try {
			String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
			int comma = raw.indexOf(',');
			long micros = Long.parseLong(raw.substring(0, comma));
			Instant createdAt = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
			if (!AcceptedInstants.contains(createdAt)) {
				throw new IllegalArgumentException("not a time Herald stores");
			}
			return new AssetCursor(createdAt, UUID.fromString(raw.substring(comma + 1)));
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("Invalid cursor");
		}
	}

}
