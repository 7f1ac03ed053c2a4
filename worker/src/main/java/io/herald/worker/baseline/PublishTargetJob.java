package io.herald.worker.baseline;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.herald.worker.publish.ClaimedTarget;
import io.herald.worker.publish.Publisher;
import io.herald.worker.publish.TargetClaims;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * The baseline's job: one fire publishes one target, in Quartz's own thread.
 */
public class PublishTargetJob implements Job {

	private final TargetClaims claims;

	private final Publisher publisher;

	private final TriggerPerPostScheduler scheduler;

	private final Clock clock;

	public PublishTargetJob(TargetClaims claims, Publisher publisher, TriggerPerPostScheduler scheduler, Clock clock) {
		this.claims = claims;
		this.publisher = publisher;
		this.scheduler = scheduler;
		this.clock = clock;
	}

	@Override
	public void execute(JobExecutionContext context) {
		UUID targetId = UUID.fromString(context.getMergedJobDataMap().getString(TriggerPerPostScheduler.TARGET_ID));
		List<ClaimedTarget> claimed = this.claims.claimOne(targetId, this.clock.instant());
		if (claimed.isEmpty()) {
			Instant readyAt = this.scheduler.readyAt(targetId);
			if (readyAt != null) {
				this.scheduler.rescheduled(targetId, readyAt);
			}
			return;
		}
		claimed.forEach(this.publisher::publish);
	}

}
