package io.herald.core.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** The client authentication rules of a Postgres data directory. */
record PgHba(Path file, String content) {

	// A rule line (not a comment) whose method is "trust" (options may follow it).
	private static final Pattern TRUST = Pattern.compile("(?m)^(\\s*(?:local|host\\w*)\\s[^#\\n]*?\\s)trust\\b");

	static PgHba read(Path dataDirectory) {
		Path file = dataDirectory.resolve("pg_hba.conf");
		try {
			return new PgHba(file, Files.readString(file, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
	}

	boolean trustsAnyone() {
		return TRUST.matcher(this.content).find();
	}

	/** Every trusting rule asks for a SCRAM password instead. */
	void requirePasswords() {
		try {
			Files.writeString(this.file, TRUST.matcher(this.content).replaceAll("$1scram-sha-256"),
					StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot rewrite " + this.file, ex);
		}
	}

}
