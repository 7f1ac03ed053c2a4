package io.herald.worker.publish;

import java.time.Duration;
import java.time.Instant;

/**
 * What the state machine needs to know about a target.
 *
 * @param dueAt when it was due
 * @param attempts how many calls were made so far
 * @param lastError the last error message, or {@code null}
 * @param lateFrom where the maximum lateness counts from: the due time, or the end of a
 * rate-limit wait after it; {@code null} while the network is processing a publication it
 * already has (only the driver's own deadline applies then)
 * @param maxLateness its workspace's maximum lateness, or {@code null} for the node's
 */
public record TargetSnapshot(Instant dueAt, int attempts, String lastError, Instant lateFrom, Duration maxLateness) {

	/**
	 * A target that has not waited for a rate limit, in a workspace with the node's
	 * maximum lateness.
	 * @param dueAt when it was due
	 * @param attempts how many calls were made so far
	 * @param lastError the last error message, or {@code null}
	 */
	public TargetSnapshot(Instant dueAt, int attempts, String lastError) {
		this(dueAt, attempts, lastError, dueAt, null);
	}

}
