package io.herald.worker.lease;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.herald.worker.metrics.PublishMetrics;
import io.herald.worker.publish.Rescheduling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;

import static io.herald.worker.publish.SqlTime.ts;

/**
 * Hands targets whose lease expired (their node died or lost the database) back to the
 * queue. Their {@code uncertain_since} stays, so the next execution reconciles before any
 * new call.
 */
public class LeaseSweeper {

	private static final Logger log = LoggerFactory.getLogger(LeaseSweeper.class);

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final Rescheduling rescheduling;

	private final PublishMetrics metrics;

	public LeaseSweeper(JdbcTemplate jdbc, Clock clock, Rescheduling rescheduling, PublishMetrics metrics) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.rescheduling = rescheduling;
		this.metrics = metrics;
	}

	/**
	 * Sweeps expired leases and refreshes the queue depth gauge.
	 * @return how many targets were handed back
	 */
	public int sweep() {
		Instant now = this.clock.instant();
		List<UUID> swept = this.jdbc.queryForList("UPDATE post_target SET status = 'SCHEDULED', lease_owner = NULL,"
				+ " lease_until = NULL, next_attempt_at = ?, updated_at = ? WHERE id IN (SELECT id FROM post_target"
				+ " WHERE status = 'PUBLISHING' AND lease_until < ? LIMIT 1000 FOR UPDATE SKIP LOCKED) RETURNING id",
				UUID.class, ts(now), ts(now), ts(now));
		if (!swept.isEmpty()) {
			log.info("Swept {} expired leases; they are reconciled before any new attempt", swept.size());
			swept.forEach((id) -> this.rescheduling.rescheduled(id, now));
		}
		Long depth = this.jdbc.queryForObject("SELECT count(*) FROM post_target WHERE status = 'SCHEDULED'"
				+ " AND GREATEST(due_at, next_attempt_at) <= ?", Long.class, ts(now));
		this.metrics.queueDepth((depth != null) ? depth : 0);
		return swept.size();
	}

}
