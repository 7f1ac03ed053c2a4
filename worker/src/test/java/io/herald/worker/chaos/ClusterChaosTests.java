package io.herald.worker.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import io.herald.testing.SharedPostgres;
import io.herald.worker.support.Fixtures;
import io.herald.worker.support.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three worker JVMs on one Postgres, 10,000 targets due within one second, nodes killed
 * with SIGKILL and restarted mid-run. Runs in the {@code chaos} Maven profile (it takes a
 * few minutes on a small box).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterChaosTests {

	private static final int TARGETS = 10_000;

	private static final List<String> SETTINGS = List.of("--herald.worker.lease=15s",
			"--herald.worker.sweep-interval=1s", "--herald.worker.backoff-base=500ms", "--herald.worker.backoff-max=5s",
			"--herald.worker.max-attempts=8", "--herald.worker.shutdown-grace=5s",
			"--herald.drivers.sandbox.retry-after=1s", "--herald.database.max-pool-size=24");

	private static final String SCHEDULER = "chaos-" + UUID.randomUUID();

	private static final List<WorkerProcess> workers = new ArrayList<>();

	private static String url;

	private static SingleConnectionDataSource dataSource;

	private static JdbcTemplate jdbc;

	private static Fixtures fixtures;

	private static ChaosRun run;

	@BeforeAll
	static void startCluster() {
		url = ChaosDatabase.create(SharedPostgres.dataSource(), SharedPostgres.instance().getPort());
		dataSource = new SingleConnectionDataSource(url, true);
		jdbc = new JdbcTemplate(dataSource);
		fixtures = new Fixtures(dataSource, null);
		run = new ChaosRun(jdbc);
		for (String name : List.of("w1", "w2", "w3")) {
			workers.add(WorkerProcess.start(name, url, SCHEDULER, SETTINGS));
		}
		awaitNodes(3);
	}

	@AfterAll
	static void stopCluster() throws InterruptedException {
		for (WorkerProcess worker : workers) {
			worker.kill();
		}
		if (dataSource != null) {
			dataSource.destroy();
		}
	}

	@Test
	@Order(1)
	void publishes_every_target_exactly_once_while_nodes_are_killed_and_restarted() throws Exception {
		UUID workspace = fixtures.workspace();
		List<UUID> accounts = IntStream.range(0, 40)
			.mapToObj((i) -> fixtures.account(workspace, "c" + i, null))
			.toList();
		fixtures.bulkTargets(workspace, accounts, TARGETS, Instant.now().plusSeconds(2), 1000);
		run.awaitPublished("a quarter is published", Duration.ofMinutes(3), (n) -> n >= TARGETS / 4);
		worker("w1").kill();
		run.awaitPublished("half is published", Duration.ofMinutes(3), (n) -> n >= TARGETS / 2);
		worker("w2").stop();
		workers.add(WorkerProcess.start("w2b", url, SCHEDULER, SETTINGS));
		run.awaitAllTerminal(TARGETS, Duration.ofMinutes(4));
		System.out.printf("Chaos run without faults: %.0f targets/s from first due time to last publication%n",
				run.throughput());
		assertThat(run.count("PUBLISHED")).as(run.summary()).isEqualTo(TARGETS);
		assertThat(run.duplicates()).isEmpty();
		assertThat(run.publications()).isEqualTo(TARGETS);
		assertThat(run.mismatches()).isZero();
	}

	@Test
	@Order(2)
	void ends_every_target_published_or_failed_with_a_reason_under_injected_faults() throws Exception {
		jdbc.execute("TRUNCATE post_target, post, sandbox_publication, publish_attempt, rate_budget CASCADE");
		workers.add(WorkerProcess.start("w4", url, SCHEDULER, SETTINGS));
		awaitNodes(3);
		UUID workspace = fixtures.workspace();
		List<UUID> accounts = IntStream.range(0, 40)
			.mapToObj((i) -> fixtures.account(workspace, "f" + i,
					"transient=0.08;rate_limited=0.04;unknown_outcome=0.08"))
			.toList();
		fixtures.bulkTargets(workspace, accounts, TARGETS, Instant.now().plusSeconds(2), 1000);
		run.awaitPublished("a third is published", Duration.ofMinutes(3), (n) -> n >= TARGETS / 3);
		worker("w3").kill();
		run.awaitAllTerminal(TARGETS, Duration.ofMinutes(5));
		System.out.printf("Chaos run with 20%% faults: %.0f targets/s; %s%n", run.throughput(), run.summary());
		assertThat(run.count("PUBLISHED") + run.count("FAILED")).isEqualTo(TARGETS);
		assertThat(run.failedWithoutReason()).isZero();
		assertThat(run.duplicates()).isEmpty();
		assertThat(run.mismatches()).isZero();
		assertThat(jdbc.queryForObject("SELECT count(*) FROM publish_attempt WHERE error_kind = 'UNKNOWN_OUTCOME'",
				Long.class))
			.as("unknown outcomes were injected and reconciled")
			.isPositive();
	}

	private static WorkerProcess worker(String name) {
		return workers.stream().filter((w) -> w.name().equals(name)).findFirst().orElseThrow();
	}

	private static void awaitNodes(int nodes) {
		Poll.until(Duration.ofMinutes(3), nodes + " worker nodes in the cluster",
				() -> ChaosDatabase.schedulerInstances(jdbc, SCHEDULER) >= nodes
						&& workers.stream().filter(WorkerProcess::alive).count() >= nodes,
				() -> " (logs in target/chaos)");
	}

}
