package io.herald.worker.publish;

import java.time.Duration;
import java.time.Instant;

import io.herald.drivers.spi.PublishException;
import io.herald.drivers.spi.PublishResult;
import io.herald.worker.retry.Backoff;

/**
 * Decides every transition of a target from what the network said. Pure: no I/O, the
 * current instant is passed in.
 */
public final class TargetStateMachine {

	/** Error kind recorded when a target can no longer be on time. */
	public static final String LATE = "LATE";

	/** Error kind recorded when the attempts are used up. */
	public static final String EXHAUSTED = "ATTEMPTS_EXHAUSTED";

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
			case INVALID_CONTENT, DUPLICATE -> new Transition.Failed(failure.kind().name(), message);
			case AUTH_REVOKED -> new Transition.Reconnect("The account must be reconnected: " + message);
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
		String message = failure.getMessage();
		if (target.attempts() >= this.maxAttempts) {
			return new Transition.Failed(failure.kind().name(),
					"Not published after " + target.attempts() + " attempts. Last error: " + message);
		}
		if (target.lateFrom() != null && at.isAfter(target.lateFrom().plus(maxLateness(target)))) {
			return new Transition.Failed(LATE,
					"Not published: the next try (" + at + ") would be past the maximum lateness of "
							+ maxLateness(target) + " after " + target.lateFrom() + ". Last error: " + message);
		}
		return new Transition.Retry(at, failure.kind(), message, uncertain);
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
