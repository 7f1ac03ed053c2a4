package io.herald.bench;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import tools.jackson.databind.JsonNode;

/**
 * The api scenarios: the executable jar in its own process, called over HTTP like any
 * client would.
 */
final class ApiScenarios {

	static final int CLIENTS = 16;

	private ApiScenarios() {
	}

	/** An api on a fresh database of the bench's Postgres, engine off. */
	static ApiServer startApi(Context context, String label) throws Exception {
		String database = context.postgres().freshHeraldDatabase(label);
		Path dataDir = context.runDirectory().resolve(label + "-data").toAbsolutePath();
		Map<String, String> env = new LinkedHashMap<>();
		env.put("DATABASE_URL", context.postgres().url(database));
		env.put("HERALD_DATA_DIR", dataDir.toString());
		env.put("HERALD_WORKER_ENABLED", "false");
		env.put("HERALD_SECRET_KEY", Workload.SECRET_KEY);
		ApiServer server = ApiServer.start(context, label, env, dataDir, false, Duration.ofMinutes(3));
		server.login();
		return server;
	}

	/** The api's warm-up before a measured run; see {@link SchedulingRate#warmUp}. */
	static double warmupSeconds(Context context) {
		return context.options().seconds(120, 5);
	}

	static List<String> accounts(ApiServer server, int count) throws Exception {
		List<String> accounts = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			accounts.add(server.sandboxAccount("bench-" + i));
		}
		return accounts;
	}

	/** Scenario 3b: posts created and queued per second through the API. */
	static final class SchedulingRate implements Scenario {

		@Override
		public String id() {
			return "3b";
		}

		@Override
		public String title() {
			return "scheduling rate through POST /api/v1/posts, 16 clients";
		}

		@Override
		public void run(Context context) throws Exception {
			double seconds = context.options().seconds(20, 8);
			double warmup = warmupSeconds(context);
			try (ApiServer server = startApi(context, "api-rate")) {
				List<String> accounts = accounts(server, 4);
				AtomicLong sequence = new AtomicLong();
				warmUp(server, accounts, sequence, warmup);
				Tally single = closedLoop(server, seconds, (n) -> List.of(single(server, accounts, sequence)));
				Map<String, Object> settings = new LinkedHashMap<>();
				settings.put("clients", CLIENTS);
				settings.put("seconds", seconds);
				settings.put("warmupSeconds", warmup);
				settings.put("apiEnv", "DATABASE_URL (bench Postgres), HERALD_WORKER_ENABLED=false");
				Row row = Row
					.of(id(), "scheduling rate, POST /api/v1/posts", single.created() / single.seconds(), "posts/s")
					.target(Target.atLeast(2000))
					.notes(single.created() + " created in " + Row.format(single.seconds()) + " s, " + single.errors()
							+ " errors" + single.firstError())
					.settings(settings);
				context.add((single.errors() == 0) ? row : row.failed(single.errors() + " errors"));
				context.add(Row.of(id(), "errors, POST /api/v1/posts", single.errors(), "").target(Target.atMost(0)));
				// The server is warm by now; this only warms the bulk path itself.
				bulk(context, server, accounts, sequence, seconds, context.options().seconds(5, 3));
			}
		}

		private void bulk(Context context, ApiServer server, List<String> accounts, AtomicLong sequence, double seconds,
				double warmup) throws Exception {
			HttpResponse<String> probe = server.send(batch(server, accounts, sequence, 1));
			if (probe.statusCode() == 404 || probe.statusCode() == 405) {
				context
					.add(Row.of(id(), "scheduling rate, POST /api/v1/posts/bulk (100 per call)", Double.NaN, "posts/s")
						.target(Target.atLeast(2000))
						.notes("not available (" + probe.statusCode() + ")"));
				return;
			}
			if (probe.statusCode() != 200) {
				context
					.add(Row.of(id(), "scheduling rate, POST /api/v1/posts/bulk (100 per call)", Double.NaN, "posts/s")
						.failed("probe answered " + probe.statusCode() + ": " + abbreviate(probe.body())));
				return;
			}
			closedLoop(server, warmup, (n) -> List.of(batch(server, accounts, sequence, 100)));
			Tally bulk = closedLoop(server, seconds, (n) -> List.of(batch(server, accounts, sequence, 100)));
			Row row = Row
				.of(id(), "scheduling rate, POST /api/v1/posts/bulk (100 per call)", bulk.created() / bulk.seconds(),
						"posts/s")
				.target(Target.atLeast(2000))
				.notes(bulk.created() + " created in " + Row.format(bulk.seconds()) + " s by " + CLIENTS + " clients, "
						+ bulk.errors() + " errors" + bulk.firstError());
			context.add((bulk.errors() == 0) ? row : row.failed(bulk.errors() + " errors"));
		}

		private static HttpRequest single(ApiServer server, List<String> accounts, AtomicLong sequence) {
			long n = sequence.incrementAndGet();
			return server.post("/api/v1/posts", ApiServer.postBody(accounts.get((int) (n % accounts.size())), n));
		}

		private static HttpRequest batch(ApiServer server, List<String> accounts, AtomicLong sequence, int size) {
			StringBuilder body = new StringBuilder("{\"posts\":[");
			for (int i = 0; i < size; i++) {
				long n = sequence.incrementAndGet();
				body.append((i > 0) ? "," : "")
					.append(ApiServer.postBody(accounts.get((int) (n % accounts.size())), n));
			}
			return server.post("/api/v1/posts/bulk", body.append("]}").toString());
		}

		/**
		 * Creates posts as fast as 16 clients can until the JIT has compiled the hot
		 * paths: on 2 cores shared with Postgres, the api's single-create rate after 5 s
		 * of load is about half of what it is after 2 minutes, so a short warm-up would
		 * measure the compiler, not the server an operator runs for days.
		 */
		static void warmUp(ApiServer server, List<String> accounts, AtomicLong sequence, double seconds)
				throws Exception {
			closedLoop(server, seconds, (n) -> List.of(single(server, accounts, sequence)));
		}

		/** 16 clients, each sending its next request when the previous one answered. */
		private static Tally closedLoop(ApiServer server, double seconds, RequestSource source)
				throws InterruptedException {
			AtomicLong created = new AtomicLong();
			AtomicLong errors = new AtomicLong();
			AtomicReference<String> firstError = new AtomicReference<>();
			long start = System.nanoTime();
			long end = start + (long) (seconds * 1e9);
			List<Thread> clients = new ArrayList<>();
			for (int c = 0; c < CLIENTS; c++) {
				Thread client = new Thread(() -> {
					long n = 0;
					while (System.nanoTime() < end) {
						for (HttpRequest request : source.next(n++)) {
							try {
								HttpResponse<String> response = server.send(request);
								count(response, created, errors, firstError);
							}
							catch (IOException ex) {
								errors.incrementAndGet();
								firstError.compareAndSet(null, ex.toString());
							}
							catch (InterruptedException ex) {
								Thread.currentThread().interrupt();
								return;
							}
						}
					}
				}, "client-" + c);
				clients.add(client);
				client.start();
			}
			for (Thread client : clients) {
				client.join();
			}
			return new Tally(created.get(), errors.get(), (System.nanoTime() - start) / 1e9, firstError.get());
		}

		private static void count(HttpResponse<String> response, AtomicLong created, AtomicLong errors,
				AtomicReference<String> firstError) {
			if (response.statusCode() == 201) {
				created.incrementAndGet();
				return;
			}
			if (response.statusCode() == 200 && response.uri().getPath().endsWith("/bulk")) {
				JsonNode results = ApiServer.tree(response.body()).get("results");
				for (JsonNode result : results) {
					if (result.get("status").asInt() == 201) {
						created.incrementAndGet();
					}
					else {
						errors.incrementAndGet();
						firstError.compareAndSet(null, abbreviate(result.toString()));
					}
				}
				return;
			}
			errors.incrementAndGet();
			firstError.compareAndSet(null, response.statusCode() + " " + abbreviate(response.body()));
		}

		interface RequestSource {

			List<HttpRequest> next(long n);

		}

		record Tally(long created, long errors, double seconds, String error) {

			String firstError() {
				return (this.error != null) ? "; first: " + this.error : "";
			}

		}

	}

	/**
	 * Scenario 6: a fixed 200 requests/s, open-loop, latency from the intended send time.
	 */
	static final class OpenLoopLatency implements Scenario {

		static final double RATE = 200;

		@Override
		public String id() {
			return "6";
		}

		@Override
		public String title() {
			return "API latency: POST /api/v1/posts at 200 req/s, open loop";
		}

		@Override
		public void run(Context context) throws Exception {
			double seconds = context.options().seconds(60, 15);
			double warmup = warmupSeconds(context);
			try (ApiServer server = startApi(context, "api-latency")) {
				List<String> accounts = accounts(server, 4);
				AtomicLong sequence = new AtomicLong();
				SchedulingRate.warmUp(server, accounts, sequence, warmup);
				// A short open-loop run at the measured rate settles the connection pool.
				run(server, accounts, sequence, context.options().seconds(5, 2));
				Measured measured = run(server, accounts, sequence, seconds);
				Percentiles ms = measured.percentiles();
				Map<String, Object> settings = new LinkedHashMap<>();
				settings.put("rate", RATE);
				settings.put("seconds", seconds);
				settings.put("warmupSeconds", warmup);
				settings.put("requests", measured.latenciesMillis().length);
				settings.put("client", "java.net.http.HttpClient.sendAsync, HTTP/1.1, sent on schedule");
				settings.put("maxSendLagMillis", measured.maxSendLagMillis());
				boolean clean = measured.errors() == 0;
				String lag = "client send lag max " + Row.format(measured.maxSendLagMillis()) + " ms";
				context.add(tag(Row.of(id(), "API latency p50 at 200 req/s", ms.p50(), "ms").settings(settings), clean,
						measured));
				context.add(tag(Row.of(id(), "API latency p95 at 200 req/s", ms.p95(), "ms")
					.target(Target.atMost(20))
					.notes(lag), clean, measured));
				context.add(tag(Row.of(id(), "API latency p99 at 200 req/s", ms.p99(), "ms"), clean, measured));
				context.add(tag(Row.of(id(), "API latency max at 200 req/s", ms.max(), "ms"), clean, measured));
				context.add(Row.of(id(), "API errors at 200 req/s", measured.errors(), "")
					.target(Target.atMost(0))
					.notes(measured.firstError()));
			}
		}

		private static Row tag(Row row, boolean clean, Measured measured) {
			return clean ? row : row.notes(measured.errors() + " errors; " + row.notes());
		}

		private static Measured run(ApiServer server, List<String> accounts, AtomicLong sequence, double seconds)
				throws Exception {
			OpenLoop loop = new OpenLoop(System.nanoTime() + 50_000_000L, RATE);
			int requests = (int) loop.requests(seconds);
			double[] latencies = new double[requests];
			AtomicLong errors = new AtomicLong();
			Map<Integer, String> firstErrors = new ConcurrentHashMap<>();
			List<CompletableFuture<?>> pending = new ArrayList<>(requests);
			long maxLag = 0;
			for (int i = 0; i < requests; i++) {
				long intended = loop.intendedNanos(i);
				long wait = intended - System.nanoTime();
				if (wait > 0) {
					LockSupport.parkNanos(wait);
				}
				maxLag = Math.max(maxLag, System.nanoTime() - intended);
				long n = sequence.incrementAndGet();
				int index = i;
				HttpRequest request = server.post("/api/v1/posts",
						ApiServer.postBody(accounts.get((int) (n % accounts.size())), n));
				pending.add(server.http()
					.sendAsync(request, HttpResponse.BodyHandlers.ofString())
					.whenComplete((response, failure) -> {
						latencies[index] = loop.latencyNanos(index, System.nanoTime()) / 1e6;
						if (failure != null || response.statusCode() != 201) {
							errors.incrementAndGet();
							firstErrors.putIfAbsent(0, (failure != null) ? failure.toString()
									: response.statusCode() + " " + abbreviate(response.body()));
						}
					}));
			}
			try {
				CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				// Failures are counted per request above; a timeout leaves requests
				// unanswered.
			}
			long unanswered = pending.stream().filter((future) -> !future.isDone()).count();
			for (int i = 0; i < requests; i++) {
				if (!pending.get(i).isDone()) {
					latencies[i] = loop.latencyNanos(i, System.nanoTime()) / 1e6;
				}
			}
			return new Measured(latencies, errors.get() + unanswered, maxLag / 1e6, firstErrors.get(0));
		}

		record Measured(double[] latenciesMillis, long errors, double maxSendLagMillis, String error) {

			Percentiles percentiles() {
				return Percentiles.of(this.latenciesMillis);
			}

			String firstError() {
				return (this.error != null) ? "first: " + this.error : "";
			}

		}

	}

	/** Scenario 8 (start part): the README's start command on a fresh data directory. */
	static final class ColdStart implements Scenario {

		@Override
		public String id() {
			return "8";
		}

		@Override
		public String title() {
			return "cold start of the embedded default to /readyz";
		}

		@Override
		public void run(Context context) throws Exception {
			int runs = context.options().size(3, 1);
			double[] seconds = new double[runs];
			for (int i = 0; i < runs; i++) {
				Path directory = context.runDirectory().resolve("coldstart-" + (i + 1)).toAbsolutePath();
				long start = System.nanoTime();
				ApiServer server = ApiServer.start(context, "coldstart-" + (i + 1), Map.of(), directory, true,
						Duration.ofMinutes(3));
				seconds[i] = (System.nanoTime() - start) / 1e9;
				System.out.printf("     cold start %d: %.2f s%n", i + 1, seconds[i]);
				server.close();
				stopLeftovers(directory);
			}
			double[] sorted = seconds.clone();
			Arrays.sort(sorted);
			Map<String, Object> settings = new LinkedHashMap<>();
			settings.put("command", "java -jar api/target/herald-api-0.1.0-SNAPSHOT.jar");
			settings.put("environment", "SERVER_PORT, HERALD_ADMIN_PASSWORD only; fresh working directory (./data)");
			settings.put("runsSeconds", Arrays.stream(seconds).boxed().toList());
			StringBuilder each = new StringBuilder();
			for (double s : seconds) {
				each.append((each.length() > 0) ? ", " : "").append(Row.format(s));
			}
			context.add(Row.of(id(), "cold start to /readyz (median of " + runs + ")", sorted[runs / 2], "s")
				.target(Target.atMost(10))
				.notes("runs: " + each + " s; includes initdb of the embedded Postgres")
				.settings(settings));
		}

		/**
		 * The api stops its embedded Postgres on a graceful shutdown; if that failed, the
		 * server (a daemon, not a child) is stopped here by its data directory.
		 */
		private static void stopLeftovers(Path directory) {
			String marker = directory.toString();
			ProcessHandle.allProcesses()
				.filter((handle) -> handle.info().commandLine().map((line) -> line.contains(marker)).orElse(false))
				.forEach((handle) -> {
					System.out.println("     stopping leftover process " + handle.pid());
					handle.destroy();
				});
		}

	}

	static String abbreviate(String text) {
		if (text == null) {
			return "";
		}
		String flat = text.replaceAll("\\s+", " ");
		return (flat.length() > 200) ? flat.substring(0, 200) + "..." : flat;
	}

	static Instant now() {
		return Instant.now();
	}

}
