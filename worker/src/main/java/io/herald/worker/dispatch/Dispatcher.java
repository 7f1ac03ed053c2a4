package io.herald.worker.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import io.herald.worker.execution.Draining;
import io.herald.worker.execution.PublishExecutor;
import io.herald.worker.lease.LeaseKeeper;
import io.herald.worker.metrics.PublishMetrics;
import io.herald.worker.publish.ClaimedTarget;
import io.herald.worker.publish.Publisher;
import io.herald.worker.publish.TargetClaims;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * This node's side of dispatching: claims due targets in batches while it has capacity
 * and hands them to the executor. Capacity ({@code maxInFlight}) bounds what a node
 * holds, so a backlog after downtime drains at the node's pace, oldest first, instead of
 * as a storm. On shutdown it stops claiming, lets queued targets release themselves and
 * waits a grace period for calls under way.
 */
public class Dispatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

	private final TargetClaims claims;

	private final Publisher publisher;

	private final PublishExecutor executor;

	private final PublishMetrics metrics;

	private final Clock clock;

	private final int maxInFlight;

	private final int batchSize;

	private final Duration budget;

	private final Duration shutdownGrace;

	private static final Duration FILL_WINDOW = Duration.ofMillis(20);

	private final Semaphore capacity;

	private final ReentrantLock claiming = new ReentrantLock();

	private final Draining draining;

	private final LeaseKeeper leases;

	private volatile boolean running;

	public Dispatcher(TargetClaims claims, Publisher publisher, PublishExecutor executor, PublishMetrics metrics,
			Draining draining, LeaseKeeper leases, Clock clock, int maxInFlight, int batchSize, Duration budget,
			Duration shutdownGrace) {
		this.draining = draining;
		this.leases = leases;
		this.claims = claims;
		this.publisher = publisher;
		this.executor = executor;
		this.metrics = metrics;
		this.clock = clock;
		this.maxInFlight = maxInFlight;
		this.batchSize = batchSize;
		this.budget = budget;
		this.shutdownGrace = shutdownGrace;
		this.capacity = new Semaphore(maxInFlight);
		metrics.bindInFlight(this::inFlight);
	}

	/**
	 * One dispatcher fire: claim and hand out batches until nothing is due, or the budget
	 * is used up.
	 * @return how many targets were claimed
	 */
	public int dispatch() {
		// One claimer per node at a time: shards firing together on one node would only
		// split its free capacity into tiny claims. Other nodes claim in parallel.
		if (!this.claiming.tryLock()) {
			return 0;
		}
		try {
			return claimWhileDue();
		}
		finally {
			this.claiming.unlock();
		}
	}

	private int claimWhileDue() {
		long deadline = System.nanoTime() + this.budget.toNanos();
		int total = 0;
		while (this.running && !this.draining.getAsBoolean()) {
			int permits = reserve(deadline);
			if (permits == 0) {
				break;
			}
			List<ClaimedTarget> claimed;
			try {
				claimed = this.claims.claimDue(this.clock.instant(), permits);
			}
			catch (RuntimeException ex) {
				this.capacity.release(permits);
				throw ex;
			}
			this.metrics.claimed(claimed.size());
			// Claimed targets are leased to this node: hand every one on before anything
			// else can fail, or they would sit until their leases expire.
			claimed.forEach(this::submit);
			settle(permits, claimed.size());
			total += claimed.size();
			if (claimed.size() < permits || System.nanoTime() > deadline) {
				break;
			}
		}
		return total;
	}

	/**
	 * Gives back the permits a claim did not use. A claim that returned more targets than
	 * it asked for (a database bug or a bad plan) borrows the difference from work that
	 * finishes, so capacity is never lost or exceeded for long.
	 */
	private void settle(int permits, int claimed) {
		if (claimed <= permits) {
			this.capacity.release(permits - claimed);
			return;
		}
		log.error("A claim for {} targets returned {}; publishing them all and waiting for capacity", permits, claimed);
		// One permit at a time: the overdraft can exceed the node's whole capacity, and
		// each finishing publication frees exactly one.
		for (int i = permits; i < claimed; i++) {
			this.capacity.acquireUninterruptibly();
		}
	}

	/**
	 * Hands one claimed target to the executor, counting it against this node's capacity.
	 * @param target the target
	 */
	public void submit(ClaimedTarget target) {
		this.leases.hold(target.id(), target.leaseUntil());
		this.executor.submit(target.accountId().toString(), target.network(), () -> {
			try {
				this.publisher.publish(target);
			}
			finally {
				this.capacity.release();
			}
		});
	}

	public int inFlight() {
		return this.maxInFlight - this.capacity.availablePermits();
	}

	private int reserve(long deadline) {
		try {
			long wait = Math.max(0, deadline - System.nanoTime());
			if (!this.capacity.tryAcquire(wait, TimeUnit.NANOSECONDS)) {
				return 0;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 0;
		}
		// Lets capacity gather for a moment, so a busy node claims full batches rather
		// than one target per freed slot.
		int permits = 1;
		long fillUntil = System.nanoTime() + FILL_WINDOW.toNanos();
		try {
			while (permits < this.batchSize) {
				int free = Math.min(this.capacity.availablePermits(), this.batchSize - permits);
				if (free > 0 && this.capacity.tryAcquire(free)) {
					permits += free;
					continue;
				}
				long wait = fillUntil - System.nanoTime();
				if (wait <= 0 || !this.capacity.tryAcquire(wait, TimeUnit.NANOSECONDS)) {
					break;
				}
				permits++;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return permits;
	}

	/**
	 * Stopping closes the executor for good, so a context pause (Spring pauses cached
	 * test contexts) must not stop the dispatcher; only the final shutdown does.
	 */
	@Override
	public boolean isPauseable() {
		return false;
	}

	@Override
	public void start() {
		this.draining.reset();
		this.running = true;
	}

	@Override
	public void stop() {
		this.draining.start();
		long deadline = System.nanoTime() + this.shutdownGrace.toNanos();
		try {
			while (inFlight() > 0 && System.nanoTime() < deadline) {
				// Bounded wait for work under way to finish or release itself.
				if (this.capacity.tryAcquire(this.maxInFlight, 100, TimeUnit.MILLISECONDS)) {
					this.capacity.release(this.maxInFlight);
					break;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		int left = inFlight();
		if (left > 0) {
			log.warn("Stopping with {} publications still under way; their leases expire and they are reconciled",
					left);
		}
		this.running = false;
		this.executor.close();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Stops after the Quartz scheduler (no more fires), before the database goes. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 1024;
	}

}
