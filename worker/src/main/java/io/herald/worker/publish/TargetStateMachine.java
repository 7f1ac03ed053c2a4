package io.herald.worker.publish;

import java.time.Duration;
import java.time.Instant;

import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.PublishException;
import io.herald.drivers.spi.PublishResult;
import io.herald.worker.retry.Backoff;

/**
 * Decides every transition of a target from what the network said. Pure: no I/O, the
 * current instant is passed in.
 * <p>
 * The exactly-once rule lives here: a target whose {@code uncertain_since} is set is not
 * called again before a reconcile has answered. Only a network answer clears the marker
 * (published, in progress, or a failure that proves the call was refused); every other
 * transition (failing before a call, an account that must be reconnected, a reconcile
 * that could not be answered, an internal error) keeps it, so a later retry, after a
 * reconnect too, reconciles first.
 */
public final class TargetStateMachine {

	/** Error kind recorded when a target can no longer be on time. */
	public static final String LATE = "LATE";

	/** Error kind recorded when the attempts are used up. */
	public static final String EXHAUSTED = "ATTEMPTS_EXHAUSTED";

	/** Error kind recorded when the publication itself broke (out of memory, say). */
	public static final String INTERNAL = "INTERNAL";

	private final Backoff backoff;

	private final int maxAttempts;

	private final Duration maxLateness;

	private final Duration maxRateLimitWait;

	public TargetStateMachine(Backoff backoff, int maxAttempts, Duration maxLateness, Duration maxRateLimitWait) {
		this.backoff = backoff;
		this.maxAttempts = maxAttempts;
		this.maxLateness = maxLateness;
		this.maxRateLimitWait = maxRateLimitWait;
	}

	/**
	 * Whether a target may still be sent now; checked after any reconcile and before each
	 * call.
	 * @param target the claimed target
	 * @param now the current instant
	 * @return a failure when it is too late or the attempts are used up, else
	 * {@code null}
	 */
	public Transition.Failed beforeCall(TargetSnapshot target, Instant now) {
		if (target.lateFrom() != null && now.isAfter(target.lateFrom().plus(maxLateness(target)))) {
			return new Transition.Failed(LATE,
					"Not published: it was due at " + target.dueAt()
							+ " and could not go out within the maximum lateness of " + maxLateness(target)
							+ lastError(target));
		}
		if (target.attempts() >= this.maxAttempts) {
			return new Transition.Failed(EXHAUSTED,
					"Not published after " + target.attempts() + " attempts" + lastError(target));
		}
		return null;
	}

	/**
	 * The transition after a call that returned.
	 * @param result what the network returned
	 * @return published, or resume later
	 */
	public Transition onResult(PublishResult result) {
		if (result instanceof PublishResult.Published published) {
			return new Transition.Published(published.remoteId(), published.url());
		}
		PublishResult.InProgress inProgress = (PublishResult.InProgress) result;
		return new Transition.Resume(inProgress.token(), inProgress.retryAt());
	}

	/**
	 * The transition after a call that failed.
	 * @param target the target, with {@code attempts} counting the failed call
	 * @param failure what the network said
	 * @param refreshed whether the session was already refreshed in this execution
	 * @param now the current instant
	 * @return the next state
	 */
	public Transition onFailure(TargetSnapshot target, PublishException failure, boolean refreshed, Instant now) {
		String message = failure.getMessage();
		return switch (failure.kind()) {
			// The network answered: the call was refused, nothing is uncertain any more.
			case INVALID_CONTENT, DUPLICATE -> new Transition.Failed(failure.kind().name(), message, false);
			case AUTH_REVOKED -> new Transition.Reconnect("The account must be reconnected: " + message, false);
			case AUTH_EXPIRED -> refreshed ? retry(target, failure, now, now.plus(delay(target)), false)
					: new Transition.RefreshAndRetry();
			case RATE_LIMITED -> failure.retryAt().filter(now::isBefore).isPresent() ? wait(target, failure, now)
					: retry(target, failure, now, now.plus(delay(target)), false);
			case TRANSIENT -> retry(target, failure, now, now.plus(delay(target)), false);
			// Possibly applied: never give up before reconciling, which the next
			// execution
			// does before anything else.
			case UNKNOWN_OUTCOME -> new Transition.Retry(now.plus(delay(target)), failure.kind(), message, true);
		};
	}

