package io.herald.api.accounts;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herald.api.problems.ApiException;
import io.herald.api.problems.ProblemType;
import io.herald.core.accounts.Account;
import io.herald.core.accounts.AccountRepository;
import io.herald.core.accounts.AccountSessionStore;
import io.herald.core.accounts.AccountStatus;
import io.herald.core.networks.NetworkRegistry;
import io.herald.drivers.spi.AccountProfile;
import io.herald.drivers.spi.AccountSession;
import io.herald.drivers.spi.BaseSocialBackend;
import io.herald.drivers.spi.Capabilities;
import io.herald.drivers.spi.ConnectFailedException;
import io.herald.drivers.spi.ConnectFailedException.Reason;
import io.herald.drivers.spi.ConnectRequest;
import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.PublishException;
import io.herald.worker.accounts.CoreAccountSessions;
import io.herald.worker.accounts.SessionRefresher;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Connects, checks and disconnects accounts. The network is called only here (and in the
 * OAuth callback), never on the publishing path of a request.
 */
@Service
class AccountService {

	private static final Logger log = LoggerFactory.getLogger(AccountService.class);

	private final AccountRepository accounts;

	private final AccountSessionStore sessions;

	private final NetworkRegistry networks;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final SessionRefresher refresher;

	private final TransactionTemplate transactions;

	AccountService(AccountRepository accounts, AccountSessionStore sessions, NetworkRegistry networks,
			JdbcTemplate jdbc, Clock clock, ObjectProvider<SessionRefresher> refresher,
			TransactionTemplate transactions) {
		this.accounts = accounts;
		this.sessions = sessions;
		this.networks = networks;
		this.jdbc = jdbc;
		this.clock = clock;
		this.transactions = transactions;
		// The engine's refresher when this node runs it; an api-only node builds the same
		// one: refresh tokens often rotate, so every refresh must take the account row
		// lock and reuse a session someone else renewed meanwhile.
		this.refresher = refresher
			.getIfAvailable(() -> new SessionRefresher(new CoreAccountSessions(sessions), jdbc, transactions, clock));
	}

	@Transactional
	Connected connect(UUID workspaceId, AccountController.ConnectAccountRequest request) {
		BaseSocialBackend backend = backend(request.network());
		if (backend.capabilities().connectMethod() == Capabilities.ConnectMethod.OAUTH2) {
			throw new ApiException(ProblemType.VALIDATION_FAILED, request.network()
					+ " accounts connect through OAuth: open /connect/" + request.network() + " in a browser.");
		}
		AccountSession session;
		AccountProfile profile;
		try {
			session = backend.connect(new ConnectRequest(request.identifier(), request.secret(), request.serviceUrl(),
					request.settings()));
			profile = backend.verify(session);
		}
		catch (IllegalArgumentException ex) {
			// Drivers reject malformed settings this way.
			throw new ApiException(ProblemType.VALIDATION_FAILED,
					"Invalid settings for " + request.network() + ": " + ex.getMessage());
		}
		catch (PublishException ex) {
			throw connectFailed(request.network(), ConnectFailedException.reasonOf(ex), ex);
		}
		return store(workspaceId, backend.network(), session, profile);
	}

	/**
	 * A failed connection as the user sees it: a fixed message per reason. What the
	 * server answered and where it lives stay out of the problem and out of INFO logs.
	 */
	private static ApiException connectFailed(String network, Reason reason, Exception cause) {
		log.info("Connecting a {} account failed: {}", network, reason);
		if (cause != null) {
			log.debug("Connecting a {} account failed: {}", network, cause.getMessage());
		}
		return new ApiException(ProblemType.CONNECT_FAILED, reason.message(),
				Map.of("network", network, "reason", reason.name()));
	}

