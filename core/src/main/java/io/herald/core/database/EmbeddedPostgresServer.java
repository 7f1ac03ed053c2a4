package io.herald.core.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herald.core.secrets.SecretFiles;

import org.springframework.beans.factory.DisposableBean;

/**
 * The embedded Postgres of the default run: real Postgres binaries, data kept in
 * {@code <dataDir>/pg} across restarts, reachable on 127.0.0.1 only and only with the
 * password kept in {@code <dataDir>/postgres.password} (beside the generated master key).
 */
class EmbeddedPostgresServer implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

	static final String PASSWORD_FILE = "postgres.password";

	private static final String SUPERUSER = "postgres";

	private final EmbeddedPostgres postgres;

	private final String password;

	EmbeddedPostgresServer(Path dataDir, int port) {
		Path pgDir = dataDir.resolve("pg").toAbsolutePath().normalize();
		Path passwordFile = dataDir.resolve(PASSWORD_FILE).toAbsolutePath().normalize();
		this.password = SecretFiles.readOrCreate(passwordFile, 24, "the embedded Postgres password");
		try {
			Files.createDirectories(pgDir);
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setDataDirectory(pgDir)
				.setCleanDataDirectory(false)
				// Spring stops the server when the context closes, after the engine has
				// drained and the pool is closed. zonky's own JVM hook would stop it at
				// once on SIGTERM, while publications in flight still need to record
				// their outcome.
				.setRegisterShutdownHook(false)
				// Zonky runs initdb with "-A trust"; these later options win: every
				// connection (socket or TCP) must give the superuser's password.
				.setLocaleConfig("auth", "scram-sha-256")
				.setLocaleConfig("pwfile", passwordFile.toString())
				.setConnectConfig("password", this.password)
				.setServerConfig("listen_addresses", "127.0.0.1")
				.setServerConfig("password_encryption", "scram-sha-256")
				.setServerConfig("max_connections", "200")
				// The embedded server is a real deployment's database: a commit must
				// survive a crash (zonky's default is synchronous_commit=off, fine for
				// tests only). The engine's attempt rows rely on it not to publish twice
				// after a crash.
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("fsync", "on")
				.setServerConfig("full_page_writes", "on");
			if (port > 0) {
				builder.setPort(port);
			}
			this.postgres = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded Postgres in " + pgDir, ex);
		}
		requirePasswords(pgDir);
		log.info("Embedded Postgres started on 127.0.0.1:{} with data in {}", this.postgres.getPort(), pgDir);
	}

	/**
	 * A data directory made before passwords were required trusts every local connection:
	 * give the superuser the password, then make pg_hba.conf ask for it.
	 */
	private void requirePasswords(Path pgDir) {
		PgHba hba = PgHba.read(pgDir);
		if (!hba.trustsAnyone()) {
			return;
		}
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			// The password is base64 (no quote can end the literal).
			statement.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + this.password + "'");
			hba.requirePasswords();
			statement.execute("SELECT pg_reload_conf()");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not set the embedded Postgres password in " + pgDir, ex);
		}
		log.info("The embedded Postgres in {} now requires the password in {} (it trusted local connections)", pgDir,
				PASSWORD_FILE);
	}

	JdbcUrl jdbcUrl() {
		return new JdbcUrl("jdbc:postgresql://127.0.0.1:" + this.postgres.getPort() + "/postgres", SUPERUSER,
				this.password);
	}

	@Override
	public void destroy() throws IOException {
		this.postgres.close();
	}

}
