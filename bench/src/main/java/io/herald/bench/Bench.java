package io.herald.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the scenarios of issue 9 against worker and api processes it starts itself, on an
 * embedded Postgres of its own, and writes {@code bench/target/bench-results.json}.
 * Started by {@code bench/run} from the repository's root.
 */
public final class Bench {

	private Bench() {
	}

	public static void main(String[] args) throws Exception {
		BenchOptions options = BenchOptions.parse(args);
		Path target = Path.of("bench", "target");
		Path runDirectory = target.resolve("run");
		deleteRecursively(runDirectory);
		Files.createDirectories(runDirectory);
		Processes processes = new Processes();
		AtomicReference<BenchPostgres> database = new AtomicReference<>();
		Thread hook = new Thread(() -> {
			processes.stopAll();
			BenchPostgres postgres = database.getAndSet(null);
			if (postgres != null) {
				postgres.close();
			}
		}, "bench-cleanup");
		Runtime.getRuntime().addShutdownHook(hook);
		Results results = new Results(System.out);
		Instant started = Instant.now();
		Map<String, Object> run = new LinkedHashMap<>();
		run.put("date", started.toString());
		run.put("command", "bench/run " + String.join(" ", args));
		run.put("quick", options.quick());
		run.put("machine", Machine.facts());
		System.out.println("Herald bench " + (options.quick() ? "(quick)" : "(full)") + " " + run.get("machine"));
		int exit = 0;
		try (BenchPostgres postgres = BenchPostgres.start(target.resolve("pg"))) {
			database.set(postgres);
			run.put("postgres", postgres.settings());
			System.out.println("Postgres on port " + postgres.port() + " " + run.get("postgres"));
			Workers workers = new Workers(processes, postgres, Workers.classPathFrom(target.resolve("classpath.txt")),
					runDirectory, options.workerArgs());
			Context context = new Context(options, postgres, processes, workers, results, runDirectory,
					Path.of("api", "target", "herald-api-0.1.0-SNAPSHOT.jar"), new LinkedHashMap<>());
			List<Scenario> scenarios = List.of(new DatabaseCeiling(), new QuartzBaseline(), new DbSchedulerBaseline(),
					new EngineScenarios.Sustained(), new ApiScenarios.SchedulingRate(), new EngineScenarios.Burst(),
					new EngineScenarios.NetworkBound(), new ApiScenarios.OpenLoopLatency(),
					new EngineScenarios.ScaleOut(), new EngineScenarios.Memory(), new ApiScenarios.ColdStart());
			for (Scenario scenario : scenarios) {
				if (!options.runs(scenario.id())) {
					continue;
				}
				System.out.println();
				System.out.println("== " + scenario.id() + ": " + scenario.title());
				Instant scenarioStart = Instant.now();
				try {
					scenario.run(context);
				}
				catch (Exception ex) {
					System.out.println("     scenario " + scenario.id() + " failed: " + ex);
					ex.printStackTrace(System.out);
					results.add(Row.of(scenario.id(), scenario.title(), Double.NaN, "").failed(String.valueOf(ex)));
				}
				finally {
					processes.stopAll();
				}
				System.out.printf("     (%s took %ds)%n", scenario.id(),
						Duration.between(scenarioStart, Instant.now()).toSeconds());
			}
		}
		finally {
			processes.stopAll();
			database.set(null);
			run.put("loadAverageAtEnd", Machine.loadAverage());
			run.put("durationSeconds", Duration.between(started, Instant.now()).toSeconds());
			Path json = target.resolve("bench-results.json");
			results.write(json, run);
			System.out.println();
			@SuppressWarnings("unchecked")
			Map<String, Object> machine = (Map<String, Object>) run.get("machine");
			System.out.println("Results of `" + run.get("command") + "`, " + run.get("date") + ", commit "
					+ machine.get("gitCommit") + ", " + run.get("durationSeconds") + " s");
			System.out.println("Machine: " + machine.get("cores") + " cores (" + machine.get("cpu") + "), "
					+ machine.get("ram") + " RAM, " + machine.get("java") + "; load average (1/5/15 min) "
					+ machine.get("loadAverageAtStart") + " at start, " + run.get("loadAverageAtEnd") + " at end");
			System.out.println();
			System.out.println(results.table());
			System.out.println("Written to " + json + "; logs of started processes in " + runDirectory);
			if (results.anyFailed()) {
				System.out.println("SOME SCENARIOS FAILED (see rows marked FAILED)");
				exit = 1;
			}
		}
		Runtime.getRuntime().removeShutdownHook(hook);
		System.exit(exit);
	}

	private static void deleteRecursively(Path path) throws java.io.IOException {
		if (!Files.exists(path)) {
			return;
		}
		try (var walk = Files.walk(path)) {
			walk.sorted(java.util.Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
		}
	}

	/** Facts about the machine that go with every result. */
	static final class Machine {

		private Machine() {
		}

		static Map<String, Object> facts() {
			Map<String, Object> facts = new LinkedHashMap<>();
			facts.put("cores", Runtime.getRuntime().availableProcessors());
			long ram = -1;
			if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
				ram = os.getTotalMemorySize();
			}
			facts.put("ramBytes", ram);
			facts.put("ram", String.format("%.1f GiB", ram / (1024.0 * 1024 * 1024)));
			facts.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
			facts.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
					+ System.getProperty("os.arch"));
			facts.put("cpu", cpuModel());
			facts.put("gitCommit", System.getProperty("bench.commit", "unknown"));
			facts.put("loadAverageAtStart", loadAverage());
			return facts;
		}

		/**
		 * 1, 5 and 15 minute load averages: how busy the machine was (2 cores: 2 is
		 * full).
		 */
		static String loadAverage() {
			try {
				String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
				return parts[0] + " " + parts[1] + " " + parts[2];
			}
			catch (java.io.IOException | RuntimeException ex) {
				return "unknown";
			}
		}

		private static String cpuModel() {
			try {
				return Files.readAllLines(Path.of("/proc/cpuinfo"))
					.stream()
					.filter((line) -> line.startsWith("model name"))
					.map((line) -> line.substring(line.indexOf(':') + 1).trim())
					.findFirst()
					.orElse("unknown");
			}
			catch (java.io.IOException ex) {
				return "unknown";
			}
		}

	}

}
