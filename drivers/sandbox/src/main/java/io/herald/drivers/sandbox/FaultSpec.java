package io.herald.drivers.sandbox;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * A fault injection plan, written as text so it fits in a property, an environment
 * variable or an account setting: {@code transient=0.1, rate_limited=0.05,
 * unknown_outcome=next:3, latency=50ms}. A number is the probability of the fault on each
 * call; {@code next:N} makes the next N calls fail that way.
 *
 * @param probabilities the chance of each fault per call
 * @param nextCalls how many of the next calls fail with each fault
 * @param latency how long each call takes, or {@code null} for the default
 */
public record FaultSpec(Map<SandboxFault, Double> probabilities, Map<SandboxFault, Integer> nextCalls,
		Duration latency) {

	/** No faults, no latency. */
	public static final FaultSpec NONE = new FaultSpec(Map.of(), Map.of(), null);

	public FaultSpec {
		probabilities = Collections.unmodifiableMap(copy(probabilities));
		nextCalls = Collections.unmodifiableMap(copy(nextCalls));
		double total = probabilities.values().stream().mapToDouble(Double::doubleValue).sum();
		if (probabilities.values().stream().anyMatch((p) -> p < 0) || total > 1.0 + 1e-9) {
			throw new IllegalArgumentException("Fault probabilities must be between 0 and 1 and add up to at most 1");
		}
	}

	private static <V> Map<SandboxFault, V> copy(Map<SandboxFault, V> map) {
		Map<SandboxFault, V> copy = new EnumMap<>(SandboxFault.class);
		if (map != null) {
			copy.putAll(map);
		}
		return copy;
	}

	/**
	 * Reads a plan such as {@code transient=0.2,unknown_outcome=next:1,latency=20ms}.
	 * @param text the plan, or {@code null}/blank for none
	 * @return the plan
	 */
	public static FaultSpec parse(String text) {
		if (text == null || text.isBlank()) {
			return NONE;
		}
		Map<SandboxFault, Double> probabilities = new EnumMap<>(SandboxFault.class);
		Map<SandboxFault, Integer> nextCalls = new EnumMap<>(SandboxFault.class);
		Duration latency = null;
		for (String entry : text.split("[,;]")) {
			if (entry.isBlank()) {
				continue;
			}
			String[] pair = entry.split("=", 2);
			if (pair.length != 2) {
				throw new IllegalArgumentException("Fault entry '" + entry.trim() + "' is not name=value");
			}
			String name = pair[0].trim().toLowerCase(Locale.ROOT);
			String value = pair[1].trim();
			if (name.equals("latency")) {
				latency = duration(value);
			}
			else if (value.startsWith("next:")) {
				nextCalls.put(SandboxFault.parse(name), Integer.parseInt(value.substring(5)));
			}
			else {
				probabilities.put(SandboxFault.parse(name), Double.parseDouble(value));
			}
		}
		return new FaultSpec(probabilities, nextCalls, latency);
	}

	private static Duration duration(String value) {
		String v = value.toLowerCase(Locale.ROOT);
		if (v.endsWith("ms")) {
			return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
		}
		if (v.endsWith("s")) {
			return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
		}
		return Duration.parse(value);
	}

	boolean crashes() {
		return this.probabilities.keySet().stream().anyMatch(SandboxFault::crashes)
				|| this.nextCalls.keySet().stream().anyMatch(SandboxFault::crashes);
	}

	boolean isEmpty() {
		return this.probabilities.isEmpty() && this.nextCalls.isEmpty();
	}

}
