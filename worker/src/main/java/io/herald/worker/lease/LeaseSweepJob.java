package io.herald.worker.lease;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * Runs the lease sweep on one node of the cluster at a time.
 */
@DisallowConcurrentExecution
public class LeaseSweepJob implements Job {

	private final LeaseSweeper sweeper;

	public LeaseSweepJob(LeaseSweeper sweeper) {
		this.sweeper = sweeper;
	}

	@Override
	public void execute(JobExecutionContext context) {
		this.sweeper.sweep();
	}

}
