package io.herald.worker.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import io.herald.drivers.sandbox.SandboxBackend;
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
 * with SIGKILL and restarted mid-run, then nodes halted by the sandbox at the two worst
 * instants of a call. Reconcile searches the sandbox like a timeline (by account, time
 * window and content, with a visibility lag), as it must against X or Instagram.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterChaosTests {

	private static final int TARGETS = 10_000;

	private static final List<String> SETTINGS = List.of("--herald.worker.lease=15s",
			"--herald.worker.sweep-interval=1s", "--herald.worker.backoff-base=500ms", "--herald.worker.backoff-max=5s",
			"--herald.worker.max-attempts=12", "--herald.worker.shutdown-grace=5s",
			"--herald.drivers.sandbox.retry-after=1s", "--herald.database.max-pool-size=24",
			"--herald.drivers.sandbox.reconcile=timeline", "--herald.drivers.sandbox.visibility-lag=1s",
			"--herald.drivers.sandbox.call-timeout=2s");

	private static final int CRASH_WAVE = 200;

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
		assertThat(run.publications()).as("publications at the network").isEqualTo(run.count("PUBLISHED"));
		assertThat(jdbc.queryForObject("SELECT count(*) FROM publish_attempt WHERE error_kind = 'UNKNOWN_OUTCOME'",
				Long.class))
			.as("unknown outcomes were injected and reconciled")
			.isPositive();
	}

	@Test
	@Order(3)
	void a_node_halted_before_the_call_or_after_the_network_stored_the_post_loses_and_duplicates_nothing()
			throws Exception {
		jdbc.execute("TRUNCATE post_target, post, sandbox_publication, publish_attempt, rate_budget CASCADE");
		WorkerProcess beforeCall = victim("v1", "crash_before_call");
		WorkerProcess afterStore = victim("v2", "crash_after_store");
		awaitNodes(4);
		// Waves until both victims have made their first call: a node that just joined
		// may find a single burst already claimed by the warm ones.
		long targets = 0;
		Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
		while (beforeCall.alive() || afterStore.alive()) {
			assertThat(Instant.now()).as("both victims halted within 3 minutes; " + run.summary()).isBefore(deadline);
			UUID workspace = fixtures.workspace();
			List<UUID> accounts = IntStream.range(0, 5)
				.mapToObj((i) -> fixtures.account(workspace, "k" + i, null))
				.toList();
			fixtures.bulkTargets(workspace, accounts, CRASH_WAVE, Instant.now(), 500);
			targets += CRASH_WAVE;
			Poll.until(Duration.ofMinutes(1), "the wave is claimed", () -> run.dueUnclaimed() == 0, run::summary);
		}
		assertThat(beforeCall.exitValue()).isEqualTo(SandboxBackend.CRASH_EXIT_STATUS);
		assertThat(afterStore.exitValue()).isEqualTo(SandboxBackend.CRASH_EXIT_STATUS);
		run.awaitAllTerminal(targets, Duration.ofMinutes(3));
		assertThat(run.count("PUBLISHED")).as(run.summary()).isEqualTo(targets);
		assertThat(run.duplicates()).isEmpty();
		assertThat(run.publications()).as("publications at the network").isEqualTo(targets);
		assertThat(run.mismatches()).isZero();

		String notCalled = haltedTarget(beforeCall);
		assertThat(run.fate(notCalled)).containsEntry("status", "PUBLISHED").containsEntry("publications", 1L);
		assertThat(run.attemptsByOthers(notCalled, "v1")).as("published again by another node").isPositive();
		assertThat(reconciles(notCalled)).anyMatch((line) -> line.contains("not on the network"));

		String stored = haltedTarget(afterStore);
		Map<String, Object> fate = run.fate(stored);
		assertThat(fate).containsEntry("status", "PUBLISHED").containsEntry("publications", 1L);
		assertThat(fate.get("remote_id")).as("the victim's own publication").isEqualTo(fate.get("publication"));
		assertThat(run.attemptsByOthers(stored, "v2")).as("never called again").isZero();
		assertThat(reconciles(stored)).anyMatch((line) -> line.contains("already published"));

		List<String> cut = run.cutAttempts();
		long reconciled = cut.stream().filter((target) -> !reconciles(target).isEmpty()).count();
		System.out.printf(
				"Crash points: %d targets, %d cut mid-call by the two halts, %d reconciled by the survivors%n", targets,
				cut.size(), reconciled);
		assertThat(cut).contains(notCalled, stored);
		assertThat(reconciled).as("every cut target is reconciled before anything else").isEqualTo(cut.size());
	}

	/** A node whose sandbox halts its JVM on its first publish call. */
	private static WorkerProcess victim(String name, String crash) {
		List<String> settings = new ArrayList<>(SETTINGS);
		settings.add("--herald.drivers.sandbox.crash-faults=true");
		settings.add("--herald.drivers.sandbox.faults=" + crash + "=next:1");
		WorkerProcess victim = WorkerProcess.start(name, url, SCHEDULER, settings);
		workers.add(victim);
		return victim;
	}

	/** The target a victim was publishing when its sandbox halted it, from its log. */
	private static String haltedTarget(WorkerProcess victim) {
		List<String> lines = victim.logLines("sandbox: halting the JVM");
		assertThat(lines).as("halt lines in " + victim.log()).hasSize(1);
		String line = lines.get(0);
		return line.substring(line.lastIndexOf(' ') + 1).trim();
	}

	/** What the surviving nodes logged when they reconciled a target. */
	private static List<String> reconciles(String target) {
		return workers.stream().flatMap((worker) -> worker.logLines("Reconciled target " + target).stream()).toList();
	}

	private static WorkerProcess worker(String name) {
		return workers.stream().filter((w) -> w.name().equals(name)).findFirst().orElseThrow();
	}

	private static void awaitNodes(int nodes) {
		// Generous: a JVM start took over two minutes on a loaded two-core box.
		Poll.until(Duration.ofMinutes(6), nodes + " worker nodes in the cluster",
				() -> ChaosDatabase.schedulerInstances(jdbc, SCHEDULER) >= nodes
						&& workers.stream().filter(WorkerProcess::alive).count() >= nodes,
				() -> " (logs in target/chaos)");
	}

}
