package io.herald.worker.accounts;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * Runs the token refresh on one node of the cluster at a time.
 */
@DisallowConcurrentExecution
public class TokenRefreshJob implements Job {

	private final TokenRefresher refresher;

	public TokenRefreshJob(TokenRefresher refresher) {
		this.refresher = refresher;
	}

	@Override
	public void execute(JobExecutionContext context) {
		this.refresher.refreshExpiring();
	}

}
