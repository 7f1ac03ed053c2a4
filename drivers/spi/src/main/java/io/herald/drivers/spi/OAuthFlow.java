package io.herald.drivers.spi;

import java.net.URI;

/**
 * The OAuth 2.0 authorization-code flow (with PKCE) of a network. Herald keeps the state
 * and code verifier; the driver only builds the URL and exchanges the code.
 */
public interface OAuthFlow {

	/**
	 * The URL to send the user's browser to.
	 * @param state an unguessable value Herald checks on the callback
	 * @param codeChallenge the S256 PKCE challenge
	 * @param redirectUri Herald's callback URL
	 * @return the authorization URL
	 */
	URI authorizationUrl(String state, String codeChallenge, URI redirectUri);

	/**
	 * Exchanges the authorization code for a session.
	 * @param code the code from the callback
	 * @param codeVerifier the PKCE verifier matching the challenge
	 * @param redirectUri the same callback URL
	 * @return the connected account's session
	 * @throws PublishException when the exchange fails
	 */
	AccountSession exchange(String code, String codeVerifier, URI redirectUri) throws PublishException;

}
