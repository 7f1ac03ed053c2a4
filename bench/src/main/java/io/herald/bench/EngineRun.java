package io.herald.bench;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One measured engine run: a fresh database, worker processes that joined the cluster, a
 * warm-up batch published and cleared, then posts loaded due at {@code dueAt} (the
 * workers are already idle and waiting), and the wait until every target is terminal.
 * <p>
 * The warm-up stands for a worker that has been running for a while: on 2 cores the JIT
 * takes a large share of the CPU in a worker's first minute, which a long-running node no
 * longer pays. Its throughput is kept, so the cold figure is reported too.
 *
 * @param outcome what the database says afterwards
 * @param start when the clock starts: the first due time, or the load's commit if later
 * @param peakRssBytes each worker's peak resident set size (VmHWM)
 * @param settings what the run used
 * @param database the database's name (for follow-up queries)
 * @param warmupThroughput posts/s of the warm-up batch, on just-started workers
 */
record EngineRun(Outcome outcome, Instant start, List<Long> peakRssBytes, Map<String, Object> settings, String database,
		double warmupThroughput) {

	static final int ACCOUNTS = 200;

	double throughput() {
		return this.outcome.throughputSince(this.start);
	}

	long maxPeakRssBytes() {
		return this.peakRssBytes.stream().mapToLong(Long::longValue).max().orElse(-1);
	}

	/**
	 * Runs the engine over {@code posts} posts due in a burst {@code spreadMillis} wide.
	 * @param lead how long after the load starts the posts are due
	 */
	static EngineRun run(Context context, String label, int nodes, int posts, Duration lead, long spreadMillis,
			List<String> workerSettings, Duration timeout) throws Exception {
		String database = context.postgres().freshHeraldDatabase(label);
		String cluster = "bench-" + label + "-" + UUID.randomUUID().toString().substring(0, 8);
		List<ManagedProcess> workers = new ArrayList<>();
		try (Connection connection = context.postgres().connect(database)) {
			workers.add(context.workers().start(label + "-w1", database, cluster, workerSettings));
			Workload workload = new Workload();
			UUID workspace = workload.workspace(connection);
			List<UUID> accounts = workload.accounts(connection, workspace, ACCOUNTS);
			context.workers().awaitJoined(database, cluster, workers, Duration.ofMinutes(3));
			// Further nodes join a running cluster: nodes that start at the same moment
			// on
			// a fresh database can collide registering the engine's Quartz jobs.
			for (int i = 2; i <= nodes; i++) {
				workers.add(context.workers().start(label + "-w" + i, database, cluster, workerSettings));
			}
			context.workers().awaitJoined(database, cluster, workers, Duration.ofMinutes(3));
			// --quick skips it to stay within its time; its figures are cold ones.
			int warmupPosts = context.options().size(20_000, 0);
			double warmupThroughput = (warmupPosts > 0)
					? warmUp(connection, workload, workspace, accounts, label, warmupPosts, timeout, workers)
					: Double.NaN;
			Instant dueAt = Instant.now().plus(lead);
			Instant committed = workload.posts(connection, workspace, accounts, label, posts, dueAt, spreadMillis);
			Instant start = committed.isAfter(dueAt) ? committed : dueAt;
			if (committed.isAfter(dueAt)) {
				System.out.println("     note: the load committed " + Duration.between(dueAt, committed).toMillis()
						+ " ms after the first due time; the clock starts at the commit");
			}
			Outcome outcome = Outcome.await(connection, posts, timeout, Duration.ofSeconds(60),
					workers.toArray(new ManagedProcess[0]));
			List<Long> peaks = workers.stream().map(ManagedProcess::peakRssBytes).toList();
			Map<String, Object> settings = new LinkedHashMap<>();
			settings.put("posts", posts);
			settings.put("accounts", ACCOUNTS);
			settings.put("workers", nodes);
			settings.put("dueSpreadMillis", spreadMillis);
			settings.put("workerArgs", context.workers().settings(workerSettings));
			settings.put("workerJvm", Workers.JVM_OPTIONS);
			settings.put("warmupPosts", warmupPosts);
			if (warmupPosts > 0) {
				settings.put("warmupThroughput", Math.round(warmupThroughput));
			}
			return new EngineRun(outcome, start, peaks, settings, database, warmupThroughput);
		}
		finally {
			for (ManagedProcess worker : workers) {
				worker.stop(30);
			}
		}
	}

	/**
	 * Publishes a batch like the measured one, checks it, then deletes it (posts cascade
	 * to targets and attempts) so the measured run starts from an empty queue. The
	 * statistics are left to autovacuum: analyzing the emptied tables here (a state
	 * Herald's tables never reach, since published targets stay as history) made the
	 * measured run several times slower.
	 * @return the batch's throughput
	 */
	private static double warmUp(Connection connection, Workload workload, UUID workspace, List<UUID> accounts,
			String label, int posts, Duration timeout, List<ManagedProcess> workers) throws Exception {
		Instant dueAt = Instant.now().plus(leadFor(posts));
		Instant committed = workload.posts(connection, workspace, accounts, label + "-warmup", posts, dueAt, 1);
		Outcome outcome = Outcome.await(connection, posts, timeout, Duration.ofSeconds(60),
				workers.toArray(new ManagedProcess[0]));
		if (!outcome.correct()) {
			throw new IllegalStateException("warm-up run was not correct: " + outcome.problem());
		}
		double throughput = outcome.throughputSince(committed.isAfter(dueAt) ? committed : dueAt);
		System.out.printf("     warm-up: %,d posts at %,.0f posts/s on just-started workers%n", posts, throughput);
		try (Statement statement = connection.createStatement()) {
			statement.execute("DELETE FROM post");
			statement.execute("DELETE FROM sandbox_publication");
		}
		return throughput;
	}

	/**
	 * Due times come after the load (about 10,000 posts a second on a busy 2-core box);
	 * if the load commits later, the clock starts at the commit instead.
	 */
	static Duration leadFor(int posts) {
		return Duration.ofMillis(2000 + posts / 10L);
	}

}
