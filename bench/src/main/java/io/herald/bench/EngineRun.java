package io.herald.bench;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One measured engine run: a fresh database, worker processes that joined the cluster,
 * then posts loaded due at {@code dueAt} (the workers are already idle and waiting), and
 * the wait until every target is terminal.
 *
 * @param outcome what the database says afterwards
 * @param start when the clock starts: the first due time, or the load's commit if later
 * @param peakRssBytes each worker's peak resident set size (VmHWM)
 * @param settings what the run used
 * @param database the database's name (for follow-up queries)
 */
record EngineRun(Outcome outcome, Instant start, List<Long> peakRssBytes, Map<String, Object> settings,
		String database) {

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
			return new EngineRun(outcome, start, peaks, settings, database);
		}
		finally {
			for (ManagedProcess worker : workers) {
				worker.stop(30);
			}
		}
	}

	/**
	 * Due times come after the load (about 10,000 posts a second on a busy 2-core box);
	 * if the load commits later, the clock starts at the commit instead.
	 */
	static Duration leadFor(int posts) {
		return Duration.ofMillis(2000 + posts / 10L);
	}

}