	/**
	 * The transition after a reconcile that could not be answered. The outcome of the
	 * earlier call is still unknown, so the marker stays whatever happens: the reconcile
	 * is tried again with the publish backoff (or at the network's reset time), each try
	 * counting as an attempt, and the target fails (still uncertain) once the attempts or
	 * the lateness window are used up.
	 * @param target the target, with {@code attempts} as claimed
	 * @param failure what the network said to the reconcile
	 * @param refreshed whether the session was already refreshed in this execution
	 * @param now the current instant
	 * @return the next state
	 */
	public Transition onReconcileFailure(TargetSnapshot target, PublishException failure, boolean refreshed,
			Instant now) {
		String message = "Could not check whether an earlier attempt went through: " + failure.getMessage();
		if (failure.kind() == ErrorKind.AUTH_REVOKED) {
			return new Transition.Reconnect("The account must be reconnected: " + message, true);
		}
		if (failure.kind() == ErrorKind.AUTH_EXPIRED && !refreshed) {
			return new Transition.RefreshAndRetry();
		}
		TargetSnapshot counted = new TargetSnapshot(target.dueAt(), target.attempts() + 1, target.lastError(),
				target.lateFrom(), target.maxLateness());
		Instant at = failure.retryAt().filter(now::isBefore).orElse(now.plus(delay(counted)));
		Transition.Failed stop = stop(counted, failure.kind(), message, at, true);
		return (stop != null) ? stop : new Transition.Recheck(at, failure.kind(), message);
	}

	/**
	 * The transition after the publication itself broke with an {@link Error} (out of
	 * memory preparing media, say): fail this target with a clear reason instead of
	 * letting the node retry it forever. The marker stays, since the call may have gone
	 * out.
	 * @param error what was thrown
	 * @return the failure
	 */
	public Transition.Failed onError(Error error) {
		String reason = (error instanceof OutOfMemoryError)
				? "The publication ran out of memory preparing its media; use smaller media and retry."
				: "The publication failed with an internal error (" + error.getClass().getSimpleName() + ").";
		return new Transition.Failed(INTERNAL, reason, true);
	}

	/**
	 * A limit that names when it frees is a wait, not a failed attempt; only a wait
	 * beyond {@code maxRateLimitWait} after the due time (a limit that never frees)
	 * fails.
	 */
	private Transition wait(TargetSnapshot target, PublishException failure, Instant now) {
		return waitUntil(target, failure.retryAt().orElseThrow(), failure.getMessage());
	}

	/**
	 * The transition for a target that must wait for a rate limit or quota to free.
	 * @param target the target
	 * @param until when the limit frees
	 * @param reason what the target waits for (the network's message), shown to users
	 * @return a wait, or a failure when the wait would end too long after the due time
	 */
	public Transition waitUntil(TargetSnapshot target, Instant until, String reason) {
		if (until.isAfter(target.dueAt().plus(this.maxRateLimitWait))) {
			return new Transition.Failed(LATE,
					"Not published: the rate limit frees only at " + until + ", more than the maximum wait of "
							+ this.maxRateLimitWait + " after " + target.dueAt() + ". Last error: " + reason);
		}
		return new Transition.Wait(until, reason);
	}

	private Transition retry(TargetSnapshot target, PublishException failure, Instant now, Instant at,
			boolean uncertain) {
		Transition.Failed stop = stop(target, failure.kind(), failure.getMessage(), at, uncertain);
		return (stop != null) ? stop : new Transition.Retry(at, failure.kind(), failure.getMessage(), uncertain);
	}

	private Transition.Failed stop(TargetSnapshot target, ErrorKind kind, String message, Instant at,
			boolean uncertain) {
		if (target.attempts() >= this.maxAttempts) {
			return new Transition.Failed(kind.name(),
					"Not published after " + target.attempts() + " attempts. Last error: " + message, uncertain);
		}
		if (target.lateFrom() != null && at.isAfter(target.lateFrom().plus(maxLateness(target)))) {
			return new Transition.Failed(LATE,
					"Not published: the next try (" + at + ") would be past the maximum lateness of "
							+ maxLateness(target) + " after " + target.lateFrom() + ". Last error: " + message,
					uncertain);
		}
		return null;
	}

	/** The workspace's own limit wins over the node's. */
	private Duration maxLateness(TargetSnapshot target) {
		return (target.maxLateness() != null) ? target.maxLateness() : this.maxLateness;
	}

	private Duration delay(TargetSnapshot target) {
		return this.backoff.delay(Math.max(1, target.attempts()));
	}

	private static String lastError(TargetSnapshot target) {
		return (target.lastError() != null) ? ". Last error: " + target.lastError() : ".";
	}

}
