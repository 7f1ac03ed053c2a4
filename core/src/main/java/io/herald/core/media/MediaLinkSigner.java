package io.herald.core.media;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies expiring, URL-safe tokens that name one media object and what they
 * allow (reading it, or uploading it). A token is {@code payload.mac}, both base64url:
 * the payload holds the purpose, the expiry and the object key; the MAC is HMAC-SHA256
 * under a subkey derived from the master secret, so the raw secret is never used for this
 * directly.
 */
public class MediaLinkSigner {

	private static final String HMAC = "HmacSHA256";

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	// Tokens travel in URLs; anything longer than this is not one of ours.
	private static final int MAX_TOKEN_LENGTH = 1024;

	private final SecretKeySpec key;

	private final Clock clock;

	/**
	 * @param signingKey at least 32 bytes reserved for media links
	 * @param clock the clock expiry is measured by
	 */
	public MediaLinkSigner(byte[] signingKey, Clock clock) {
		if (signingKey == null || signingKey.length < 32) {
			throw new IllegalArgumentException("The media signing key must be at least 32 bytes");
		}
		this.key = new SecretKeySpec(signingKey.clone(), HMAC);
		this.clock = clock;
	}

	/**
	 * Signs a token for an object key.
	 * @param key the object key
	 * @param purpose what the token allows
	 * @param ttl how long it stays valid
	 * @return the token and its expiry
	 */
	public SignedToken sign(String key, Purpose purpose, Duration ttl) {
		MediaKeys.requireValid(key);
		Instant expiresAt = this.clock.instant().plus(ttl);
		byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
		byte[] payload = ByteBuffer.allocate(1 + Long.BYTES + keyBytes.length)
			.put(purpose.code)
			.putLong(expiresAt.getEpochSecond())
			.put(keyBytes)
			.array();
		String token = ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
		return new SignedToken(token, Instant.ofEpochSecond(expiresAt.getEpochSecond()));
	}

	/**
	 * Checks a token's signature, purpose and expiry.
	 * @param token the token as received
	 * @param purpose what the caller is about to allow
	 * @return the object key the token names
	 * @throws InvalidMediaLinkException when the token is malformed, tampered with, for
	 * another purpose, or expired
	 */
	public String verify(String token, Purpose purpose) {
		if (token == null || token.length() > MAX_TOKEN_LENGTH) {
			throw new InvalidMediaLinkException("malformed");
		}
		int dot = token.indexOf('.');
		if (dot <= 0 || dot != token.lastIndexOf('.')) {
			throw new InvalidMediaLinkException("malformed");
		}
		byte[] payload;
		byte[] givenMac;
		try {
			payload = DECODER.decode(token.substring(0, dot));
			givenMac = DECODER.decode(token.substring(dot + 1));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidMediaLinkException("malformed");
		}
		if (!MessageDigest.isEqual(mac(payload), givenMac)) {
			throw new InvalidMediaLinkException("bad signature");
		}
		// Only a payload we signed gets this far, so its layout can be trusted.
		ByteBuffer buffer = ByteBuffer.wrap(payload);
		byte code = buffer.get();
		Instant expiresAt = Instant.ofEpochSecond(buffer.getLong());
		if (code != purpose.code) {
			throw new InvalidMediaLinkException("wrong purpose");
		}
		if (!this.clock.instant().isBefore(expiresAt)) {
			throw new InvalidMediaLinkException("expired");
		}
		return new String(payload, buffer.position(), buffer.remaining(), StandardCharsets.UTF_8);
	}

	private byte[] mac(byte[] payload) {
		try {
			Mac mac = Mac.getInstance(HMAC);
			mac.init(this.key);
			return mac.doFinal(payload);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is unavailable", ex);
		}
	}

	/**
	 * What a token allows. The purpose is signed, so a download link cannot be replayed
	 * as an upload target.
	 */
	public enum Purpose {

		/** Read the object (served at {@code /media/{token}}). */
		READ((byte) 'R'),

		/**
		 * Upload the object's bytes through Herald (stores without presigned uploads).
		 */
		UPLOAD((byte) 'U');

		private final byte code;

		Purpose(byte code) {
			this.code = code;
		}

	}

	/**
	 * A signed token.
	 *
	 * @param token the URL-safe token
	 * @param expiresAt when it stops being accepted
	 */
	public record SignedToken(String token, Instant expiresAt) {

	}

}
