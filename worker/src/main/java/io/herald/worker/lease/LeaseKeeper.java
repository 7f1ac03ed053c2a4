package io.herald.worker.lease;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.herald.worker.publish.SqlTime.ts;

/**
 * Renews the leases of the targets this node holds, every quarter lease, in one
 * statement. A live node's leases therefore do not expire however long a slow network
 * call takes; only a dead (or cut off) node's do, and the sweeper hands those on.
 */
public class LeaseKeeper implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final String node;

	private final Duration lease;

	private final Map<UUID, Instant> held = new ConcurrentHashMap<>();

	private ScheduledExecutorService timer;

	public LeaseKeeper(JdbcTemplate jdbc, Clock clock, String node, Duration lease) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.node = node;
		this.lease = lease;
	}

	public void hold(UUID targetId, Instant leaseUntil) {
		this.held.merge(targetId, leaseUntil, (a, b) -> a.isAfter(b) ? a : b);
	}

	public void release(UUID targetId) {
		this.held.remove(targetId);
	}

	/**
	 * When this node's lease on a target ends, as last renewed.
	 * @param targetId the target
	 * @param claimed the lease end at claim time
	 * @return the later of the two
	 */
	public Instant leaseUntil(UUID targetId, Instant claimed) {
		Instant renewed = this.held.get(targetId);
		return (renewed != null && renewed.isAfter(claimed)) ? renewed : claimed;
	}

	/**
	 * Extends every held lease.
	 * @return how many leases were extended
	 */
	public int renew() {
		if (this.held.isEmpty()) {
			return 0;
		}
		UUID[] ids = this.held.keySet().toArray(new UUID[0]);
		Instant until = this.clock.instant().plus(this.lease);
		// SKIP LOCKED: a locked target is being started or finished right now; it is
		// renewed next round if it still needs it, and waiting here could deadlock with
		// the batch that holds it.
		List<UUID> renewed = this.jdbc.queryForList("UPDATE post_target SET lease_until = ? WHERE id IN (SELECT id"
				+ " FROM post_target WHERE id = ANY (?) AND status = 'PUBLISHING' AND lease_owner = ?"
				+ " FOR UPDATE SKIP LOCKED) RETURNING id", UUID.class, ts(until), ids, this.node);
		for (UUID id : renewed) {
			this.held.computeIfPresent(id, (key, old) -> until);
		}
		return renewed.size();
	}

	@Override
	public void start() {
		this.timer = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "herald-lease-keeper");
			thread.setDaemon(true);
			return thread;
		});
		long period = Math.max(100, this.lease.toMillis() / 4);
		this.timer.scheduleWithFixedDelay(() -> {
			try {
				renew();
			}
			catch (RuntimeException ex) {
				log.warn("Could not renew {} leases: {}", this.held.size(), ex.toString());
			}
		}, period, period, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		if (this.timer != null) {
			this.timer.shutdownNow();
			this.timer = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.timer != null;
	}

	/** Keeps renewing until the dispatcher has drained. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 2048;
	}

}
