package io.herald.api.web.posts;

import java.time.Instant;
import java.util.UUID;

/**
 * One publishing attempt, as the engine recorded it.
 *
 * @param targetId the target
 * @param startedAt when it started
 * @param finishedAt when it finished, or {@code null} while running
 * @param outcome what happened
 * @param errorKind the error kind, if it failed
 * @param httpStatus the network's HTTP status, if any
 * @param message the network's message
 */
public record AttemptRow(UUID targetId, Instant startedAt, Instant finishedAt, String outcome, String errorKind,
		Integer httpStatus, String message) {
}
