package io.herald.api.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How failed sign-ins slow down further attempts ({@code herald.login.throttle.*}).
 *
 * @param window how far back failures count (a sliding window)
 * @param accountFreeFailures failures per account (normalised email) in the window before
 * each further failure locks the account
 * @param addressFreeFailures failures per client address in the window before each
 * further failure locks the address
 * @param firstDelay the lock after the first failure beyond the free ones; it doubles
 * with each further failure
 * @param maxDelay the longest lock
 * @param maxTrackedKeys the most accounts and addresses remembered at once per node
 */
@ConfigurationProperties("herald.login.throttle")
record LoginThrottleProperties(@DefaultValue("1h") Duration window, @DefaultValue("5") int accountFreeFailures,
		@DefaultValue("20") int addressFreeFailures, @DefaultValue("2s") Duration firstDelay,
		@DefaultValue("15m") Duration maxDelay, @DefaultValue("100000") int maxTrackedKeys) {

	LoginThrottleProperties {
		if (window.isNegative() || window.isZero() || firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0
				|| accountFreeFailures < 0 || addressFreeFailures < 0 || maxTrackedKeys < 1) {
			throw new IllegalArgumentException("herald.login.throttle: window must be positive, max-delay at least"
					+ " first-delay, free failures not negative, max-tracked-keys at least 1");
		}
	}

	/**
	 * The lock after a number of failures beyond the free ones.
	 * @param excess failures beyond the free ones, at least 1
	 * @return the lock, doubling from {@link #firstDelay()} up to {@link #maxDelay()}
	 */
	Duration delay(int excess) {
		Duration delay = this.firstDelay;
		for (int i = 1; i < excess && delay.compareTo(this.maxDelay) < 0; i++) {
			delay = delay.multipliedBy(2);
		}
		return (delay.compareTo(this.maxDelay) > 0) ? this.maxDelay : delay;
	}

}
