package io.herald.core.accounts;

/** Whether Herald can publish as an account. */
public enum AccountStatus {

	/** Credentials work. */
	CONNECTED,

	/** The network revoked or expired the grant; the user must connect it again. */
	NEEDS_RECONNECT,

	/** Switched off by a user. */
	DISABLED

}
