package io.herald.drivers.spi;

import java.time.Instant;
import java.util.Optional;

/**
 * A network call failed. The message is the network's own, so users see what the network
 * said; it never contains tokens.
 */
public class PublishException extends Exception {

	private static final long serialVersionUID = 1L;

	private final ErrorKind kind;

	private final transient Instant retryAt;

	private final Integer httpStatus;

	private final String networkCode;

	private final transient RateBudget budget;

	/**
	 * A failure of the given kind.
	 * @param kind the kind
	 * @param message the network's message
	 */
	public PublishException(ErrorKind kind, String message) {
		this(kind, message, null, null, null, null, null);
	}

	/**
	 * A failure with every detail the network gave.
	 * @param kind the kind
	 * @param message the network's message
	 * @param retryAt when to try again ({@link ErrorKind#RATE_LIMITED}), or {@code null}
	 * @param httpStatus the HTTP status, or {@code null}
	 * @param networkCode the network's error code, or {@code null}
	 * @param budget the account's remaining budget, or {@code null}
	 * @param cause the cause, or {@code null}
	 */
	public PublishException(ErrorKind kind, String message, Instant retryAt, Integer httpStatus, String networkCode,
			RateBudget budget, Throwable cause) {
		super(message, cause);
		this.kind = kind;
		this.retryAt = retryAt;
		this.httpStatus = httpStatus;
		this.networkCode = networkCode;
		this.budget = budget;
	}

	/**
	 * A rate-limit failure.
	 * @param message the network's message
	 * @param retryAt when the limit resets
	 * @return the exception
	 */
	public static PublishException rateLimited(String message, Instant retryAt) {
		return new PublishException(ErrorKind.RATE_LIMITED, message, retryAt, 429, null, null, null);
	}

	public ErrorKind kind() {
		return this.kind;
	}

	public Optional<Instant> retryAt() {
		return Optional.ofNullable(this.retryAt);
	}

	public Optional<Integer> httpStatus() {
		return Optional.ofNullable(this.httpStatus);
	}

	public Optional<String> networkCode() {
		return Optional.ofNullable(this.networkCode);
	}

	public Optional<RateBudget> rateBudget() {
		return Optional.ofNullable(this.budget);
	}

}
