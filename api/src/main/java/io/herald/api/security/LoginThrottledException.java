package io.herald.api.security;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** Too many recent failed sign-ins for this account or from this address. */
public class LoginThrottledException extends AuthenticationException {

	private static final long serialVersionUID = 1L;

	private final Duration retryAfter;

	LoginThrottledException(Duration retryAfter) {
		super("Too many failed sign-ins. Try again in " + seconds(retryAfter) + " seconds.");
		this.retryAfter = retryAfter;
	}

	Duration retryAfter() {
		return this.retryAfter;
	}

	/** Whole seconds, rounded up, as {@code Retry-After} takes them. */
	public long retryAfterSeconds() {
		return seconds(this.retryAfter);
	}

	private static long seconds(Duration duration) {
		return Math.max(1, (duration.toMillis() + 999) / 1000);
	}

}
