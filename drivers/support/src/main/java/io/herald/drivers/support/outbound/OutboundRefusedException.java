package io.herald.drivers.support.outbound;

import java.net.UnknownHostException;

/**
 * Herald's outbound policy refused a call (a plain-http URL, or a host on a loopback,
 * private or otherwise non-public address). The message names the rule, never the
 * address, so it can be shown to the user who typed the URL.
 * <p>
 * It is an {@link UnknownHostException} because OkHttp's {@code Dns} may throw nothing
 * else; to a caller it reads as "no address Herald may use".
 */
public class OutboundRefusedException extends UnknownHostException {

	private static final long serialVersionUID = 1L;

	/**
	 * A refusal.
	 * @param rule which rule refused the call
	 */
	public OutboundRefusedException(String rule) {
		super(rule);
	}

	/**
	 * Whether the policy refused the call that failed with this exception. OkHttp may
	 * wrap the refusal or attach it to another route's failure.
	 * @param failure what the call threw
	 * @return true if a refusal is the failure, its cause or one it suppressed
	 */
	public static boolean causedBy(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof OutboundRefusedException) {
				return true;
			}
			for (Throwable suppressed : t.getSuppressed()) {
				if (causedBy(suppressed)) {
					return true;
				}
			}
		}
		return false;
	}

}