	/**
	 * Stores a freshly connected session: a new account, or new credentials for the same
	 * remote user (reconnect).
	 */
	@Transactional
	Connected store(UUID workspaceId, String network, AccountSession session, AccountProfile profile) {
		if (isBlank(session.remoteUserId()) || isBlank(profile.handle())) {
			// Whatever answered did not say who the account is: nothing to store.
			throw connectFailed(network, Reason.NOT_A_SERVER, null);
		}
		String serviceUrl = (session.serviceUrl() != null) ? session.serviceUrl().toString() : null;
		var existing = this.accounts.findByRemoteUser(workspaceId, network, session.remoteUserId());
		Account account = existing.orElseGet(() -> new Account(UUID.randomUUID(), workspaceId, network,
				profile.handle(), session.remoteUserId(), profile.displayName(), serviceUrl, this.clock.instant()));
		account.updateProfile(profile.handle(), profile.displayName(), this.clock.instant());
		account.markStatus(AccountStatus.CONNECTED, null, this.clock.instant());
		this.sessions.seal(account, session);
		this.accounts.save(account);
		return new Connected(account, existing.isEmpty());
	}

	@Transactional(readOnly = true)
	List<Account> list(UUID workspaceId) {
		return this.accounts.findAllInWorkspace(workspaceId);
	}

	@Transactional(readOnly = true)
	Account get(UUID workspaceId, UUID id) {
		return this.accounts.findInWorkspace(id, workspaceId).orElseThrow(() -> ApiException.notFound("Account"));
	}

	/**
	 * Verifies an account's session, renewing an expired one through the engine's
	 * refresher (row lock, one refresh for the cluster). Not one transaction: the refresh
	 * commits on its own, and the network is not called while holding a connection.
	 */
	Account check(UUID workspaceId, UUID id) {
		Account account = this.transactions.execute((status) -> get(workspaceId, id));
		BaseSocialBackend backend = backend(account.getNetwork());
		AccountSession session = this.sessions.open(account);
		AccountStatus status = AccountStatus.CONNECTED;
		String reason = null;
		try {
			try {
				backend.verify(session);
			}
			catch (PublishException ex) {
				if (ex.kind() != ErrorKind.AUTH_EXPIRED) {
					throw ex;
				}
				backend.verify(this.refresher.afterExpiry(workspaceId, id, backend, session));
			}
		}
		catch (PublishException ex) {
			if (ex.kind() != ErrorKind.AUTH_REVOKED && ex.kind() != ErrorKind.AUTH_EXPIRED) {
				throw new ApiException(ProblemType.SERVICE_UNAVAILABLE, ConnectFailedException.reasonOf(ex).message());
			}
			status = AccountStatus.NEEDS_RECONNECT;
			reason = ex.getMessage();
		}
		AccountStatus checked = status;
		String why = reason;
		return this.transactions.execute((tx) -> {
			Account current = get(workspaceId, id);
			current.markStatus(checked, why, this.clock.instant());
			return current;
		});
	}

	@Transactional
	void disconnect(UUID workspaceId, UUID id) {
		Account account = get(workspaceId, id);
		this.jdbc.update(
				"UPDATE post_target SET status = 'CANCELED', updated_at = now(), last_error = ?"
						+ " WHERE workspace_id = ? AND account_id = ? AND status IN ('SCHEDULED', 'DRAFT')",
				"The account was disconnected.", workspaceId, id);
		Integer targets = this.jdbc.queryForObject(
				"SELECT count(*) FROM post_target WHERE workspace_id = ? AND account_id = ?", Integer.class,
				workspaceId, id);
		if (targets != null && targets > 0) {
			this.sessions.seal(account,
					new AccountSession(account.getRemoteUserId(), account.getHandle(), null, null, null, null, null));
			account.markStatus(AccountStatus.DISABLED, "Disconnected by a user.", this.clock.instant());
		}
		else {
			this.accounts.delete(account);
		}
	}

	private BaseSocialBackend backend(String network) {
		return this.networks.find(network)
			.orElseThrow(() -> new ApiException(ProblemType.UNKNOWN_NETWORK,
					"No driver for network '" + network + "' is installed.",
					Map.of("networks", this.networks.networks())));
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

	record Connected(Account account, boolean created) {
	}

}
