package io.herald.core.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secrets Herald generates for itself in its data directory (the master key of the
 * embedded default, the embedded Postgres password): random, base64, readable by the
 * owner only, made once and read on every later start.
 */
public final class SecretFiles {

	private static final Logger log = LoggerFactory.getLogger(SecretFiles.class);

	private SecretFiles() {
	}

	/**
	 * The secret in {@code file}, generated on first use.
	 * @param file where the secret is kept
	 * @param randomBytes how many random bytes a new secret has
	 * @param what what the secret is, for the log line of a new one
	 * @return the secret, base64
	 */
	public static String readOrCreate(Path file, int randomBytes, String what) {
		try {
			if (Files.exists(file)) {
				return Files.readString(file, StandardCharsets.US_ASCII).trim();
			}
			Files.createDirectories(file.toAbsolutePath().getParent());
			byte[] fresh = new byte[randomBytes];
			new SecureRandom().nextBytes(fresh);
			String secret = Base64.getEncoder().encodeToString(fresh);
			Files.writeString(file, secret, StandardCharsets.US_ASCII);
			try {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// Not a POSIX file system; the directory's permissions are all we have.
			}
			log.info("Generated {} in {}", what, file);
			return secret;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create " + what + " in " + file, ex);
		}
	}

}
