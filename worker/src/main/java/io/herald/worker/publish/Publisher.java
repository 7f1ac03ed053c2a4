package io.herald.worker.publish;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import io.herald.drivers.spi.AccountSession;
import io.herald.drivers.spi.BaseSocialBackend;
import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.PublishException;
import io.herald.drivers.spi.PublishRequest;
import io.herald.drivers.spi.PublishResult;
import io.herald.worker.accounts.AccountSessions;
import io.herald.worker.accounts.SessionRefresher;
import io.herald.worker.budget.RateBudgets;
import io.herald.worker.lease.LeaseKeeper;
import io.herald.worker.metrics.PublishMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Publishes one claimed target: reconcile if an earlier call's outcome is unknown, check
 * window, attempts and rate budget, write the attempt row, call the driver, record the
 * transition. Any unexpected failure (the database gone) leaves the target leased; the
 * lease sweeper hands it on, and the next execution reconciles first. An {@link Error}
 * (out of memory preparing media, say) fails only this target, with a reason: handing it
 * on would crash the next node too.
 */
public class Publisher {

	private static final Logger log = LoggerFactory.getLogger(Publisher.class);

	private final Drivers drivers;

	private final AccountSessions sessions;

	private final SessionRefresher refresher;

	private final PublishRequests requests;

	private final TargetRecorder recorder;

	private final RateBudgets budgets;

	private final TargetStateMachine machine;

	private final PublishMetrics metrics;

	private final Rescheduling rescheduling;

	private final Clock clock;

	private final Duration minCallWindow;

	private final BooleanSupplier stopping;

	private final LeaseKeeper leases;

	public Publisher(Drivers drivers, AccountSessions sessions, SessionRefresher refresher, PublishRequests requests,
			TargetRecorder recorder, RateBudgets budgets, TargetStateMachine machine, PublishMetrics metrics,
			Rescheduling rescheduling, Clock clock, Duration minCallWindow, BooleanSupplier stopping,
			LeaseKeeper leases) {
		this.leases = leases;
		this.drivers = drivers;
		this.sessions = sessions;
		this.refresher = refresher;
		this.requests = requests;
		this.recorder = recorder;
		this.budgets = budgets;
		this.machine = machine;
		this.metrics = metrics;
		this.rescheduling = rescheduling;
		this.clock = clock;
		this.minCallWindow = minCallWindow;
		this.stopping = stopping;
	}

	/**
	 * Publishes a target this node has claimed.
	 * @param target the target
	 */
	public void publish(ClaimedTarget target) {
		MDC.put("target", target.id().toString());
		MDC.put("post", target.postId().toString());
		MDC.put("network", target.network());
		this.leases.hold(target.id(), target.leaseUntil());
		try {
			run(target);
		}
		catch (RuntimeException ex) {
			log.warn("Could not finish {}; its lease will expire and it will be reconciled: {}", target, ex.toString());
		}
		catch (Error error) {
			failOnError(target, null, error);
		}
		finally {
			this.leases.release(target.id());
			MDC.remove("target");
			MDC.remove("post");
			MDC.remove("network");
		}
	}

