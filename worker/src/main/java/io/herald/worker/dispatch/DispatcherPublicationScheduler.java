package io.herald.worker.dispatch;

import java.util.Collection;
import java.util.UUID;

import io.herald.worker.api.PublicationScheduler;

/**
 * The dispatchers find due targets by themselves: scheduling and canceling are plain row
 * changes the API already made.
 */
public class DispatcherPublicationScheduler implements PublicationScheduler {

	private final TargetRequeue requeue;

	public DispatcherPublicationScheduler(TargetRequeue requeue) {
		this.requeue = requeue;
	}

	@Override
	public void scheduled(Collection<UUID> targetIds) {
	}

	@Override
	public void canceled(Collection<UUID> targetIds) {
	}

	@Override
	public int requeueFailed(UUID workspaceId, UUID postId) {
		return this.requeue.requeueFailed(workspaceId, postId).size();
	}

}
