package io.herald.drivers.spi;

import java.time.Instant;
import java.util.Optional;

/**
 * The contract between Herald and one social network.
 * <p>
 * Implementations are stateless and thread-safe: everything they need about an account
 * arrives in an {@link AccountSession}, and every base URL and the
 * {@link java.time.Clock} come from configuration. A driver never sleeps; where a network
 * needs time (media processing, a rate-limit window), it returns
 * {@link PublishResult.InProgress} or throws a {@link PublishException} of kind
 * {@link ErrorKind#RATE_LIMITED} with the time to come back. Every network error maps to
 * an {@link ErrorKind}, keeping the network's own message. Tokens are never logged.
 */
public interface BaseSocialBackend {

	/**
	 * The lower-case network id, such as {@code bluesky} or {@code x}.
	 * @return the network id, unique among installed drivers
	 */
	String network();

	/**
	 * What this network accepts, as data, so callers never special-case a network.
	 * @return the network's capabilities
	 */
	Capabilities capabilities();

	/**
	 * Checks a request against the network's rules without any I/O.
	 * @param request the publication to check
	 * @return every rule the request breaks; empty when it can be published
	 */
	ValidationResult validate(PublishRequest request);

	/**
	 * Publishes a request. Must be idempotent per {@link PublishRequest#idempotencyKey()}
	 * where the network allows it.
	 * @param request what to publish
	 * @param session the account to publish as
	 * @return the published post, or an in-progress token to {@link #resume} later
	 * @throws PublishException when the network refuses or fails
	 */
	PublishResult publish(PublishRequest request, AccountSession session) throws PublishException;

	/**
	 * Continues a publication that returned {@link PublishResult.InProgress}.
	 * @param request the original request
	 * @param token the token from the in-progress result
	 * @param session the account to publish as
	 * @return the published post, or another in-progress result
	 * @throws PublishException when the network refuses or fails
	 */
	default PublishResult resume(PublishRequest request, String token, AccountSession session) throws PublishException {
		throw new PublishException(ErrorKind.INVALID_CONTENT, network() + " has no multi-step publishing");
	}

	/**
	 * Finds out whether a publication whose outcome is unknown already happened.
	 * @param request the request that may have been published
	 * @param session the account it was published as
	 * @param attemptStart when the uncertain attempt started
	 * @return the publication if the network has it, empty if it certainly does not
	 * @throws PublishException when the network cannot answer now
	 */
	Optional<PublishResult.Published> reconcile(PublishRequest request, AccountSession session, Instant attemptStart)
			throws PublishException;

	/**
	 * Connects an account with credentials (handle and app password, or nothing for the
	 * sandbox). Networks that connect through OAuth return a flow from {@link #oauth()}.
	 * @param request the credentials the user entered
	 * @return a session to store (encrypted) for the account
	 * @throws PublishException of kind {@link ErrorKind#AUTH_REVOKED} for wrong
	 * credentials
	 */
	AccountSession connect(ConnectRequest request) throws PublishException;

	/**
	 * The OAuth connection flow, for networks that connect that way.
	 * @return the flow, or empty for credential-based networks
	 */
	default Optional<OAuthFlow> oauth() {
		return Optional.empty();
	}

	/**
	 * Renews an expired or expiring session.
	 * @param session the current session
	 * @return a new session; refresh tokens may have rotated
	 * @throws PublishException of kind {@link ErrorKind#AUTH_REVOKED} when the account
	 * must be reconnected
	 */
	AccountSession refresh(AccountSession session) throws PublishException;

	/**
	 * Checks that a session still works and reads the account's public profile.
	 * @param session the session to check
	 * @return the account's profile
	 * @throws PublishException when the session no longer works
	 */
	AccountProfile verify(AccountSession session) throws PublishException;

}
