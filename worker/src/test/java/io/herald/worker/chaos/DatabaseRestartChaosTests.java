package io.herald.worker.chaos;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.herald.worker.support.Fixtures;
import io.herald.worker.support.Poll;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database crashes in the middle of a burst ({@code pg_ctl stop -m immediate}: no
 * checkpoint, WAL recovery on the next start) and comes back on the same port: the worker
 * recovers by itself, every publication committed before the crash is still there,
 * nothing is lost or duplicated, and the targets whose calls were cut are reconciled.
 * Uses a Postgres of its own (the shared one cannot be crashed), configured as
 * production's: commits are durable.
 */
class DatabaseRestartChaosTests {

	private static final int TARGETS = 3_000;

	@Test
	void recovers_from_a_database_crash_mid_burst_without_losing_or_duplicating_anything() throws Exception {
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
						"--herald.drivers.sandbox.reconcile=timeline", "--herald.drivers.sandbox.visibility-lag=1s",
						"--herald.drivers.sandbox.call-timeout=2s", "--herald.database.startup-timeout=120s"));
		try {
			SingleConnectionDataSource first = new SingleConnectionDataSource(url, true);
			JdbcTemplate jdbc = new JdbcTemplate(first);
			assertThat(jdbc.queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("on");
			// Generous: a JVM start took over two minutes on a loaded two-core box.
			Poll.until(Duration.ofMinutes(6), "the worker joined",
					() -> ChaosDatabase.schedulerInstances(jdbc, scheduler) == 1,
					() -> " (log in " + worker.log() + ")");
			Fixtures fixtures = new Fixtures(first, null);
			UUID workspace = fixtures.workspace();
			List<UUID> accounts = IntStream.range(0, 20)
				.mapToObj((i) -> fixtures.account(workspace, "r" + i, null))
				.toList();
			fixtures.bulkTargets(workspace, accounts, TARGETS, Instant.now().plusSeconds(1), 1000);
			new ChaosRun(jdbc).awaitPublished("some are published", Duration.ofMinutes(2), (n) -> n >= 300);
			List<Map<String, Object>> publishedBefore = jdbc
				.queryForList("SELECT id, remote_id FROM post_target WHERE status = 'PUBLISHED'");
			crash(dataDir);
			first.destroy();
			postgres.close();
			postgres = start(dataDir, port);
			SingleConnectionDataSource second = new SingleConnectionDataSource(url, true);
			JdbcTemplate recovered = new JdbcTemplate(second);
			ChaosRun run = new ChaosRun(recovered);
			run.awaitAllTerminal(TARGETS, Duration.ofMinutes(4));
			assertThat(worker.alive()).isTrue();
			assertThat(run.count("PUBLISHED")).as(run.summary()).isEqualTo(TARGETS);
			assertThat(run.duplicates()).isEmpty();
			assertThat(run.publications()).as("publications at the network").isEqualTo(TARGETS);
			assertThat(run.mismatches()).isZero();
			for (Map<String, Object> target : publishedBefore) {
				assertThat(recovered.queryForObject("SELECT remote_id FROM post_target WHERE id = ?", String.class,
						target.get("id")))
					.as("committed before the crash")
					.isEqualTo(target.get("remote_id"));
			}
			List<String> cut = run.uncertainAttempts();
			List<String> reconciled = cut.stream()
				.filter((target) -> !worker.logLines("Reconciled target " + target).isEmpty())
				.toList();
			System.out.printf("Database crash: %d published before it, %d targets left uncertain, %d reconciled%n",
					publishedBefore.size(), cut.size(), reconciled.size());
			assertThat(cut).as("the crash landed mid-burst").isNotEmpty();
			assertThat(reconciled).as("targets left uncertain are reconciled").isEqualTo(cut);
			second.destroy();
		}
		finally {
			worker.kill();
			postgres.close();
		}
	}

	/**
	 * {@code pg_ctl stop -m immediate}, done as pg_ctl does it: SIGQUIT to the
	 * postmaster, which stops every process at once, flushing and checkpointing nothing;
	 * the next start replays the WAL. (pg_ctl itself refuses to run as root, which CI
	 * boxes are.)
	 */
	private static void crash(Path dataDir) throws Exception {
		long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
		ProcessHandle postmaster = ProcessHandle.of(pid)
			.orElseThrow(() -> new IllegalStateException("No running postmaster " + pid));
		Process kill = new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).inheritIO().start();
		assertThat(kill.waitFor(30, TimeUnit.SECONDS) && kill.exitValue() == 0).as("SIGQUIT sent").isTrue();
		postmaster.onExit().get(60, TimeUnit.SECONDS);
	}

	private static EmbeddedPostgres start(Path dataDir, int port) throws IOException {
		return EmbeddedPostgres.builder()
			.setDataDirectory(dataDir)
			.setCleanDataDirectory(false)
			.setPort(port)
			.setServerConfig("max_connections", "100")
			// As production (EmbeddedPostgresServer): zonky's test default is off, which
			// would let a crash take back commits the engine relies on.
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("fsync", "on")
			.setServerConfig("full_page_writes", "on")
			.start();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
