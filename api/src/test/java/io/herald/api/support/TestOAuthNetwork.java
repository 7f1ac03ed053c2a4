package io.herald.api.support;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.herald.drivers.spi.AccountProfile;
import io.herald.drivers.spi.AccountSession;
import io.herald.drivers.spi.AltTextRules;
import io.herald.drivers.spi.BaseSocialBackend;
import io.herald.drivers.spi.Capabilities;
import io.herald.drivers.spi.ConnectRequest;
import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.MediaRules;
import io.herald.drivers.spi.OAuthFlow;
import io.herald.drivers.spi.PublishException;
import io.herald.drivers.spi.PublishRequest;
import io.herald.drivers.spi.PublishResult;
import io.herald.drivers.spi.TextRules;
import io.herald.drivers.spi.ValidationResult;

/**
 * A network with an in-test authorization server, to drive Herald's OAuth connect flow:
 * it issues codes bound to a PKCE challenge and refuses an exchange whose verifier does
 * not match, as a real authorization server does.
 */
public class TestOAuthNetwork implements BaseSocialBackend, OAuthFlow {

	public static final String NETWORK = "oauthtest";

	private final Map<String, String> challengeByCode = new ConcurrentHashMap<>();

	/**
	 * The user approves in the browser: the server issues a code for this challenge.
	 * @param codeChallenge the challenge from the authorization URL
	 * @return the code the browser brings back
	 */
	public String approve(String codeChallenge) {
		String code = UUID.randomUUID().toString();
		this.challengeByCode.put(code, codeChallenge);
		return code;
	}

	@Override
	public URI authorizationUrl(String state, String codeChallenge, URI redirectUri) {
		return URI.create("https://auth.oauthtest.invalid/authorize?response_type=code&state=" + state
				+ "&code_challenge=" + codeChallenge + "&code_challenge_method=S256&redirect_uri=" + redirectUri);
	}

	@Override
	public AccountSession exchange(String code, String codeVerifier, URI redirectUri) throws PublishException {
		String challenge = this.challengeByCode.remove(code);
		if (challenge == null || !challenge.equals(s256(codeVerifier))) {
			throw new PublishException(ErrorKind.AUTH_REVOKED, "invalid_grant: code or verifier mismatch");
		}
		return new AccountSession("user-" + code.substring(0, 8), "oauth-user", null, "access-" + code,
				"refresh-" + code, Instant.now().plusSeconds(7200), Map.of());
	}

	@Override
	public Optional<OAuthFlow> oauth() {
		return Optional.of(this);
	}

	@Override
	public String network() {
		return NETWORK;
	}

	@Override
	public Capabilities capabilities() {
		return new Capabilities(new TextRules(100, TextRules.TextCounting.CODE_POINTS, 5, 5), MediaRules.none(),
				new AltTextRules(false, false, 0), false, false, false, Capabilities.ConnectMethod.OAUTH2);
	}

	@Override
	public ValidationResult validate(PublishRequest request) {
		return ValidationResult.valid();
	}

	@Override
	public PublishResult publish(PublishRequest request, AccountSession session) {
		return new PublishResult.Published("1", null);
	}

	@Override
	public Optional<PublishResult.Published> reconcile(PublishRequest request, AccountSession session,
			Instant attemptStart) {
		return Optional.empty();
	}

	@Override
	public AccountSession connect(ConnectRequest request) throws PublishException {
		throw new PublishException(ErrorKind.INVALID_CONTENT, "connect through OAuth");
	}

	@Override
	public AccountSession refresh(AccountSession session) {
		return session;
	}

	@Override
	public AccountProfile verify(AccountSession session) {
		return new AccountProfile(session.remoteUserId(), session.handle(), "OAuth User", null);
	}

	static String s256(String verifier) {
		try {
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(
						MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