	private void run(ClaimedTarget target) {
		Optional<BaseSocialBackend> driver = this.drivers.get(target.network());
		if (driver.isEmpty()) {
			finish(target, null,
					new Transition.Failed("NO_DRIVER", "No driver for network '" + target.network() + "' is installed"),
					null);
			return;
		}
		if (!"CONNECTED".equals(target.accountStatus())) {
			finish(target, null, new Transition.Failed("ACCOUNT_" + target.accountStatus(),
					"The account is " + target.accountStatus()
							+ ((target.accountStatusReason() != null) ? ": " + target.accountStatusReason() : "")),
					null);
			return;
		}
		BaseSocialBackend backend = driver.get();
		AccountSession session = this.sessions.open(target.workspaceId(), target.accountId(), target.sealedSession());
		PublishRequest request;
		try {
			request = this.requests.build(target, backend);
		}
		catch (PublishRequests.MissingMediaException ex) {
			finish(target, null, new Transition.Failed("MEDIA_MISSING", ex.getMessage()), null);
			return;
		}
		if (target.uncertainSince() != null && reconciled(target, backend, session, request, false)) {
			return;
		}
		Instant now = this.clock.instant();
		Transition.Failed stop = this.machine.beforeCall(target.snapshot(target.attempts()), now);
		if (stop != null) {
			finish(target, null, stop, null);
			return;
		}
		if (this.stopping.getAsBoolean()) {
			finish(target, null, new Transition.Release(now, "node shutting down"), null);
			return;
		}
		if (this.leases.leaseUntil(target.id(), target.leaseUntil()).minus(this.minCallWindow).isBefore(now)) {
			finish(target, null, new Transition.Release(now, "lease too short to call"), null);
			return;
		}
		Optional<Instant> blocked = this.budgets.mustAcquire(target.accountId(), target.budgeted(), target.claimedAt())
				? this.budgets.acquire(target.accountId(), now) : Optional.empty();
		if (blocked.isPresent()) {
			finish(target, null, this.machine.waitUntil(target.snapshot(target.attempts()), blocked.get(),
					"This account's rate limit is used up until " + blocked.get() + "."), null);
			return;
		}
		call(target, backend, session, request, target.attempts(), false);
	}

	/**
	 * Asks the network whether an earlier call went through. Until it answers, the target
	 * stays uncertain: failures back off like publishes, and an account that must be
	 * reconnected fails the target without clearing the marker.
	 * @return true when the target's fate is settled (published, or retried later)
	 */
	private boolean reconciled(ClaimedTarget target, BaseSocialBackend backend, AccountSession session,
			PublishRequest request, boolean refreshed) {
		try {
			Optional<PublishResult.Published> found = backend.reconcile(request, session, target.uncertainSince());
			if (found.isEmpty()) {
				log.info("Reconciled {}: not on the network, publishing again", target);
				return false;
			}
			log.info("Reconciled {}: already published as {}", target, found.get().remoteId());
			finish(target, null, this.machine.onResult(found.get()), null, "reconciled");
			return true;
		}
		catch (PublishException ex) {
			this.budgets.record(target.workspaceId(), target.accountId(), ex, this.clock.instant());
			Transition next = this.machine.onReconcileFailure(target.snapshot(target.attempts()), ex, refreshed,
					this.clock.instant());
			if (next instanceof Transition.RefreshAndRetry) {
				Optional<AccountSession> fresh = refreshForReconcile(target, backend, session);
				return fresh.isEmpty() || reconciled(target, backend, fresh.get(), request, true);
			}
			log.info("Could not reconcile {}: {} {}", target, ex.kind(), ex.getMessage());
			finish(target, null, next, ex);
			return true;
		}
	}

	/**
	 * Refreshes an expired session for a reconcile; when the network refuses, records the
	 * target's transition and returns empty.
	 */
	private Optional<AccountSession> refreshForReconcile(ClaimedTarget target, BaseSocialBackend backend,
			AccountSession session) {
		try {
			return Optional.of(this.refresher.afterExpiry(target.workspaceId(), target.accountId(), backend, session));
		}
		catch (PublishException ex) {
			finish(target, null,
					this.machine.onReconcileFailure(target.snapshot(target.attempts()), ex, true, this.clock.instant()),
					ex);
			return Optional.empty();
		}
	}

	/** Fails the target after an {@link Error}, keeping it uncertain. */
	private void failOnError(ClaimedTarget target, UUID attemptId, Error error) {
		if (error instanceof ThreadDeath) {
			throw error;
		}
		log.error("Publishing {} broke with {}; failing it", target, error.toString());
		try {
			Transition.Failed failed = this.machine.onError(error);
			finish(target, attemptId, failed, new PublishException(ErrorKind.UNKNOWN_OUTCOME, failed.reason()));
		}
		catch (RuntimeException | Error ex) {
			log.warn("Could not record the failure of {}; its lease will expire: {}", target, ex.toString());
		}
	}

