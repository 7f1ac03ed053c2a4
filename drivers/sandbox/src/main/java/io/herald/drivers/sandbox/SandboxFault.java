package io.herald.drivers.sandbox;

import java.util.Locale;

/**
 * What the sandbox network can do wrong on a publish call, on purpose.
 */
public enum SandboxFault {

	/** A 503: nothing stored, try again later. */
	TRANSIENT,

	/** A 429 with {@code Retry-After}: nothing stored. */
	RATE_LIMITED,

	/** A 401 for an expired token: nothing stored, a refresh helps. */
	AUTH_EXPIRED,

	/** A 401 for a revoked grant: nothing stored, the user must reconnect. */
	AUTH_REVOKED,

	/** A 422: nothing stored, the content is refused. */
	INVALID_CONTENT,

	/** The publication is stored but the call times out before the answer arrives. */
	UNKNOWN_OUTCOME,

	/** The network accepts the post for processing; it appears after a resume. */
	PROCESSING,

	/**
	 * The driver runs out of memory preparing the media (an {@link OutOfMemoryError} is
	 * thrown); nothing is sent or stored.
	 */
	OUT_OF_MEMORY,

	/**
	 * The process running the driver dies the instant the call starts, after Herald wrote
	 * its attempt row and before anything reaches the network: nothing is stored. Only
	 * when {@link SandboxProperties#crashFaults()} is on (chaos tests' worker JVMs).
	 */
	CRASH_BEFORE_CALL,

	/**
	 * The process running the driver dies right after the network committed the
	 * publication, before Herald can record the outcome. Only when
	 * {@link SandboxProperties#crashFaults()} is on.
	 */
	CRASH_AFTER_STORE;

	boolean crashes() {
		return this == CRASH_BEFORE_CALL || this == CRASH_AFTER_STORE;
	}

	static SandboxFault parse(String name) {
		return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
	}

}
