package io.herald.worker.api;

import java.util.Collection;
import java.util.UUID;

/**
 * What the API tells the publishing engine. The API owns {@code post_target} rows (it
 * creates them SCHEDULED with {@code due_at}, edits them, cancels them); the engine picks
 * them up by itself, so in the default dispatcher mode the first two calls do nothing.
 */
public interface PublicationScheduler {

	/**
	 * Targets were created or rescheduled (status SCHEDULED, {@code due_at} set), after
	 * the transaction that wrote them committed.
	 * @param targetIds the targets
	 */
	void scheduled(Collection<UUID> targetIds);

	/**
	 * Targets were canceled (status CANCELED), after the transaction committed.
	 * @param targetIds the targets
	 */
	void canceled(Collection<UUID> targetIds);

	/**
	 * Puts a post's FAILED targets back in the queue, due now, with a fresh attempt
	 * count; a DONE post becomes SCHEDULED again.
	 * @param workspaceId the workspace
	 * @param postId the post
	 * @return how many targets were re-queued
	 */
	int requeueFailed(UUID workspaceId, UUID postId);

}
