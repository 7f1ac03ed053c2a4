package io.herald.api.accounts;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herald.api.problems.ApiException;
import io.herald.api.problems.ProblemType;
import io.herald.core.accounts.Account;
import io.herald.core.networks.NetworkRegistry;
import io.herald.core.secrets.Digests;
import io.herald.core.secrets.SecretBox;
import io.herald.drivers.spi.AccountProfile;
import io.herald.drivers.spi.AccountSession;
import io.herald.drivers.spi.BaseSocialBackend;
import io.herald.drivers.spi.OAuthFlow;
import io.herald.drivers.spi.PublishException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * OAuth 2.0 authorization code flow with PKCE for networks that connect that way. Herald
 * keeps the state and the verifier (sealed) server-side; the state is single use and
 * expires after ten minutes, and it carries the workspace the account joins. It is bound
 * to the user who started the connect and, for a start in a browser session, to that
 * session: a link started by someone else cannot attach the network account of whoever
 * follows it to the starter's workspace.
 */
@Service
class OAuthConnections {

	private static final Logger log = LoggerFactory.getLogger(OAuthConnections.class);

	static final Duration TTL = Duration.ofMinutes(10);

	private final NetworkRegistry networks;

	private final AccountService accounts;

	private final SecretBox secretBox;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final String publicUrl;

	private final SecureRandom random = new SecureRandom();

	OAuthConnections(NetworkRegistry networks, AccountService accounts, SecretBox secretBox, JdbcTemplate jdbc,
			Clock clock, @Value("${herald.public-url}") String publicUrl) {
		this.networks = networks;
		this.accounts = accounts;
		this.secretBox = secretBox;
		this.jdbc = jdbc;
		this.clock = clock;
		this.publicUrl = publicUrl.replaceAll("/+$", "");
	}

	/**
	 * Starts a connect.
	 * @param session the hash of the browser session that starts it ({@link #binding}),
	 * or {@code null} for a start with an API token
	 */
	@Transactional
	Started start(UUID workspaceId, UUID userId, String network, String session) {
		OAuthFlow flow = flow(network);
		String state = randomToken();
		String verifier = randomToken() + randomToken();
		URI redirect = callbackUri(network);
		Instant now = this.clock.instant();
		this.jdbc.update("DELETE FROM oauth_state WHERE expires_at < ?", Timestamp.from(now));
		this.jdbc.update(
				"INSERT INTO oauth_state (state, workspace_id, user_id, network, code_verifier, redirect_uri,"
						+ " created_at, expires_at, session_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
				state, workspaceId, userId, network,
				this.secretBox.seal(verifier.getBytes(StandardCharsets.US_ASCII), "oauth:" + state),
				redirect.toString(), Timestamp.from(now), Timestamp.from(now.plus(TTL)), session);
		try {
			return new Started(flow.authorizationUrl(state, challenge(verifier), redirect), state, now.plus(TTL));
		}
		catch (IllegalStateException ex) {
			// Drivers say so when the operator has not configured the network's app.
			throw new ApiException(ProblemType.CONNECT_FAILED,
					network + " is not set up on this Herald: " + ex.getMessage(), Map.of("network", network));
		}
	}

	/**
	 * Finishes a connect for the user (and browser session) that started it. A state
	 * presented by anyone else is left in place, so its owner can still finish.
	 * @param userId the signed-in user the network sent back
	 * @param browserSession the hash of their browser session ({@link #binding}), or
	 * {@code null}
	 */
	@Transactional
	Account complete(String network, String state, String code, UUID userId, String browserSession) {
		List<Map<String, Object>> rows = this.jdbc.queryForList(
				"DELETE FROM oauth_state WHERE state = ? AND network = ? AND user_id = ?"
						+ " AND (session_hash IS NULL OR session_hash = ?)"
						+ " RETURNING workspace_id, code_verifier, redirect_uri, expires_at",
				state, network, userId, browserSession);
		if (rows.isEmpty() && this.jdbc.queryForObject("SELECT count(*) FROM oauth_state WHERE state = ?",
				Integer.class, state) > 0) {
			throw new ApiException(ProblemType.CONNECT_FAILED, "This connection was started by another user or in"
					+ " another browser session; start connecting the account again from here.");
		}
		if (rows.isEmpty() || ((Timestamp) rows.get(0).get("expires_at")).toInstant().isBefore(this.clock.instant())) {
			throw new ApiException(ProblemType.CONNECT_FAILED,
					"This connection link is unknown, used or expired; start connecting the account again.");
		}
		Map<String, Object> row = rows.get(0);
		String verifier = new String(this.secretBox.open((byte[]) row.get("code_verifier"), "oauth:" + state),
				StandardCharsets.US_ASCII);
		BaseSocialBackend backend = this.networks.find(network).orElseThrow();
		try {
			AccountSession session = flow(network).exchange(code, verifier,
					URI.create((String) row.get("redirect_uri")));
			AccountProfile profile = backend.verify(session);
			return this.accounts.store((UUID) row.get("workspace_id"), network, session, profile).account();
		}
		catch (PublishException ex) {
			log.info("OAuth exchange with {} failed: {} {}", network, ex.kind(), ex.getMessage());
			throw new ApiException(ProblemType.CONNECT_FAILED, network + " refused the connection: " + ex.getMessage(),
					Map.of("network", network, "reason", ex.kind().name()));
		}
	}

	/**
	 * What binds a connect to a browser session: a hash of its id, so the table holds no
	 * usable session id.
	 * @return the binding, or {@code null} without a session (API tokens)
	 */
	static String binding(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return (session != null) ? Digests.sha256Hex(session.getId()) : null;
	}

	URI callbackUri(String network) {
		return URI.create(this.publicUrl + "/connect/" + network + "/callback");
	}

	private OAuthFlow flow(String network) {
		BaseSocialBackend backend = this.networks.find(network)
			.orElseThrow(() -> new ApiException(ProblemType.UNKNOWN_NETWORK,
					"No driver for network '" + network + "' is installed.",
					Map.of("networks", this.networks.networks())));
		return backend.oauth()
			.orElseThrow(() -> new ApiException(ProblemType.VALIDATION_FAILED,
					network + " accounts connect with credentials (POST /api/v1/accounts), not OAuth."));
	}

	private String randomToken() {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static String challenge(String verifier) {
		return Digests.sha256Base64Url(verifier);
	}

	record Started(URI authorizationUrl, String state, Instant expiresAt) {
	}

}
