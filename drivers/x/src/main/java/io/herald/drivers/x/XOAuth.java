package io.herald.drivers.x;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import io.herald.drivers.spi.AccountProfile;
import io.herald.drivers.spi.AccountSession;
import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.OAuthFlow;
import io.herald.drivers.spi.PublishException;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;
import tools.jackson.databind.JsonNode;

/**
 * X's OAuth 2.0 authorization-code flow with PKCE for a confidential client, and token
 * refresh. X rotates refresh tokens: every refresh returns a new one and retires the old.
 */
final class XOAuth implements OAuthFlow {

	/** Reading the user, writing posts, uploading media, and a refresh token. */
	static final String SCOPES = "tweet.read tweet.write users.read media.write offline.access";

	static final String SCOPE_ATTRIBUTE = "scope";

	static final String NOT_CONFIGURED = "X is not set up: set X_CLIENT_ID and X_CLIENT_SECRET "
			+ "(herald.drivers.x.client-id and client-secret) to the OAuth 2.0 keys of your X app.";

	private final XProperties properties;

	private final XHttp http;

	private final Clock clock;

	XOAuth(XProperties properties, XHttp http, Clock clock) {
		this.properties = properties;
		this.http = http;
		this.clock = clock;
	}

	@Override
	public URI authorizationUrl(String state, String codeChallenge, URI redirectUri) {
		if (!this.properties.configured()) {
			throw new IllegalStateException(NOT_CONFIGURED);
		}
		String clientId = this.properties.clientId();
		HttpUrl url = HttpUrl.get(this.properties.authorizeUrl().toString())
			.newBuilder()
			.addQueryParameter("response_type", "code")
			.addQueryParameter("client_id", clientId)
			.addQueryParameter("redirect_uri", redirectUri.toString())
			.addQueryParameter("scope", SCOPES)
			.addQueryParameter("state", state)
			.addQueryParameter("code_challenge", codeChallenge)
			.addQueryParameter("code_challenge_method", "S256")
			.build();
		return url.uri();
	}

	@Override
	public AccountSession exchange(String code, String codeVerifier, URI redirectUri) throws PublishException {
		FormBody form = new FormBody.Builder().add("grant_type", "authorization_code")
			.add("code", code)
			.add("redirect_uri", redirectUri.toString())
			.add("code_verifier", codeVerifier)
			.add("client_id", requireClientId())
			.build();
		Tokens tokens = token(form);
		AccountSession anonymous = new AccountSession(null, null, null, tokens.accessToken(), tokens.refreshToken(),
				tokens.expiresAt(), Map.of(SCOPE_ATTRIBUTE, tokens.scope()));
		AccountProfile profile = me(anonymous);
		return new AccountSession(profile.remoteUserId(), profile.handle(), null, tokens.accessToken(),
				tokens.refreshToken(), tokens.expiresAt(), Map.of(SCOPE_ATTRIBUTE, tokens.scope()));
	}

	AccountSession refresh(AccountSession session) throws PublishException {
		if (session.refreshToken() == null) {
			throw new PublishException(ErrorKind.AUTH_REVOKED,
					"This X account has no refresh token (offline.access was not granted); reconnect it.");
		}
		FormBody form = new FormBody.Builder().add("grant_type", "refresh_token")
			.add("refresh_token", session.refreshToken())
			.add("client_id", requireClientId())
			.build();
		Tokens tokens = token(form);
		// X rotates the refresh token; keep the old one only if X sent none.
		String refreshToken = (tokens.refreshToken() != null) ? tokens.refreshToken() : session.refreshToken();
		return session.withTokens(tokens.accessToken(), refreshToken, tokens.expiresAt());
	}

	AccountProfile me(AccountSession session) throws PublishException {
		requireAccessToken(session);
		HttpUrl url = this.http.url("2/users/me").addQueryParameter("user.fields", "name,username").build();
		JsonNode user = this.http.send(this.http.authorized(url, session.accessToken()).get().build(), "users").data();
		String id = user.path("id").asString(null);
		String username = user.path("username").asString(null);
		if (id == null || username == null) {
			throw new PublishException(ErrorKind.TRANSIENT, "X did not return the account's id and username.");
		}
		return new AccountProfile(id, username, user.path("name").asString(null),
				new XLinks(this.properties.webBaseUrl()).profile(username));
	}

	static void requireAccessToken(AccountSession session) throws PublishException {
		if (session.accessToken() == null) {
			throw new PublishException(ErrorKind.AUTH_EXPIRED, "This X account has no access token; refresh it.");
		}
	}

	private Tokens token(FormBody form) throws PublishException {
		String secret = this.properties.clientSecret();
		Request.Builder request = new Request.Builder().url(this.http.url("2/oauth2/token").build()).post(form);
		if (secret != null) {
			request.header("Authorization", Credentials.basic(requireClientId(), secret));
		}
		JsonNode body;
		try {
			body = this.http.send(request.build(), "oauth").body();
		}
		catch (PublishException ex) {
			// The token endpoint answers 400 (invalid_grant, or invalid_request for a
			// revoked token) or 401 (bad client): only a new authorization helps.
			int status = ex.httpStatus().orElse(0);
			if (status == 400 || status == 401) {
				throw new PublishException(ErrorKind.AUTH_REVOKED, ex.getMessage(), null, status,
						ex.networkCode().orElse(null), null, null);
			}
			throw ex;
		}
		String accessToken = body.path("access_token").asString(null);
		if (accessToken == null) {
			throw new PublishException(ErrorKind.TRANSIENT, "X's token endpoint returned no access token.");
		}
		long expiresIn = body.path("expires_in").asLong(0);
		Instant expiresAt = (expiresIn > 0) ? this.clock.instant().plusSeconds(expiresIn) : null;
		return new Tokens(accessToken, body.path("refresh_token").asString(null), expiresAt,
				body.path("scope").asString(SCOPES));
	}

	/**
	 * The client id; a missing one is a setup mistake the admin fixes, so it is reported
	 * as transient rather than as a revoked account.
	 */
	private String requireClientId() throws PublishException {
		if (!this.properties.configured()) {
			throw new PublishException(ErrorKind.TRANSIENT, NOT_CONFIGURED);
		}
		return this.properties.clientId();
	}

	private record Tokens(String accessToken, String refreshToken, Instant expiresAt, String scope) {

		@Override
		public String toString() {
			return "Tokens[expiresAt=" + this.expiresAt + ", scope=" + this.scope + "]";
		}

	}

}
