package io.herald.drivers.spi;

/**
 * Connecting an account failed, for a {@link Reason} the user can act on. The message is
 * for logs at debug level; users see only the reason's fixed text, since what a remote
 * server answered (or which address it was on) is not theirs to read.
 */
public class ConnectFailedException extends PublishException {

	private static final long serialVersionUID = 1L;

	private final Reason reason;

	/**
	 * A failed connection.
	 * @param reason why, in the user's terms
	 * @param kind the error kind, for callers that only know kinds
	 * @param message what happened, for debug logs only
	 * @param cause the cause, or {@code null}
	 */
	public ConnectFailedException(Reason reason, ErrorKind kind, String message, Throwable cause) {
		super(kind, message, null, null, null, null, cause);
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

	/**
	 * Why a connection failed, for any driver: drivers that say nothing more are judged
	 * by the kind of their failure.
	 * @param failure what the driver threw
	 * @return the reason
	 */
	public static Reason reasonOf(PublishException failure) {
		if (failure instanceof ConnectFailedException connect) {
			return connect.reason();
		}
		return switch (failure.kind()) {
			case AUTH_EXPIRED, AUTH_REVOKED -> Reason.WRONG_CREDENTIALS;
			case TRANSIENT, RATE_LIMITED, UNKNOWN_OUTCOME -> Reason.UNREACHABLE;
			case INVALID_CONTENT, DUPLICATE -> Reason.NOT_A_SERVER;
		};
	}

	/** Why a connection failed, each with a short fixed message. */
	public enum Reason {

		/**
		 * No answer: the server is down, the name does not resolve, the call timed out.
		 */
		UNREACHABLE("The server could not be reached. Check the address and try again later."),

		/** Herald's outbound policy does not let it call this address. */
		REFUSED("Herald does not connect to this address: it must be a public https URL, unless the operator"
				+ " allows the host."),

		/** Something answered, but not as the network's server does. */
		NOT_A_SERVER("The server did not answer like a server of this network. Check the address."),

		/** The server does not accept the identifier or password. */
		WRONG_CREDENTIALS("The server did not accept these credentials. Check the identifier and the password.");

		private final String message;

		Reason(String message) {
			this.message = message;
		}

		/**
		 * The fixed text users see.
		 * @return the message
		 */
		public String message() {
			return this.message;
		}

	}

}
