package io.herald.drivers.spi;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * What a driver needs to act as one account. Herald stores it encrypted at rest.
 *
 * @param remoteUserId the account's id on the network (DID, user id)
 * @param handle the account's handle or user name
 * @param serviceUrl the network's base URL for this account (a Bluesky PDS), or
 * {@code null} for the driver's default
 * @param accessToken the access token, or {@code null}
 * @param refreshToken the refresh token, or {@code null}
 * @param accessTokenExpiresAt when the access token expires, or {@code null} if unknown
 * @param attributes network-specific values (never secrets the user did not enter)
 */
public record AccountSession(String remoteUserId, String handle, URI serviceUrl, String accessToken,
		String refreshToken, Instant accessTokenExpiresAt, Map<String, String> attributes) {

	public AccountSession {
		attributes = (attributes != null) ? Map.copyOf(attributes) : Map.of();
	}

	/**
	 * This session with new tokens, as after a refresh.
	 * @param accessToken the new access token
	 * @param refreshToken the new refresh token
	 * @param expiresAt when the new access token expires
	 * @return a copy with the tokens replaced
	 */
	public AccountSession withTokens(String accessToken, String refreshToken, Instant expiresAt) {
		return new AccountSession(this.remoteUserId, this.handle, this.serviceUrl, accessToken, refreshToken, expiresAt,
				this.attributes);
	}

	/**
	 * Keeps tokens out of logs and exception messages.
	 */
	@Override
	public String toString() {
		return "AccountSession[remoteUserId=" + this.remoteUserId + ", handle=" + this.handle + ", serviceUrl="
				+ this.serviceUrl + ", accessToken=" + mask(this.accessToken) + ", refreshToken="
				+ mask(this.refreshToken) + ", accessTokenExpiresAt=" + this.accessTokenExpiresAt + "]";
	}

	private static String mask(String token) {
		return (token != null) ? "***" : "null";
	}

}
