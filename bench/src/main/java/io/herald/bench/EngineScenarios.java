package io.herald.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The engine scenarios: worker processes publishing to the sandbox network.
 */
final class EngineScenarios {

	/** The engine's defaults, spelled out so every row says what it ran with. */
	static final List<String> DEFAULTS = List.of("--herald.worker.threads=256", "--herald.worker.max-in-flight=1024",
			"--herald.database.max-pool-size=20", "--herald.drivers.sandbox.latency=0ms");

	private EngineScenarios() {
	}

	static double mb(long bytes) {
		return bytes / (1024.0 * 1024.0);
	}

	/** Scenario 3: sustained throughput, latency 0, one worker. */
	static final class Sustained implements Scenario {

		@Override
		public String id() {
			return "3";
		}

		@Override
		public String title() {
			return "sustained throughput, sandbox latency 0, one worker";
		}

		@Override
		public void run(Context context) throws Exception {
			int posts = context.options().size(100_000, 20_000);
			EngineRun run = EngineRun.run(context, "sustained", 1, posts, EngineRun.leadFor(posts), 1, DEFAULTS,
					Duration.ofSeconds(300 + posts / 50));
			double rate = run.throughput();
			Row row = Row.of(id(), "sustained throughput", rate, "posts/s")
				.target(Target.atLeast(3000))
				.notes(posts + " posts due at once, first due time to last publication")
				.settings(run.settings());
			boolean correct = run.outcome().correct();
			context.add(correct ? row : row.failed(run.outcome().problem()));
			ratio(context, rate, correct, Context.CEILING, "sustained / database ceiling", "db ceiling", "tx/s",
					Target.atLeast(0.6));
			ratio(context, rate, correct, Context.QUARTZ, "sustained / Quartz trigger-per-post", "Quartz", "posts/s",
					Target.atLeast(40));
			ratio(context, rate, correct, Context.DB_SCHEDULER, "sustained / db-scheduler", "db-scheduler", "exec/s",
					Target.atLeast(1.0));
			if (!Double.isNaN(run.warmupThroughput())) {
				context.add(Row
					.of(id(), "throughput of the warm-up batch (just-started worker)", run.warmupThroughput(),
							"posts/s")
					.notes(run.settings().get("warmupPosts") + " posts before the measured run, JIT still compiling"));
			}
			context.add(Row.of(id(), "worker peak RSS (VmHWM) during the run", mb(run.maxPeakRssBytes()), "MB")
				.notes("JVM " + Workers.JVM_OPTIONS));
		}

		private static void ratio(Context context, double rate, boolean correct, String key, String figure, String name,
				String unit, Target target) {
			Double baseline = context.figures().get(key);
			Row row;
			if (baseline == null || baseline <= 0) {
				row = Row.of("3", figure, Double.NaN, "×").target(target).notes("baseline not measured in this run");
			}
			else {
				row = Row.of("3", figure, rate / baseline, "×")
					.baseline(name + " " + Row.format(baseline) + " " + unit)
					.target(target);
			}
			context.add(correct ? row : row.failed("sustained run was not correct"));
		}

	}

	/** Scenario 4: 10,000 posts due in the same second; lateness percentiles. */
	static final class Burst implements Scenario {

		@Override
		public String id() {
			return "4";
		}

		@Override
		public String title() {
			return "burst lateness: 10,000 posts due in the same second";
		}

		@Override
		public void run(Context context) throws Exception {
			int posts = 10_000;
			EngineRun run = EngineRun.run(context, "burst", 1, posts, Duration.ofSeconds(4), 1000, DEFAULTS,
					Duration.ofSeconds(600));
			double[] lateness = new double[4];
			try (Connection connection = context.postgres().connect(run.database());
					Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery("SELECT"
							+ " percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM published_at - due_at)),"
							+ " percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM published_at - due_at)),"
							+ " percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM published_at - due_at)),"
							+ " max(extract(epoch FROM published_at - due_at)) FROM post_target"
							+ " WHERE status = 'PUBLISHED'")) {
				rs.next();
				for (int i = 0; i < 4; i++) {
					lateness[i] = rs.getDouble(i + 1);
				}
			}
			boolean correct = run.outcome().correct();
			String[] names = { "p50", "p95", "p99", "max" };
			Target[] targets = { null, Target.atMost(2), Target.atMost(5), null };
			for (int i = 0; i < 4; i++) {
				Row row = Row.of(id(), "burst lateness " + names[i], lateness[i], "s")
					.notes("published_at - due_at, " + posts + " posts due within one second");
				if (targets[i] != null) {
					row = row.target(targets[i]);
				}
				if (i == 0) {
					row = row.settings(run.settings());
				}
				context.add(correct ? row : row.failed(run.outcome().problem()));
			}
		}

	}

	/**
	 * Scenario 5: 300 ms per sandbox call; 1,000 posts/s needs 300 calls in flight, more
	 * than the 256 platform threads a Java 17 node has by default (Java 21+ uses virtual
	 * threads).
	 */
	static final class NetworkBound implements Scenario {

