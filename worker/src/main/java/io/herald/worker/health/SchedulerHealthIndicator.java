package io.herald.worker.health;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SchedulerMetaData;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Readiness of this node's part of the cluster: the Quartz scheduler runs, clustered, and
 * reaches its job store.
 */
public class SchedulerHealthIndicator extends AbstractHealthIndicator {

	private final Scheduler scheduler;

	public SchedulerHealthIndicator(Scheduler scheduler) {
		this.scheduler = scheduler;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws SchedulerException {
		SchedulerMetaData meta = this.scheduler.getMetaData();
		builder.withDetail("instanceId", meta.getSchedulerInstanceId())
			.withDetail("clustered", meta.isJobStoreClustered())
			.withDetail("jobStore", meta.getJobStoreClass().getSimpleName());
		if (meta.isShutdown() || !meta.isStarted() || meta.isInStandbyMode()) {
			builder.down().withDetail("state", meta.isShutdown() ? "shut down" : "not started");
			return;
		}
		// Touches the job store, so a scheduler that lost its database shows.
		this.scheduler.getJobGroupNames();
		builder.up();
	}

}
