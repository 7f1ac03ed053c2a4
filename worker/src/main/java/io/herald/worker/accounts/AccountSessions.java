package io.herald.worker.accounts;

import java.util.UUID;

import io.herald.drivers.spi.AccountSession;

/**
 * Where the engine gets and keeps account sessions (stored encrypted by core).
 */
public interface AccountSessions {

	/**
	 * Loads and decrypts an account's session.
	 * @param workspaceId the workspace
	 * @param accountId the account
	 * @return the session
	 */
	AccountSession load(UUID workspaceId, UUID accountId);

	/**
	 * Decrypts a session the engine already read with the account row, saving a query.
	 * @param workspaceId the workspace
	 * @param accountId the account
	 * @param sealed the stored credentials, or {@code null} to load them
	 * @return the session
	 */
	default AccountSession open(UUID workspaceId, UUID accountId, byte[] sealed) {
		return load(workspaceId, accountId);
	}

	/**
	 * Encrypts and stores a renewed session.
	 * @param workspaceId the workspace
	 * @param accountId the account
	 * @param session the session
	 */
	void save(UUID workspaceId, UUID accountId, AccountSession session);

	/**
	 * Marks an account as needing a reconnect by its user.
	 * @param workspaceId the workspace
	 * @param accountId the account
	 * @param reason why, shown to the user
	 */
	void markNeedsReconnect(UUID workspaceId, UUID accountId, String reason);

}
