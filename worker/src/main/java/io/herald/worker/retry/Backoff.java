package io.herald.worker.retry;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with "equal jitter": half of the exponential delay is fixed, the
 * other half random, so retries of many targets that failed together spread out without
 * ever retrying immediately.
 */
public final class Backoff {

	private final Duration base;

	private final Duration max;

	private final DoubleSupplier random;

	/**
	 * A backoff.
	 * @param base the delay before the first retry (before jitter)
	 * @param max the longest delay
	 * @param random a source of numbers in [0, 1)
	 */
	public Backoff(Duration base, Duration max, DoubleSupplier random) {
		this.base = base;
		this.max = max;
		this.random = random;
	}

	/**
	 * The delay after a number of failed attempts.
	 * @param failures how many attempts failed so far (1 after the first failure)
	 * @return the delay before the next attempt
	 */
	public Duration delay(int failures) {
		int exponent = Math.max(0, Math.min(failures - 1, 30));
		long millis = Math.min(this.max.toMillis(), this.base.toMillis() << exponent);
		if (millis < 0 || millis > this.max.toMillis()) {
			millis = this.max.toMillis();
		}
		long half = millis / 2;
		return Duration.ofMillis(half + (long) (this.random.getAsDouble() * (millis - half)));
	}

}
