package io.herald.drivers.spi;

/**
 * Every way a network call can fail, as the engine needs to react to it.
 */
public enum ErrorKind {

	/** Too many calls; retry at the exception's {@code retryAt}. */
	RATE_LIMITED,

	/** A passing fault (5xx, connection refused before sending); retry with backoff. */
	TRANSIENT,

	/** The access token expired; refresh the session once, then retry. */
	AUTH_EXPIRED,

	/** The account's grant is gone; the user must reconnect. */
	AUTH_REVOKED,

	/** The network refuses this content; retrying cannot help. */
	INVALID_CONTENT,

	/** The network says this exact post already exists. */
	DUPLICATE,

	/**
	 * The request may or may not have been applied (timeout after sending); reconcile
	 * first.
	 */
	UNKNOWN_OUTCOME;

	/**
	 * Whether the same request may simply be sent again later.
	 * @return true for kinds the engine retries without reconciling
	 */
	public boolean retryable() {
		return this == RATE_LIMITED || this == TRANSIENT || this == AUTH_EXPIRED;
	}

}
