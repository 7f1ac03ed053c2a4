package io.herald.worker.publish;

import java.time.Instant;

/**
 * What the state machine needs to know about a target.
 *
 * @param dueAt when it was due
 * @param attempts how many calls were made so far
 * @param lastError the last error message, or {@code null}
 */
public record TargetSnapshot(Instant dueAt, int attempts, String lastError) {
}
