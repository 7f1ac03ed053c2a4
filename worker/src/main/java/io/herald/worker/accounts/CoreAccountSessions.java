package io.herald.worker.accounts;

import java.util.UUID;

import io.herald.core.accounts.AccountSessionStore;
import io.herald.drivers.spi.AccountSession;

/**
 * The engine's sessions from core's encrypted store.
 */
public class CoreAccountSessions implements AccountSessions {

	private final AccountSessionStore store;

	public CoreAccountSessions(AccountSessionStore store) {
		this.store = store;
	}

	@Override
	public AccountSession load(UUID workspaceId, UUID accountId) {
		return this.store.load(workspaceId, accountId);
	}

	@Override
	public AccountSession open(UUID workspaceId, UUID accountId, byte[] sealed) {
		return (sealed != null) ? this.store.open(accountId, sealed) : load(workspaceId, accountId);
	}

	@Override
	public void save(UUID workspaceId, UUID accountId, AccountSession session) {
		this.store.save(workspaceId, accountId, session);
	}

	@Override
	public void markNeedsReconnect(UUID workspaceId, UUID accountId, String reason) {
		this.store.markNeedsReconnect(workspaceId, accountId, reason);
	}

}
