package io.herald.api.accounts;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.herald.api.support.Api;
import io.herald.api.support.ApiIntegrationTest;
import io.herald.api.support.Fixtures.Tenant;
import io.herald.core.accounts.Account;
import io.herald.core.accounts.AccountSessionStore;
import io.herald.core.accounts.AccountStatus;
import io.herald.drivers.sandbox.SandboxBackend;
import io.herald.drivers.sandbox.SandboxFault;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checking an account renews an expired session through the engine's refresher: with the
 * account row locked, and reusing a session another node renewed meanwhile, since a
 * second refresh of a rotating refresh token would revoke the account.
 */
class AccountCheckIntegrationTests extends ApiIntegrationTest {

	@Autowired
	private AccountOperations operations;

	@Autowired
	private AccountSessionStore sessions;

	@Autowired
	private SandboxBackend sandbox;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private TransactionTemplate transactions;

	@AfterEach
	void clearFaults() {
		this.sandbox.clearFaults();
	}

	@Test
	void check_waits_for_a_refresh_under_way_and_uses_its_session_instead_of_refreshing_again() throws Exception {
		Tenant tenant = this.fixtures.tenant(this.api);
		Api.Response created = this.api.post("/api/v1/accounts")
			.token(tenant.token())
			.json("{\"network\":\"sandbox\",\"identifier\":\"rotating\"}")
			.send();
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		UUID account = UUID.fromString(created.json().get("id").asString());
		this.sessions.save(tenant.workspaceId(), account, this.sessions.load(tenant.workspaceId(), account)
			.withTokens("old-access", "old-refresh", Instant.now().minus(Duration.ofMinutes(1))));
		// A second refresh would be refused, as a rotated refresh token is.
		this.sandbox.failNextCall(SandboxFault.AUTH_REVOKED, "refresh token already used", null);

		CompletableFuture<Account> checked = this.transactions.execute((status) -> {
			// The worker's refresher holds the row while it renews the session.
			this.jdbc.queryForList("SELECT id FROM account WHERE id = ? FOR UPDATE", account);
			CompletableFuture<Account> check = CompletableFuture
				.supplyAsync(() -> this.operations.check(tenant.workspaceId(), account));
			awaitWaitingForTheRowLock(check);
			this.sessions.save(tenant.workspaceId(), account, this.sessions.load(tenant.workspaceId(), account)
				.withTokens("renewed-access", "renewed-refresh", Instant.now().plus(Duration.ofHours(1))));
			return check;
		});

		assertThat(checked.get(60, TimeUnit.SECONDS).getStatus()).isEqualTo(AccountStatus.CONNECTED);
		assertThat(this.sessions.load(tenant.workspaceId(), account).accessToken()).isEqualTo("renewed-access");
	}

	private void awaitWaitingForTheRowLock(CompletableFuture<Account> check) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (true) {
			// Activity is a per-transaction snapshot; this poll runs inside the lock's.
			this.jdbc.queryForObject("SELECT pg_stat_clear_snapshot()::text", String.class);
			Integer waiting = this.jdbc.queryForObject(
					"SELECT count(*) FROM pg_stat_activity WHERE"
							+ " wait_event_type = 'Lock' AND query LIKE '%FROM account WHERE id = % FOR UPDATE%'",
					Integer.class);
			if (waiting != null && waiting > 0) {
				return;
			}
			assertThat(check).as("the check finished without waiting for the refresh under way").isNotDone();
			assertThat(System.nanoTime()).as("the check waits for the account row lock").isLessThan(deadline);
			Thread.onSpinWait();
		}
	}

}
