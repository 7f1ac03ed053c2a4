package io.herald.worker.dispatch;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * One dispatcher shard. Quartz runs each shard on one node at a time and moves it when a
 * node dies; shards do not split the targets between them, they all claim with
 * {@code SKIP LOCKED}, so a shard stuck on a dead node delays nothing.
 */
@DisallowConcurrentExecution
public class DispatcherJob implements Job {

	private final Dispatcher dispatcher;

	public DispatcherJob(Dispatcher dispatcher) {
		this.dispatcher = dispatcher;
	}

	@Override
	public void execute(JobExecutionContext context) {
		this.dispatcher.dispatch();
	}

}
