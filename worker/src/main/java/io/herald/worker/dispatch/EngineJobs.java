package io.herald.worker.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.herald.worker.WorkerProperties;
import io.herald.worker.accounts.TokenRefreshJob;
import io.herald.worker.lease.LeaseSweepJob;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.JobPersistenceException;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Puts the engine's periodic jobs into the clustered job store: the dispatcher shards,
 * the lease sweep and the token refresh. Every node does this at startup; the first one
 * wins, the others find them there (and adjust an interval or the shard count that
 * changed).
 */
public class EngineJobs implements SmartInitializingSingleton {

	static final String GROUP = "herald-engine";

	private static final Logger log = LoggerFactory.getLogger(EngineJobs.class);

	private final Scheduler scheduler;

	private final WorkerProperties properties;

	public EngineJobs(Scheduler scheduler, WorkerProperties properties) {
		this.scheduler = scheduler;
		this.properties = properties;
	}

	@Override
	public void afterSingletonsInstantiated() {
		try {
			List<String> wanted = new ArrayList<>();
			if (this.properties.mode() == WorkerProperties.Mode.DISPATCHER) {
				for (int shard = 0; shard < this.properties.shards(); shard++) {
					wanted.add(ensure("dispatch-" + shard, DispatcherJob.class, this.properties.dispatchInterval()));
				}
			}
			wanted.add(ensure("lease-sweep", LeaseSweepJob.class, this.properties.sweepInterval()));
			wanted.add(ensure("token-refresh", TokenRefreshJob.class, this.properties.refreshInterval()));
			for (JobKey key : this.scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
				if (!wanted.contains(key.getName())) {
					this.scheduler.deleteJob(key);
					log.info("Removed engine job {} (no longer configured)", key.getName());
				}
			}
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("Could not register the publishing engine's jobs", ex);
		}
	}

	private String ensure(String name, Class<? extends Job> type, Duration interval) throws SchedulerException {
		JobDetail job = JobBuilder.newJob(type).withIdentity(name, GROUP).storeDurably().build();
		Trigger trigger = TriggerBuilder.newTrigger()
			.withIdentity(name, GROUP)
			.forJob(job)
			.withSchedule(SimpleScheduleBuilder.simpleSchedule()
				.withIntervalInMilliseconds(interval.toMillis())
				.repeatForever()
				// After downtime: one fire now, no catch-up burst.
				.withMisfireHandlingInstructionNextWithRemainingCount())
			.build();
		Trigger existing = this.scheduler.getTrigger(TriggerKey.triggerKey(name, GROUP));
		if (existing == null) {
			try {
				this.scheduler.scheduleJob(job, java.util.Set.of(trigger), true);
			}
			catch (ObjectAlreadyExistsException ex) {
				// Another node registered it at the same moment.
			}
			catch (JobPersistenceException ex) {
				// Two nodes starting at once on a fresh database: the loser sees the
				// primary key violation as a persistence error, not as "already exists".
				if (this.scheduler.getTrigger(TriggerKey.triggerKey(name, GROUP)) == null) {
					throw ex;
				}
			}
		}
		else if (!(existing instanceof SimpleTrigger simple) || simple.getRepeatInterval() != interval.toMillis()
				|| !existing.getJobKey().equals(job.getKey())) {
			this.scheduler.addJob(job, true);
			this.scheduler.rescheduleJob(existing.getKey(), trigger);
		}
		return name;
	}

}
