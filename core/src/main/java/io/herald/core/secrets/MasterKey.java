package io.herald.core.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.core.env.PropertyResolver;

/**
 * Herald's master key. Every use gets its own subkey ({@link #derive}), so the key that
 * encrypts credentials is never the key that signs media links.
 */
public final class MasterKey {

	static final int MIN_BYTES = 32;

	private final byte[] key;

	MasterKey(byte[] key) {
		if (key.length < MIN_BYTES) {
			throw new IllegalStateException("HERALD_SECRET_KEY must be at least " + MIN_BYTES
					+ " bytes (for example: openssl rand -base64 32)");
		}
		this.key = key.clone();
	}

	static MasterKey load(SecretProperties properties, boolean externalDatabase) {
		checkCanLoad(properties, externalDatabase);
		String configured = properties.secretKey();
		if (configured != null && !configured.isBlank()) {
			return new MasterKey(decode(configured.trim()));
		}
		return new MasterKey(decode(SecretFiles.readOrCreate(properties.dataDir().resolve("secret.key"), MIN_BYTES,
				"a new secret key (set HERALD_SECRET_KEY in production)")));
	}

	/**
	 * Fails when no key is set where Herald may not generate one: in the {@code prod}
	 * profile, and with an external database, whose every node needs the same key and
	 * whose backups must not carry it.
	 */
	static void checkCanLoad(SecretProperties properties, boolean externalDatabase) {
		if (properties.secretKey() != null && !properties.secretKey().isBlank()) {
			return;
		}
		if (properties.secretKeyRequired()) {
			throw new MissingSecretKeyException("HERALD_SECRET_KEY is not set. The prod profile refuses to start"
					+ " without it: it encrypts account credentials and signs media links.");
		}
		if (externalDatabase) {
			throw new MissingSecretKeyException("HERALD_SECRET_KEY is not set. With DATABASE_URL (an external"
					+ " database) Herald does not generate one: every node needs the same key, kept apart from the database.");
		}
	}

	static boolean externalDatabase(PropertyResolver environment) {
		return !environment.getProperty("herald.database.url", "").isBlank();
	}

	private static byte[] decode(String value) {
		try {
			byte[] decoded = Base64.getDecoder().decode(value);
			if (decoded.length >= MIN_BYTES) {
				return decoded;
			}
		}
		catch (IllegalArgumentException ex) {
			// Not base64: use the text itself.
		}
		return value.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * A subkey for one purpose (HMAC-SHA256 of the purpose under the master key).
	 * @param purpose what the subkey is for, such as {@code credentials} or
	 * {@code media-links}
	 * @return 32 bytes only usable for that purpose
	 */
	public byte[] derive(String purpose) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key, "HmacSHA256"));
			return mac.doFinal(("herald/" + purpose).getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 unavailable", ex);
		}
	}

	@Override
	public String toString() {
		return "MasterKey[***]";
	}

}
