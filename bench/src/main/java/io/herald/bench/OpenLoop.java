package io.herald.bench;

/**
 * The schedule of an open-loop load: request {@code i} is due at a fixed time whatever
 * happened to earlier requests, and its latency counts from that intended time, so a
 * server that stalls shows the wait of every request queued behind the stall instead of
 * hiding it (coordinated omission).
 *
 * @param startNanos when request 0 is due ({@link System#nanoTime()} scale)
 * @param ratePerSecond requests per second
 */
public record OpenLoop(long startNanos, double ratePerSecond) {

	public OpenLoop {
		if (ratePerSecond <= 0) {
			throw new IllegalArgumentException("rate must be positive");
		}
	}

	/**
	 * When request {@code i} is meant to be sent.
	 * @param i the request's index, from 0
	 * @return its intended send time in nanoseconds
	 */
	public long intendedNanos(long i) {
		return this.startNanos + Math.round(i * 1_000_000_000.0 / this.ratePerSecond);
	}

	/**
	 * How many requests a run of the given length sends.
	 * @param seconds the run's length
	 * @return the request count
	 */
	public long requests(double seconds) {
		return Math.round(seconds * this.ratePerSecond);
	}

	/**
	 * The latency of request {@code i}, from its intended send time (not from when the
	 * client got round to sending it) to its completion.
	 * @param i the request's index
	 * @param completedNanos when its answer arrived
	 * @return the latency in nanoseconds
	 */
	public long latencyNanos(long i, long completedNanos) {
		return completedNanos - intendedNanos(i);
	}

}
