package io.herald.worker.publish;

import java.time.Instant;
import java.util.UUID;

/**
 * Told when a target goes back to SCHEDULED for a later attempt. The dispatchers find
 * such targets by themselves; the one-trigger-per-post baseline needs a new trigger.
 */
@FunctionalInterface
public interface Rescheduling {

	/** Dispatchers poll: nothing to do. */
	Rescheduling NONE = (targetId, at) -> {
	};

	/**
	 * A target is scheduled again.
	 * @param targetId the target
	 * @param at when it is due again
	 */
	void rescheduled(UUID targetId, Instant at);

}
