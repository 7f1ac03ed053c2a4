package io.herald.worker.chaos;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import io.herald.worker.support.Fixtures;
import io.herald.worker.support.Poll;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database goes away in the middle of a run and comes back on the same port: the
 * worker recovers by itself and nothing is lost or duplicated. Uses a Postgres of its own
 * (the shared one cannot be stopped).
 */
class DatabaseRestartChaosTests {

	private static final int TARGETS = 3_000;

	@Test
	void recovers_from_a_database_restart_without_losing_or_duplicating_anything() throws Exception {
		int port = freePort();
		Path dataDir = Files.createTempDirectory("herald-restart-pg");
		EmbeddedPostgres postgres = start(dataDir, port);
		String url = "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres&password=postgres";
		org.flywaydb.core.Flyway.configure()
			.dataSource(postgres.getPostgresDatabase())
			.locations("classpath:db/migration")
			.load()
			.migrate();
		String scheduler = "restart-" + UUID.randomUUID();
		WorkerProcess worker = WorkerProcess.start("r1", url, scheduler,
				List.of("--herald.worker.lease=5s", "--herald.worker.sweep-interval=1s",
						"--herald.worker.backoff-base=500ms", "--herald.drivers.sandbox.latency=20ms",
						"--herald.database.startup-timeout=120s"));
		try {
			SingleConnectionDataSource first = new SingleConnectionDataSource(url, true);
			JdbcTemplate jdbc = new JdbcTemplate(first);
			Poll.until(Duration.ofMinutes(3), "the worker joined",
					() -> ChaosDatabase.schedulerInstances(jdbc, scheduler) == 1,
					() -> " (log in " + worker.log() + ")");
			Fixtures fixtures = new Fixtures(first, null);
			UUID workspace = fixtures.workspace();
			List<UUID> accounts = IntStream.range(0, 20)
				.mapToObj((i) -> fixtures.account(workspace, "r" + i, null))
				.toList();
			fixtures.bulkTargets(workspace, accounts, TARGETS, Instant.now().plusSeconds(1), 1000);
			new ChaosRun(jdbc).awaitPublished("some are published", Duration.ofMinutes(2), (n) -> n >= 300);
			first.destroy();
			postgres.close();
			postgres = start(dataDir, port);
			SingleConnectionDataSource second = new SingleConnectionDataSource(url, true);
			ChaosRun run = new ChaosRun(new JdbcTemplate(second));
			run.awaitAllTerminal(TARGETS, Duration.ofMinutes(4));
			assertThat(worker.alive()).isTrue();
			assertThat(run.count("PUBLISHED")).as(run.summary()).isEqualTo(TARGETS);
			assertThat(run.duplicates()).isEmpty();
			assertThat(run.mismatches()).isZero();
			second.destroy();
		}
		finally {
			worker.kill();
			postgres.close();
		}
	}

	private static EmbeddedPostgres start(Path dataDir, int port) throws IOException {
		return EmbeddedPostgres.builder()
			.setDataDirectory(dataDir)
			.setCleanDataDirectory(false)
			.setPort(port)
			.setServerConfig("max_connections", "100")
			.start();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
