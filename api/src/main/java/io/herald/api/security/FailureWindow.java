package io.herald.api.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The recent failed sign-ins of one account or one address. Not thread-safe: the throttle
 * only touches it inside its map's per-key compute.
 */
final class FailureWindow {

	/** Beyond this many the lock is at its maximum anyway; older entries add nothing. */
	private static final int MAX_REMEMBERED = 64;

	private final Deque<Instant> failures = new ArrayDeque<>();

	/**
	 * How long this key stays locked, given the failures still inside the window.
	 * @return the remaining lock, zero when attempts are allowed
	 */
	Duration lockedFor(Instant now, int freeFailures, LoginThrottleProperties policy) {
		forgetBefore(now.minus(policy.window()));
		int excess = this.failures.size() - freeFailures;
		if (excess <= 0) {
			return Duration.ZERO;
		}
		Instant until = this.failures.peekLast().plus(policy.delay(excess));
		return until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO;
	}

	void add(Instant at) {
		this.failures.addLast(at);
		if (this.failures.size() > MAX_REMEMBERED) {
			this.failures.removeFirst();
		}
	}

	/** Takes back one failure recorded provisionally for an attempt that succeeded. */
	void remove(Instant at) {
		this.failures.removeLastOccurrence(at);
	}

	boolean isEmpty(Instant now, Duration window) {
		forgetBefore(now.minus(window));
		return this.failures.isEmpty();
	}

	private void forgetBefore(Instant cutoff) {
		while (!this.failures.isEmpty() && this.failures.peekFirst().isBefore(cutoff)) {
			this.failures.removeFirst();
		}
	}

}
