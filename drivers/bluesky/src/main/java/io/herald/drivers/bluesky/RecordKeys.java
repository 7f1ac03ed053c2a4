package io.herald.drivers.bluesky;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Derives a post's record key from Herald's idempotency key, so a retried createRecord
 * targets the same record instead of creating a second post.
 * <p>
 * {@code app.bsky.feed.post} records must use TID keys: 13 base32-sortable characters
 * encoding 53 bits of microseconds since the epoch and a 10-bit clock id. The key is
 * built from a SHA-256 of the idempotency key and the part index. The timestamp lands in
 * a fixed past year: a retry hours later must produce the same key, and a TID in the
 * future could sort above posts written later.
 */
final class RecordKeys {

	private static final String ALPHABET = "234567abcdefghijklmnopqrstuvwxyz";

	private static final long BASE_MICROS = ChronoUnit.MICROS.between(Instant.EPOCH,
			Instant.parse("2023-01-01T00:00:00Z"));

	private static final long WINDOW_MICROS = Duration.ofDays(365).toNanos() / 1000;

	private RecordKeys() {
	}

	/**
	 * The record key of one part of a publication.
	 * @param idempotencyKey the target's idempotency key
	 * @param part 0 for the first post, then 1, 2, ... for thread replies
	 * @return a valid TID
	 */
	static String tid(String idempotencyKey, int part) {
		long bits = ByteBuffer.wrap(sha256(idempotencyKey + "#" + part)).getLong();
		long micros = BASE_MICROS + Long.remainderUnsigned(bits >>> 10, WINDOW_MICROS);
		long tid = (micros << 10) | (bits & 0x3FF);
		char[] chars = new char[13];
		for (int i = 12; i >= 0; i--) {
			chars[i] = ALPHABET.charAt((int) (tid & 31));
			tid >>>= 5;
		}
		return new String(chars);
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JRE", ex);
		}
	}

}
