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
	OUT_OF_MEMORY;

	static SandboxFault parse(String name) {
		return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
	}

}