	private void call(ClaimedTarget target, BaseSocialBackend backend, AccountSession session, PublishRequest request,
			int attemptsBefore, boolean refreshed) {
		Instant start = this.clock.instant();
		UUID attemptId = UUID.randomUUID();
		if (!this.recorder.startAttempt(target, attemptId, start)) {
			log.warn("Lost the lease on {} before calling; another node has it", target);
			return;
		}
		int attempts = attemptsBefore + 1;
		Transition transition;
		PublishException failure = null;
		try {
			PublishResult result = (target.inProgressToken() != null)
					? backend.resume(request, target.inProgressToken(), session) : backend.publish(request, session);
			result.rateBudget()
				.ifPresent((budget) -> this.budgets.record(target.workspaceId(), target.accountId(), budget,
						this.clock.instant()));
			transition = this.machine.onResult(result);
		}
		catch (PublishException ex) {
			failure = ex;
			this.budgets.record(target.workspaceId(), target.accountId(), ex, this.clock.instant());
			transition = this.machine.onFailure(target.snapshot(attempts), ex, refreshed, this.clock.instant());
		}
		catch (RuntimeException ex) {
			// A driver bug after sending may still have published: treat as unknown.
			failure = new PublishException(ErrorKind.UNKNOWN_OUTCOME, "Driver error: " + ex, null, null, null, null,
					ex);
			transition = this.machine.onFailure(target.snapshot(attempts), failure, refreshed, this.clock.instant());
		}
		catch (Error error) {
			this.metrics.attempt(target.network(), "error");
			failOnError(target, attemptId, error);
			return;
		}
		this.metrics.attempt(target.network(), (failure != null) ? failure.kind().name().toLowerCase()
				: (transition instanceof Transition.Resume) ? "in_progress" : "published");
		if (transition instanceof Transition.RefreshAndRetry) {
			this.recorder.finishAttempt(attemptId, failure, this.clock.instant());
			AccountSession fresh;
			try {
				fresh = this.refresher.afterExpiry(target.workspaceId(), target.accountId(), backend, session);
			}
			catch (PublishException ex) {
				Transition next = this.machine.onFailure(target.snapshot(attempts), ex, true, this.clock.instant());
				finish(target, null, next, ex);
				return;
			}
			call(target, backend, fresh, request, attempts, true);
			return;
		}
		finish(target, attemptId, transition, failure);
	}

	private void finish(ClaimedTarget target, UUID attemptId, Transition transition, PublishException failure) {
		finish(target, attemptId, transition, failure, "published");
	}

	private void finish(ClaimedTarget target, UUID attemptId, Transition transition, PublishException failure,
			String publishedOutcome) {
		Instant now = this.clock.instant();
		if (transition instanceof Transition.Reconnect reconnect) {
			this.sessions.markNeedsReconnect(target.workspaceId(), target.accountId(), reconnect.reason());
		}
		if (!this.recorder.record(target, attemptId, transition, failure, now)) {
			log.warn("Lost the lease on {} while publishing; the new holder reconciles it", target);
			return;
		}
		if (transition instanceof Transition.Published published) {
			this.metrics.published(target.network(), publishedOutcome, Duration.between(target.dueAt(), now));
			log.debug("Published {} as {}", target, published.remoteId());
		}
		else if (transition instanceof Transition.Failed failed) {
			this.metrics.failed(target.network(), failed.kind().toLowerCase());
			log.info("Failed {}: {}", target, failed.reason());
		}
		else if (transition instanceof Transition.Reconnect) {
			this.metrics.failed(target.network(), "auth_revoked");
			log.info("Failed {}: the account needs a reconnect", target);
		}
		else if (transition instanceof Transition.Retry retry) {
			log.debug("Will retry {} at {} after {}", target, retry.at(), retry.kind());
			this.rescheduling.rescheduled(target.id(), retry.at());
		}
		else if (transition instanceof Transition.Recheck recheck) {
			this.rescheduling.rescheduled(target.id(), recheck.at());
		}
		else if (transition instanceof Transition.Wait wait) {
			log.debug("{} waits for a rate limit until {}", target, wait.until());
			this.rescheduling.rescheduled(target.id(), wait.until());
		}
		else if (transition instanceof Transition.Resume resume) {
			this.rescheduling.rescheduled(target.id(), resume.at());
		}
		else if (transition instanceof Transition.Release release) {
			log.debug("Released {} until {}: {}", target, release.at(), release.why());
			this.rescheduling.rescheduled(target.id(), release.at());
		}
	}

}
