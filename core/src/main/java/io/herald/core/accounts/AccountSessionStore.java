package io.herald.core.accounts;

import java.time.Clock;
import java.util.UUID;

import io.herald.core.secrets.SecretBox;
import io.herald.drivers.spi.AccountSession;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads and writes an account's {@link AccountSession}, encrypted at rest with
 * {@link SecretBox} and bound to the account id. The only place credentials are
 * decrypted.
 */
@Service
public class AccountSessionStore {

	private final AccountRepository accounts;

	private final SecretBox secretBox;

	private final Clock clock;

	private final JsonMapper json = JsonMapper.builder().build();

	public AccountSessionStore(AccountRepository accounts, SecretBox secretBox, Clock clock) {
		this.accounts = accounts;
		this.secretBox = secretBox;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public AccountSession load(UUID workspaceId, UUID accountId) {
		return open(find(workspaceId, accountId));
	}

	public AccountSession open(Account account) {
		return open(account.getId(), account.getCredentials());
	}

	/**
	 * Decrypts a session read with the account row (the engine reads it with its claim).
	 * @param accountId the account the credentials are bound to
	 * @param sealed the stored credentials
	 * @return the session
	 */
	public AccountSession open(UUID accountId, byte[] sealed) {
		byte[] plain = this.secretBox.open(sealed, context(accountId));
		return this.json.readValue(plain, AccountSession.class);
	}

	/**
	 * Encrypts a session onto an account (new or loaded); the caller saves the entity.
	 * @param account the account
	 * @param session the session to store
	 */
	public void seal(Account account, AccountSession session) {
		byte[] plain = this.json.writeValueAsBytes(session);
		account.storeCredentials(this.secretBox.seal(plain, context(account.getId())), session.accessTokenExpiresAt(),
				this.clock.instant());
	}

	@Transactional
	public void save(UUID workspaceId, UUID accountId, AccountSession session) {
		Account account = find(workspaceId, accountId);
		seal(account, session);
		if (account.getStatus() == AccountStatus.NEEDS_RECONNECT) {
			account.markStatus(AccountStatus.CONNECTED, null, this.clock.instant());
		}
	}

	@Transactional
	public void markNeedsReconnect(UUID workspaceId, UUID accountId, String reason) {
		find(workspaceId, accountId).markStatus(AccountStatus.NEEDS_RECONNECT, reason, this.clock.instant());
	}

	private Account find(UUID workspaceId, UUID accountId) {
		return this.accounts.findInWorkspace(accountId, workspaceId)
			.orElseThrow(() -> new AccountNotFoundException(accountId));
	}

	private static String context(UUID accountId) {
		return "account:" + accountId;
	}

}
