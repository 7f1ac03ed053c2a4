package io.herald.worker.chaos;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.herald.worker.support.Fixtures;
import io.herald.worker.support.Poll;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM to a node of the embedded default while a publication is under way: the engine
 * drains, records the outcome in its own embedded Postgres, and only then does that
 * database stop.
 */
class GracefulShutdownChaosTests {

	@Test
	void sigterm_during_a_publication_records_its_outcome_before_the_embedded_database_stops(@TempDir Path dataDir)
			throws Exception {
		int port = freePort();
		String scheduler = "sigterm-" + UUID.randomUUID();
		// A blank database URL: the node starts its own embedded Postgres in dataDir.
		// Its own log file: WorkerProcess appends, and this test reads the whole log.
		WorkerProcess node = WorkerProcess.start(scheduler, "", scheduler,
				List.of("--herald.data-dir=" + dataDir, "--herald.database.data-dir=" + dataDir,
						"--herald.database.embedded-port=" + port, "--herald.drivers.sandbox.latency=8s",
						"--herald.drivers.sandbox.max-latency=8s", "--herald.worker.shutdown-grace=30s",
						"--logging.level.org.quartz=INFO", "--logging.level.org.hibernate=WARN"));
		UUID target;
		UUID post;
		Instant sigterm;
		try {
			Path passwordFile = dataDir.resolve("postgres.password");
			Poll.until(Duration.ofMinutes(3), "the node's embedded Postgres is up",
					() -> Files.exists(passwordFile) && reachable(port, passwordFile),
					() -> " (log in " + node.log() + ")");
			SingleConnectionDataSource database = dataSource(port, Files.readString(passwordFile).trim());
			JdbcTemplate jdbc = new JdbcTemplate(database);
			// Started: a SIGTERM during startup would wait for the start to finish.
			Poll.until(Duration.ofMinutes(3), "the node started",
					() -> tableExists(jdbc) && ChaosDatabase.schedulerInstances(jdbc, scheduler) == 1
							&& logContains(node, "Started ChaosWorkerMain"),
					() -> " (log in " + node.log() + ")");
			Fixtures fixtures = new Fixtures(database, null);
			UUID workspace = fixtures.workspace();
			UUID account = fixtures.account(workspace, "sigterm", null);
			post = fixtures.post(workspace, "Out during shutdown");
			target = fixtures.target(workspace, post, account, Instant.now());
			// The attempt row is written just before the network call (which takes 8 s);
			// a target only claimed may still be released unpublished by the shutdown.
			Poll.until(Duration.ofMinutes(1), "the publication is under way",
					() -> "PUBLISHING".equals(fixtures.status(target)) && fixtures.jdbc()
						.queryForObject("SELECT count(*) FROM publish_attempt WHERE target_id = ?", Long.class,
								target) == 1,
					() -> " (log in " + node.log() + ")");
			database.destroy();
			sigterm = Instant.now();
			node.stop();
		}
		finally {
			node.kill();
		}
		String log = Files.readString(node.log().toPath());
		try (EmbeddedPostgres reopened = EmbeddedPostgres.builder()
			.setDataDirectory(dataDir.resolve("pg"))
			.setCleanDataDirectory(false)
			.setRegisterShutdownHook(false)
			.setConnectConfig("password", Files.readString(dataDir.resolve("postgres.password")).trim())
			.start()) {
			Fixtures after = new Fixtures(reopened.getPostgresDatabase(), null);
			assertThat(after.status(target)).as("%s%n%s", after.target(target), log).isEqualTo("PUBLISHED");
			assertThat(after.publications(target)).isEqualTo(1);
			// The outcome came in after the signal: the publication was in flight.
			assertThat(after.jdbc()
				.queryForObject("SELECT count(*) FROM publish_attempt WHERE target_id = ? AND finished_at > ?",
						Long.class, target, sigterm.atOffset(java.time.ZoneOffset.UTC)))
				.isEqualTo(1);
		}
		assertThat(log).doesNotContain("Connection is closed")
			.doesNotContain("Runtime error occurred in main trigger firing loop")
			.doesNotContain("still under way");
	}

	private static boolean reachable(int port, Path passwordFile) {
		try (Connection connection = dataSource(port, Files.readString(passwordFile).trim()).getConnection()) {
			return connection.isValid(2);
		}
		catch (SQLException | IOException ex) {
			return false;
		}
	}

	private static boolean logContains(WorkerProcess node, String text) {
		try {
			return Files.readString(node.log().toPath()).contains(text);
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static boolean tableExists(JdbcTemplate jdbc) {
		return Boolean.TRUE.equals(jdbc.queryForObject(
				"SELECT to_regclass('public.qrtz_scheduler_state') IS NOT NULL AND to_regclass('public.sandbox_publication') IS NOT NULL",
				Boolean.class));
	}

	private static SingleConnectionDataSource dataSource(int port, String password) {
		return new SingleConnectionDataSource("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", password,
				true);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
