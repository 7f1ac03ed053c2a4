package io.herald.worker.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.herald.drivers.spi.AccountSession;
import io.herald.drivers.spi.BaseSocialBackend;
import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.PublishException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static io.herald.worker.publish.SqlTime.ts;

/**
 * Refreshes an account's session once for the whole cluster: the account row is locked
 * while refreshing, and a session someone else renewed meanwhile is used as is (refresh
 * tokens often rotate, so two refreshes would revoke each other).
 */
public class SessionRefresher {

	private static final Logger log = LoggerFactory.getLogger(SessionRefresher.class);

	private final AccountSessions sessions;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	public SessionRefresher(AccountSessions sessions, JdbcTemplate jdbc, TransactionTemplate transactions,
			Clock clock) {
		this.sessions = sessions;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Renews a session that a call found expired, unless another caller already did.
	 * @param workspaceId the workspace
	 * @param accountId the account
	 * @param backend the account's driver
	 * @param stale the session the call used
	 * @return a fresh session
	 * @throws PublishException when the network refuses; the account is marked
	 * NEEDS_RECONNECT for {@link ErrorKind#AUTH_REVOKED}
	 */
	public AccountSession afterExpiry(UUID workspaceId, UUID accountId, BaseSocialBackend backend, AccountSession stale)
			throws PublishException {
		return refresh(workspaceId, accountId, backend, (current) -> !current.equals(stale));
	}

	/**
	 * Renews a session that expires within {@code ahead}, unless already renewed.
	 * @param workspaceId the workspace
	 * @param accountId the account
	 * @param backend the account's driver
	 * @param ahead how long before expiry to renew
	 * @return the current session
	 * @throws PublishException when the network refuses
	 */
	public AccountSession ahead(UUID workspaceId, UUID accountId, BaseSocialBackend backend, Duration ahead)
			throws PublishException {
		Instant horizon = this.clock.instant().plus(ahead);
		return refresh(workspaceId, accountId, backend,
				(current) -> current.accessTokenExpiresAt() == null || current.accessTokenExpiresAt().isAfter(horizon));
	}

	private AccountSession refresh(UUID workspaceId, UUID accountId, BaseSocialBackend backend,
			java.util.function.Predicate<AccountSession> stillGood) throws PublishException {
		try {
			return this.transactions.execute((status) -> {
				this.jdbc.queryForList("SELECT id FROM account WHERE id = ? AND workspace_id = ? FOR UPDATE", accountId,
						workspaceId);
				AccountSession current = this.sessions.load(workspaceId, accountId);
				if (stillGood.test(current)) {
					return current;
				}
				AccountSession fresh;
				try {
					fresh = backend.refresh(current);
				}
				catch (PublishException ex) {
					throw new RefreshFailed(ex);
				}
				this.sessions.save(workspaceId, accountId, fresh);
				this.jdbc.update("UPDATE account SET token_expires_at = ?, updated_at = ? WHERE id = ?",
						ts(fresh.accessTokenExpiresAt()), ts(this.clock.instant()), accountId);
				log.info("Refreshed the session of {} account {}", backend.network(), accountId);
				return fresh;
			});
		}
		catch (RefreshFailed ex) {
			PublishException cause = ex.failure();
			if (cause.kind() == ErrorKind.AUTH_REVOKED) {
				this.sessions.markNeedsReconnect(workspaceId, accountId,
						"The network refused to renew the session: " + cause.getMessage());
			}
			throw cause;
		}
	}

	private static final class RefreshFailed extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final transient PublishException failure;

		RefreshFailed(PublishException failure) {
			super(failure.getMessage(), null, false, false);
			this.failure = failure;
		}

		PublishException failure() {
			return this.failure;
		}

	}

}
