package io.herald.api.support;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.herald.drivers.spi.AccountSession;
import io.herald.drivers.spi.AltTextRules;
import io.herald.drivers.spi.Capabilities;
import io.herald.drivers.spi.ConnectRequest;
import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.MediaRules;
import io.herald.drivers.spi.OAuthFlow;
import io.herald.drivers.spi.PublishException;
import io.herald.drivers.spi.TextRules;

/**
 * A network connected with a pasted access token, as Instagram is without an app of its
 * own.
 */
public class TestTokenNetwork extends TestOAuthNetwork {

	public static final String NETWORK = "tokentest";

	public static final String TOKEN = "pasted-token";

	@Override
	public String network() {
		return NETWORK;
	}

	@Override
	public Optional<OAuthFlow> oauth() {
		return Optional.empty();
	}

	@Override
	public Capabilities capabilities() {
		return new Capabilities(new TextRules(100, TextRules.TextCounting.CODE_POINTS, 5, 5), MediaRules.none(),
				new AltTextRules(false, false, 0), false, false, false, Capabilities.ConnectMethod.CREDENTIALS);
	}

	@Override
	public AccountSession connect(ConnectRequest request) throws PublishException {
		if (!TOKEN.equals(request.secret())) {
			throw new PublishException(ErrorKind.AUTH_REVOKED, "unknown token");
		}
		return new AccountSession("token-user", "token-user", null, request.secret(), null,
				Instant.now().plusSeconds(7200), Map.of());
	}

}
