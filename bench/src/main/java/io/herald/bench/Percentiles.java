package io.herald.bench;

import java.util.Arrays;

/**
 * Nearest-rank percentiles of a set of measurements (latencies in nanoseconds or
 * milliseconds; the unit is the caller's).
 *
 * @param count how many values
 * @param p50 the median
 * @param p95 the 95th percentile
 * @param p99 the 99th percentile
 * @param max the largest value
 */
public record Percentiles(int count, double p50, double p95, double p99, double max) {

	/**
	 * Percentiles of the given values.
	 * @param values the measurements (not modified)
	 * @return their percentiles; all zero when there are none
	 */
	public static Percentiles of(double[] values) {
		if (values.length == 0) {
			return new Percentiles(0, 0, 0, 0, 0);
		}
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return new Percentiles(sorted.length, rank(sorted, 50), rank(sorted, 95), rank(sorted, 99),
				sorted[sorted.length - 1]);
	}

	/**
	 * The nearest-rank percentile: the smallest value with at least {@code p} percent of
	 * the values at or below it.
	 */
	static double rank(double[] sorted, double p) {
		int rank = (int) Math.ceil(p / 100.0 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
	}

}
