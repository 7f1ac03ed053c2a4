package io.herald.worker.baseline;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.herald.worker.api.PublicationScheduler;
import io.herald.worker.dispatch.TargetRequeue;
import io.herald.worker.publish.Rescheduling;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

import org.springframework.jdbc.core.JdbcTemplate;

import static io.herald.worker.publish.SqlTime.instant;

/**
 * The baseline: one Quartz job and trigger per target, each fire taking Quartz's
 * cluster-wide trigger lock. Kept to measure the dispatcher engine against.
 */
public class TriggerPerPostScheduler implements PublicationScheduler, Rescheduling {

	static final String GROUP = "herald-target";

	static final String TARGET_ID = "targetId";

	private final Scheduler scheduler;

	private final JdbcTemplate jdbc;

	private final TargetRequeue requeue;

	public TriggerPerPostScheduler(Scheduler scheduler, JdbcTemplate jdbc, TargetRequeue requeue) {
		this.scheduler = scheduler;
		this.jdbc = jdbc;
		this.requeue = requeue;
	}

	@Override
	public void scheduled(Collection<UUID> targetIds) {
		if (targetIds.isEmpty()) {
			return;
		}
		Map<UUID, Instant> ready = new LinkedHashMap<>();
		this.jdbc.query("SELECT id, GREATEST(due_at, next_attempt_at) AS ready_at FROM post_target"
				+ " WHERE id = ANY (?) AND status = 'SCHEDULED'", (rs) -> {
					ready.put(rs.getObject("id", UUID.class), instant(rs, "ready_at"));
				}, (Object) targetIds.toArray(new UUID[0]));
		canceled(targetIds);
		ready.forEach(this::rescheduled);
	}

	@Override
	public void canceled(Collection<UUID> targetIds) {
		try {
			this.scheduler.deleteJobs(targetIds.stream().map(TriggerPerPostScheduler::jobKey).toList());
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("Could not remove the triggers of " + targetIds.size() + " targets", ex);
		}
	}

	@Override
	public int requeueFailed(UUID workspaceId, UUID postId) {
		List<UUID> ids = this.requeue.requeueFailed(workspaceId, postId);
		scheduled(ids);
		return ids.size();
	}

	@Override
	public void rescheduled(UUID targetId, Instant at) {
		JobKey key = jobKey(targetId);
		Trigger trigger = TriggerBuilder.newTrigger()
			.withIdentity(targetId + "@" + at.toEpochMilli(), GROUP)
			.forJob(key)
			.startAt(Date.from(at))
			.withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
			.build();
		try {
			if (this.scheduler.checkExists(key)) {
				this.scheduler.scheduleJob(trigger);
			}
			else {
				JobDetail job = JobBuilder.newJob(PublishTargetJob.class)
					.withIdentity(key)
					.usingJobData(TARGET_ID, targetId.toString())
					.build();
				this.scheduler.scheduleJob(job, trigger);
			}
		}
		catch (ObjectAlreadyExistsException ex) {
			// Another node scheduled the same instant for this target already.
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("Could not schedule target " + targetId, ex);
		}
	}

	/** When the row says a target is ready, for a trigger that fired too early. */
	Instant readyAt(UUID targetId) {
		List<Instant> ready = this.jdbc
			.query("SELECT GREATEST(due_at, next_attempt_at) AS ready_at FROM post_target WHERE id = ?"
					+ " AND status = 'SCHEDULED'", (rs, row) -> instant(rs, "ready_at"), targetId);
		return ready.isEmpty() ? null : ready.get(0);
	}

	private static JobKey jobKey(UUID targetId) {
		return JobKey.jobKey(targetId.toString(), GROUP);
	}

}
