package io.herald.drivers.kit;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Makes the test server fail on demand, so the kit can check how a driver maps failures
 * to {@link io.herald.drivers.spi.ErrorKind}s.
 * <p>
 * A fault is produced on the network's side of the wire: the server (or a proxy in front
 * of it) answers with the network's own status, headers and body, or loses the answer,
 * and the driver has to map that. An injector that makes the driver throw the kind itself
 * proves nothing about mapping; only a network without a wire (the sandbox) does so, and
 * its Errors tests then check the contract, not a mapping.
 */
public interface FaultInjector {

	/**
	 * The faults this server can produce.
	 * @return the supported fault kinds
	 */
	Set<Fault.Kind> supported();

	/**
	 * Makes the next call the driver sends fail with the given fault. Calls that only
	 * read (such as resolving a handle) may be let through by injectors that can tell
	 * them apart; the kit's requests need none.
	 * @param fault the fault
	 */
	void failNextCall(Fault fault);

	/**
	 * Removes any fault that was not used; the kit calls it after every Errors test.
	 */
	void clear();

	/**
	 * The calls of the driver's publishing flow that change something at the network, in
	 * the injector's own names (for example {@code com.atproto.repo.uploadBlob} and
	 * {@code com.atproto.repo.createRecord}, or a media upload step and the post itself).
	 * The ExactlyOnce tests make each of them applied-then-badly-answered in turn; they
	 * are skipped when this is empty.
	 * @return the publishing calls, in flow order
	 */
	default List<String> publishingCalls() {
		return List.of();
	}

	/**
	 * Lets the next request of a publishing call reach the network, which applies it, and
	 * then answers it badly.
	 * @param call one of {@link #publishingCalls()}
	 * @param answer what the driver gets instead of the network's answer
	 */
	default void failAfterApplying(String call, AfterApplied answer) {
		throw new UnsupportedOperationException("no publishing calls to fail");
	}

	/** What a driver gets back from a call the network applied. */
	enum AfterApplied {

		/** A server error (5xx) with an error body. */
		SERVER_ERROR,

		/** The connection closes without any answer. */
		CONNECTION_RESET,

		/** The answer arrives only after the driver's read timeout. */
		ANSWER_AFTER_TIMEOUT

	}

	/**
	 * One failure to produce.
	 *
	 * @param kind what goes wrong
	 * @param message the network's message to put in the error, which the driver must
	 * keep
	 * @param resetAt when a rate limit resets ({@link Kind#RATE_LIMITED} only)
	 */
	record Fault(Kind kind, String message, Instant resetAt) {

		/**
		 * A fault without a reset time.
		 * @param kind what goes wrong
		 * @param message the network's message
		 * @return the fault
		 */
		public static Fault of(Kind kind, String message) {
			return new Fault(kind, message, null);
		}

		/** What goes wrong. */
		public enum Kind {

			/** The network answers "too many requests" with a reset time. */
			RATE_LIMITED,

			/** The network answers with a server error (5xx). */
			SERVER_ERROR,

			/** The network says the access token expired. */
			TOKEN_EXPIRED,

			/** The network says the grant is gone (also on refresh). */
			TOKEN_REVOKED,

			/** The network refuses the content. */
			INVALID_CONTENT,

			/**
			 * The network applies the call but the answer never arrives within the
			 * driver's read timeout.
			 */
			TIMEOUT_AFTER_SEND

		}

	}

}