		static final List<String> SETTINGS = List.of("--herald.drivers.sandbox.latency=300ms",
				"--herald.worker.threads=512", "--herald.worker.max-in-flight=1024",
				"--herald.database.max-pool-size=20");

		@Override
		public String id() {
			return "5";
		}

		@Override
		public String title() {
			return "network-bound: sandbox latency 300 ms";
		}

		@Override
		public void run(Context context) throws Exception {
			int posts = context.options().size(100_000, 10_000);
			EngineRun run = EngineRun.run(context, "network", 1, posts, EngineRun.leadFor(posts), 1, SETTINGS,
					Duration.ofSeconds(300 + posts / 20));
			Row row = Row.of(id(), "network-bound throughput (300 ms per call)", run.throughput(), "posts/s")
				.target(Target.atLeast(1000))
				.notes(posts + " posts due at once, first due time to last publication")
				.settings(run.settings());
			context.add(run.outcome().correct() ? row : row.failed(run.outcome().problem()));
		}

	}

	/** Scenario 7: the same workload on one node and on three. */
	static final class ScaleOut implements Scenario {

		@Override
		public String id() {
			return "7";
		}

		@Override
		public String title() {
			return "scale-out: 1 vs 3 worker processes on one Postgres";
		}

		@Override
		public void run(Context context) throws Exception {
			int posts = context.options().size(30_000, 5_000);
			Duration timeout = Duration.ofSeconds(300 + posts / 50);
			EngineRun one = EngineRun.run(context, "scale1", 1, posts, EngineRun.leadFor(posts), 1, DEFAULTS, timeout);
			Row oneRow = Row.of(id(), "1 worker", one.throughput(), "posts/s").settings(one.settings());
			context.add(one.outcome().correct() ? oneRow : oneRow.failed(one.outcome().problem()));
			EngineRun three = EngineRun.run(context, "scale3", 3, posts, EngineRun.leadFor(posts), 1, DEFAULTS,
					timeout);
			Row threeRow = Row.of(id(), "3 workers", three.throughput(), "posts/s").settings(three.settings());
			context.add(three.outcome().correct() ? threeRow : threeRow.failed(three.outcome().problem()));
			Row ratio = Row.of(id(), "3 workers / 1 worker", three.throughput() / one.throughput(), "×")
				.baseline("1 worker " + Row.format(one.throughput()) + " posts/s")
				.target(Target.atLeast(1.0))
				.notes("all processes share the same cores");
			context.add((one.outcome().correct() && three.outcome().correct()) ? ratio
					: ratio.failed("a run was not correct"));
		}

	}

	/** Scenario 8 (worker part): memory with a large queue of future posts. */
	static final class Memory implements Scenario {

		@Override
		public String id() {
			return "8";
		}

		@Override
		public String title() {
			return "memory with posts queued, and cold start of the embedded default";
		}

		@Override
		public void run(Context context) throws Exception {
			int posts = context.options().size(100_000, 20_000);
			String database = context.postgres().freshHeraldDatabase("memory");
			String cluster = "bench-memory-" + UUID.randomUUID().toString().substring(0, 8);
			ManagedProcess worker = context.workers().start("memory-w1", database, cluster, DEFAULTS);
			try (Connection connection = context.postgres().connect(database)) {
				Workload workload = new Workload();
				UUID workspace = workload.workspace(connection);
				List<UUID> accounts = workload.accounts(connection, workspace, EngineRun.ACCOUNTS);
				context.workers().awaitJoined(database, cluster, List.of(worker), Duration.ofMinutes(3));
				long idle = worker.rssBytes();
				// Queued for later today: the engine must not hold them in memory.
				workload.posts(connection, workspace, accounts, "mem", posts, Instant.now().plusSeconds(3600),
						3_000_000);
				// Let several dispatcher rounds (250 ms each) look at the queue.
				Instant until = Instant.now().plusSeconds(5);
				long peak = 0;
				while (Instant.now().isBefore(until)) {
					peak = Math.max(peak, worker.rssBytes());
					Thread.sleep(250);
				}
				long rss = worker.rssBytes();
				Map<String, Object> settings = new LinkedHashMap<>();
				settings.put("queuedPosts", posts);
				settings.put("workerArgs", context.workers().settings(DEFAULTS));
				settings.put("workerJvm", Workers.JVM_OPTIONS);
				settings.put("rssBeforeLoadMB", Math.round(mb(idle)));
				settings.put("rssPeakWhileQueuedMB", Math.round(mb(peak)));
				context.add(Row.of(id(), "worker RSS with " + posts + " posts queued", mb(rss), "MB")
					.target(Target.atMost(512))
					.notes("VmRSS 5 s after the load; " + Math.round(mb(idle)) + " MB before it")
					.settings(settings));
			}
			finally {
				worker.stop(30);
			}
		}

	}

}
