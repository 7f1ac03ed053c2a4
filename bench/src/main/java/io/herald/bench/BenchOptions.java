package io.herald.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line of {@code bench/run}.
 *
 * @param quick small sizes so that everything finishes in a few minutes
 * @param only the scenarios to run; empty for all
 * @param workerArgs extra settings for every worker process ({@code --worker-arg=...})
 */
public record BenchOptions(boolean quick, Set<String> only, List<String> workerArgs) {

	static final List<String> SCENARIOS = List.of("1", "2a", "2b", "3", "3b", "4", "5", "6", "7", "8");

	public static BenchOptions parse(String... args) {
		boolean quick = false;
		Set<String> only = new LinkedHashSet<>();
		List<String> workerArgs = new ArrayList<>();
		for (String arg : args) {
			if (arg.equals("--quick")) {
				quick = true;
			}
			else if (arg.startsWith("--only=")) {
				for (String id : arg.substring("--only=".length()).split(",")) {
					String trimmed = id.trim();
					if (!trimmed.isEmpty()) {
						if (!SCENARIOS.contains(trimmed)) {
							throw new IllegalArgumentException(
									"Unknown scenario '" + trimmed + "'; known: " + String.join(",", SCENARIOS));
						}
						only.add(trimmed);
					}
				}
			}
			else if (arg.startsWith("--worker-arg=")) {
				workerArgs.add(arg.substring("--worker-arg=".length()));
			}
			else {
				throw new IllegalArgumentException("Unknown argument '" + arg
						+ "'; use --quick, --only=1,2a,... and --worker-arg=--herald.worker.threads=32");
			}
		}
		return new BenchOptions(quick, Set.copyOf(only), List.copyOf(workerArgs));
	}

	public boolean runs(String scenario) {
		return this.only.isEmpty() || this.only.contains(scenario);
	}

	/** The full size, or the quick one. */
	public int size(int full, int quick) {
		return this.quick ? quick : full;
	}

	public double seconds(double full, double quick) {
		return this.quick ? quick : full;
	}

}
