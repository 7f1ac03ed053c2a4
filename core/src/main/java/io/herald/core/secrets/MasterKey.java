package io.herald.core.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Herald's master key. Every use gets its own subkey ({@link #derive}), so the key that
 * encrypts credentials is never the key that signs media links.
 */
public final class MasterKey {

	private static final Logger log = LoggerFactory.getLogger(MasterKey.class);

	static final int MIN_BYTES = 32;

	private final byte[] key;

	MasterKey(byte[] key) {
		if (key.length < MIN_BYTES) {
			throw new IllegalStateException("HERALD_SECRET_KEY must be at least " + MIN_BYTES
					+ " bytes (for example: openssl rand -base64 32)");
		}
		this.key = key.clone();
	}

	static MasterKey load(SecretProperties properties) {
		String configured = properties.secretKey();
		if (configured != null && !configured.isBlank()) {
			return new MasterKey(decode(configured.trim()));
		}
		if (properties.secretKeyRequired()) {
			throw new IllegalStateException(
					"HERALD_SECRET_KEY is not set. The prod profile refuses to start without it:"
							+ " it encrypts account credentials and signs media links. Generate one with"
							+ " 'openssl rand -base64 32' and keep it safe; losing it makes stored credentials unreadable.");
		}
		return new MasterKey(generatedKey(properties.dataDir().resolve("secret.key")));
	}

	private static byte[] generatedKey(Path file) {
		try {
			if (Files.exists(file)) {
				return decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
			}
			Files.createDirectories(file.getParent());
			byte[] fresh = new byte[MIN_BYTES];
			new SecureRandom().nextBytes(fresh);
			Files.writeString(file, Base64.getEncoder().encodeToString(fresh), StandardCharsets.US_ASCII);
			try {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// Not a POSIX file system; the directory's permissions are all we have.
			}
			log.info("Generated a new secret key in {} (set HERALD_SECRET_KEY in production)", file);
			return fresh;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create the secret key file " + file, ex);
		}
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
