package io.herald.worker.publish;

import java.net.URI;
import java.time.Instant;

import io.herald.drivers.spi.ErrorKind;

/**
 * Where a target goes after an execution step. The state machine is SCHEDULED →
 * PUBLISHING → PUBLISHED | FAILED | CANCELED, and back from PUBLISHING to SCHEDULED for a
 * later attempt.
 * <p>
 * Transitions that carry {@code uncertain} keep the target's {@code uncertain_since}
 * marker as it is when it is true: an earlier call may have been applied and no answer
 * (of that call or of a reconcile) has said otherwise, so whatever runs next, a retry
 * included, reconciles before calling. Only {@link Published}, {@link Resume} and an
 * answer that proves the call was refused clear it; {@link Release} and {@link Recheck}
 * never do.
 */
public sealed interface Transition {

	/** PUBLISHING → PUBLISHED. */
	record Published(String remoteId, URI url) implements Transition {
	}

	/**
	 * PUBLISHING → FAILED, until a user retries. Unless the network's answer proved the
	 * call refused ({@code uncertain} false), the marker stays, so the retry reconciles
	 * first.
	 */
	record Failed(String kind, String reason, boolean uncertain) implements Transition {

		/** A failure decided without a network answer: the marker stays as it is. */
		public Failed(String kind, String reason) {
			this(kind, reason, true);
		}

	}

	/**
	 * PUBLISHING → FAILED because the account must be reconnected; the account is marked
	 * NEEDS_RECONNECT.
	 */
	record Reconnect(String reason, boolean uncertain) implements Transition {

		/** A reconnect decided without a network answer: the marker stays as it is. */
		public Reconnect(String reason) {
			this(reason, true);
		}

	}

	/**
	 * PUBLISHING → SCHEDULED for another attempt at {@code at}. When {@code uncertain},
	 * the call may have been applied, and the next execution reconciles first.
	 */
	record Retry(Instant at, ErrorKind kind, String message, boolean uncertain) implements Transition {
	}

	/**
	 * PUBLISHING → SCHEDULED at {@code at} because a reconcile could not be answered: the
	 * outcome is still unknown, so the marker stays. It counts as an attempt, so the
	 * backoff grows and the maximum attempts cap it like failed publishes.
	 */
	record Recheck(Instant at, ErrorKind kind, String message) implements Transition {
	}

	/** PUBLISHING → SCHEDULED with an in-progress token to resume at {@code at}. */
	record Resume(String token, Instant at) implements Transition {
	}

	/**
	 * PUBLISHING → SCHEDULED at {@code at} without any call made (rate budget spent,
	 * lease too short, shutting down). Costs no attempt.
	 */
	record Release(Instant at, String why) implements Transition {
	}

	/**
	 * PUBLISHING → SCHEDULED until a rate limit or publishing quota frees at
	 * {@code until}, as the network or the account's budget says. A wait is not a
	 * failure: it costs no attempt, the lateness counts from {@code until}, and
	 * {@code reason} is shown on the target meanwhile.
	 */
	record Wait(Instant until, String reason) implements Transition {
	}

	/** Refresh the account's session, then call again (once per execution). */
	record RefreshAndRetry() implements Transition {
	}

}
