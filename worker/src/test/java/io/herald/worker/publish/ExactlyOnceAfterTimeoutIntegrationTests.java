package io.herald.worker.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.herald.drivers.sandbox.SandboxBackend;
import io.herald.drivers.sandbox.SandboxFault;
import io.herald.worker.api.PublicationScheduler;
import io.herald.worker.support.EngineIntegrationTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end on the sandbox network (which never deduplicates): a publication whose
 * answer was lost stays uncertain through every later failure, reconnect and retry until
 * a reconcile has answered, so the network holds it exactly once.
 */
class ExactlyOnceAfterTimeoutIntegrationTests extends EngineIntegrationTestSupport {

	private static final Instant NOON = Instant.parse("2026-06-01T12:00:00Z");

	@Autowired
	private PublicationScheduler scheduler;

	@Autowired
	private SandboxBackend sandbox;

	private UUID workspace;

	@BeforeEach
	void setUp() {
		this.clock.set(NOON);
		this.workspace = this.fixtures.workspace();
	}

	@AfterEach
	void clearFaults() {
		this.sandbox.clearFaults();
	}

	@Test
	void publishes_once_after_a_timeout_then_a_revoked_account_then_a_reconnect_and_retry() {
		UUID account = this.fixtures.account(this.workspace, "una", "unknown_outcome=next:1");
		UUID post = this.fixtures.post(this.workspace, "Sent, answer lost");
		UUID target = this.fixtures.target(this.workspace, post, account, NOON);
		awaitUncertainAfterTimeout(target);
		this.sandbox.failNextReconcile(SandboxFault.AUTH_REVOKED, "the grant was revoked", null);

		this.clock.advance(Duration.ofSeconds(5));
		awaitStatus(target, "FAILED");

		Map<String, Object> failed = this.fixtures.target(target);
		assertThat(failed.get("last_error_kind")).isEqualTo("AUTH_REVOKED");
		assertThat(failed.get("uncertain_since")).as("still uncertain").isNotNull();
		assertThat(accountStatus(account)).isEqualTo("NEEDS_RECONNECT");

		reconnectAndRetry(account, post);

		awaitStatus(target, "PUBLISHED");
		assertThat(this.fixtures.publications(target)).as("publications at the network").isOne();
		assertThat(this.fixtures.target(target).get("uncertain_since")).isNull();
	}

	@Test
	void publishes_once_when_the_account_needed_reconnecting_before_the_reconcile() {
		UUID account = this.fixtures.account(this.workspace, "vic", "unknown_outcome=next:1");
		UUID post = this.fixtures.post(this.workspace, "Sent, then the account broke");
		UUID target = this.fixtures.target(this.workspace, post, account, NOON);
		awaitUncertainAfterTimeout(target);
		this.fixtures.jdbc()
			.update("UPDATE account SET status = 'NEEDS_RECONNECT', status_reason = 'refresh refused' WHERE id = ?",
					account);

		this.clock.advance(Duration.ofSeconds(5));
		awaitStatus(target, "FAILED");

		assertThat(this.fixtures.target(target).get("last_error_kind")).isEqualTo("ACCOUNT_NEEDS_RECONNECT");
		assertThat(this.fixtures.target(target).get("uncertain_since")).as("still uncertain").isNotNull();

		reconnectAndRetry(account, post);

		awaitStatus(target, "PUBLISHED");
		assertThat(this.fixtures.publications(target)).as("publications at the network").isOne();
	}

	@Test
	void backs_off_a_failed_reconcile_until_the_networks_reset_time() {
		UUID account = this.fixtures.account(this.workspace, "wes", "unknown_outcome=next:1");
		UUID target = this.fixtures.target(this.workspace, this.fixtures.post(this.workspace, "Slow to check"), account,
				NOON);
		awaitUncertainAfterTimeout(target);
		Instant reset = NOON.plusSeconds(40);
		this.sandbox.failNextReconcile(SandboxFault.RATE_LIMITED, "slow down", reset);

		this.clock.set(NOON.plusSeconds(5));
		await("the failed reconcile is recorded",
				() -> "RATE_LIMITED".equals(this.fixtures.target(target).get("last_error_kind"))
						&& "SCHEDULED".equals(this.fixtures.status(target)));

		Map<String, Object> waiting = this.fixtures.target(target);
		assertThat(((java.sql.Timestamp) waiting.get("next_attempt_at")).toInstant()).isEqualTo(reset);
		assertThat(waiting.get("attempts")).as("the reconcile counts as an attempt").isEqualTo(2);
		assertThat(waiting.get("uncertain_since")).isNotNull();
		this.clock.set(reset.minusSeconds(1));
		awaitDispatcherFires(3);
		assertThat(this.fixtures.status(target)).isEqualTo("SCHEDULED");

		this.clock.set(reset);
		awaitStatus(target, "PUBLISHED");
		assertThat(this.fixtures.publications(target)).isOne();
	}

	@Test
	void fails_only_the_publication_that_ran_out_of_memory_and_keeps_publishing() {
		UUID greedy = this.fixtures.account(this.workspace, "xena", "out_of_memory=next:1");
		UUID modest = this.fixtures.account(this.workspace, "yuri", null);
		UUID broken = this.fixtures.target(this.workspace, this.fixtures.post(this.workspace, "Huge image"), greedy,
				NOON);

		awaitStatus(broken, "FAILED");

		Map<String, Object> row = this.fixtures.target(broken);
		assertThat(row.get("last_error_kind")).isEqualTo(TargetStateMachine.INTERNAL);
		assertThat(row.get("last_error")).asString().contains("ran out of memory preparing its media");
		assertThat(row.get("lease_owner")).isNull();
		UUID fine = this.fixtures.target(this.workspace, this.fixtures.post(this.workspace, "Small text"), modest,
				NOON);
		awaitStatus(fine, "PUBLISHED");
		this.clock.advance(Duration.ofSeconds(30));
		awaitDispatcherFires(3);
		assertThat(this.fixtures.status(broken)).as("not swept and retried").isEqualTo("FAILED");
		assertThat(this.fixtures.publications(broken)).isZero();
	}

	private void awaitUncertainAfterTimeout(UUID target) {
		await("the publish timed out after the network stored it",
				() -> "UNKNOWN_OUTCOME".equals(this.fixtures.target(target).get("last_error_kind")));
		assertThat(this.fixtures.target(target).get("uncertain_since")).isNotNull();
		assertThat(this.fixtures.publications(target)).isOne();
	}

	/** What a user does: reconnect the account, then press Retry on the post. */
	private void reconnectAndRetry(UUID account, UUID post) {
		this.fixtures.jdbc()
			.update("UPDATE account SET status = 'CONNECTED', status_reason = NULL WHERE id = ?", account);
		assertThat(this.scheduler.requeueFailed(this.workspace, post)).isOne();
	}

	private String accountStatus(UUID account) {
		return this.fixtures.jdbc().queryForObject("SELECT status FROM account WHERE id = ?", String.class, account);
	}

}
