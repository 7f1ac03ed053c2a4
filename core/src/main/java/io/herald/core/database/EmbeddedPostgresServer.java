package io.herald.core.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * The embedded Postgres of the default run: real Postgres binaries, data kept in
 * {@code <dataDir>/pg} across restarts.
 */
class EmbeddedPostgresServer implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

	private final EmbeddedPostgres postgres;

	EmbeddedPostgresServer(Path dataDir, int port) {
		Path pgDir = dataDir.resolve("pg").toAbsolutePath().normalize();
		try {
			Files.createDirectories(pgDir);
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setDataDirectory(pgDir)
				.setCleanDataDirectory(false)
				.setServerConfig("max_connections", "200")
				// The embedded server is a real deployment's database: a commit must
				// survive a
				// crash (zonky's default is synchronous_commit=off, fine for tests only).
				// The
				// engine's attempt rows rely on it not to publish twice after a crash.
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
		log.info("Embedded Postgres started on port {} with data in {}", this.postgres.getPort(), pgDir);
	}

	JdbcUrl jdbcUrl() {
		return new JdbcUrl("jdbc:postgresql://localhost:" + this.postgres.getPort() + "/postgres", "postgres",
				"postgres");
	}

	@Override
	public void destroy() throws IOException {
		this.postgres.close();
	}

}
