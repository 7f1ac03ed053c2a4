package io.herald.core.accounts;

import java.util.UUID;

/** No account with this id in the caller's workspace. */
public class AccountNotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public AccountNotFoundException(UUID id) {
		super("Account " + id + " not found");
	}

}
