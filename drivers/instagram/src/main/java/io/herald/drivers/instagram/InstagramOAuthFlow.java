package io.herald.drivers.instagram;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.herald.drivers.spi.AccountSession;
import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.OAuthFlow;
import io.herald.drivers.spi.PublishException;
import okhttp3.HttpUrl;
import tools.jackson.databind.JsonNode;

/**
 * Business Login for Instagram: the authorization window, the code exchange for a
 * short-lived token (one hour) and its exchange for a long-lived one (60 days). Instagram
 * does not take PKCE parameters, so the challenge and verifier Herald keeps are not sent;
 * the {@code state} check still protects the callback.
 */
final class InstagramOAuthFlow implements OAuthFlow {

	static final String SCOPES = "instagram_business_basic,instagram_business_content_publish,"
			+ "instagram_business_manage_comments";

	private final InstagramProperties properties;

	private final GraphClient graph;

	private final SessionReader sessions;

	private final Clock clock;

	InstagramOAuthFlow(InstagramProperties properties, GraphClient graph, SessionReader sessions, Clock clock) {
		this.properties = properties;
		this.graph = graph;
		this.sessions = sessions;
		this.clock = clock;
	}

	@Override
	public URI authorizationUrl(String state, String codeChallenge, URI redirectUri) {
		return HttpUrl.get(this.properties.authorizeUrl().toString())
			.newBuilder()
			.addQueryParameter("client_id", this.properties.appId())
			.addQueryParameter("redirect_uri", redirectUri.toString())
			.addQueryParameter("response_type", "code")
			.addQueryParameter("scope", SCOPES)
			.addQueryParameter("state", state)
			.build()
			.uri();
	}

	@Override
	public AccountSession exchange(String code, String codeVerifier, URI redirectUri) throws PublishException {
		try {
			String shortLived = shortLivedToken(code, redirectUri);
			JsonNode longLived = this.graph.getAtRoot("access_token", Map.of("grant_type", "ig_exchange_token",
					"client_secret", this.properties.appSecret(), "access_token", shortLived));
			String token = longLived.path("access_token").asString("");
			if (token.isEmpty()) {
				throw new PublishException(ErrorKind.AUTH_REVOKED, "Instagram returned no long-lived token.");
			}
			long expiresIn = longLived.path("expires_in").asLong(Duration.ofDays(60).toSeconds());
			return this.sessions.read(token, this.clock.instant().plusSeconds(expiresIn));
		}
		catch (PublishException ex) {
			throw refused(ex);
		}
	}

	private String shortLivedToken(String code, URI redirectUri) throws PublishException {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("client_id", this.properties.appId());
		form.put("client_secret", this.properties.appSecret());
		form.put("grant_type", "authorization_code");
		form.put("redirect_uri", redirectUri.toString());
		// Instagram appends "#_" to the redirect; a code copied by hand may carry it
		form.put("code", code.endsWith("#_") ? code.substring(0, code.length() - 2) : code);
		HttpUrl url = HttpUrl.get(this.properties.oauthBaseUrl().toString())
			.newBuilder()
			.addPathSegments("oauth/access_token")
			.build();
		JsonNode answer = this.graph.postForm(url, form);
		// Business Login wraps the token in "data"; the older shape has it at the top
		JsonNode token = answer.path("data").isArray() ? answer.path("data").path(0) : answer;
		String accessToken = token.path("access_token").asString("");
		if (accessToken.isEmpty()) {
			throw new PublishException(ErrorKind.AUTH_REVOKED, "Instagram returned no access token for the code.");
		}
		return accessToken;
	}

	private static PublishException refused(PublishException ex) {
		if (ex.kind() == ErrorKind.TRANSIENT || ex.kind() == ErrorKind.RATE_LIMITED
				|| ex.kind() == ErrorKind.AUTH_REVOKED) {
			return ex;
		}
		return new PublishException(ErrorKind.AUTH_REVOKED, ex.getMessage(), null, ex.httpStatus().orElse(null),
				ex.networkCode().orElse(null), null, ex);
	}

	/** Reads the account a long-lived token belongs to. */
	@FunctionalInterface
	interface SessionReader {

		AccountSession read(String accessToken, java.time.Instant expiresAt) throws PublishException;

	}

}
