package io.herald.drivers.x;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.herald.drivers.spi.AccountProfile;
import io.herald.drivers.spi.AccountSession;
import io.herald.drivers.spi.BaseSocialBackend;
import io.herald.drivers.spi.Capabilities;
import io.herald.drivers.spi.ConnectRequest;
import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.OAuthFlow;
import io.herald.drivers.spi.PublishException;
import io.herald.drivers.spi.PublishRequest;
import io.herald.drivers.spi.PublishResult;
import io.herald.drivers.spi.ValidationResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * The X network, through the X API v2 with OAuth 2.0 user tokens.
 */
public class XBackend implements BaseSocialBackend {

	static final String NETWORK = "x";

	/** Settings keys accepted by {@link #connect} for tokens obtained outside Herald. */
	static final String ACCESS_TOKEN_SETTING = "accessToken";

	static final String REFRESH_TOKEN_SETTING = "refreshToken";

	private final XCapabilities capabilities = new XCapabilities();

	private final XOAuth oauth;

	private final XPublisher publisher;

	private final XReconciler reconciler;

	public XBackend(XProperties properties, Clock clock) {
		XHttp http = new XHttp(properties, JsonMapper.builder().build(), clock);
		this.oauth = new XOAuth(properties, http, clock);
		XMediaUploader uploader = new XMediaUploader(http, properties.uploadChunkBytes(), new ImageSanitizer());
		XLinks links = new XLinks(properties.webBaseUrl());
		this.reconciler = new XReconciler(http, properties.reconcileSkew(), links);
		this.publisher = new XPublisher(http, uploader, this.reconciler, links, clock);
	}

	@Override
	public String network() {
		return NETWORK;
	}

	@Override
	public Capabilities capabilities() {
		return XCapabilities.CAPABILITIES;
	}

	@Override
	public ValidationResult validate(PublishRequest request) {
		return this.capabilities.validate(request);
	}

	@Override
	public PublishResult publish(PublishRequest request, AccountSession session) throws PublishException {
		ValidationResult validation = validate(request);
		if (!validation.isValid()) {
			throw new PublishException(ErrorKind.INVALID_CONTENT, validation.violations().get(0).message());
		}
		return this.publisher.publish(request, session);
	}

	@Override
	public PublishResult resume(PublishRequest request, String token, AccountSession session) throws PublishException {
		return this.publisher.resume(request, token, session);
	}

	@Override
	public Optional<PublishResult.Published> reconcile(PublishRequest request, AccountSession session,
			Instant attemptStart) throws PublishException {
		return this.reconciler.reconcile(request, session, attemptStart);
	}

	/**
	 * X accounts connect through OAuth ({@link #oauth()}). For scripts and tests, a
	 * request whose settings carry an {@code accessToken} (and optionally a
	 * {@code refreshToken}) obtained elsewhere is accepted after checking it against
	 * {@code /2/users/me}.
	 */
	@Override
	public AccountSession connect(ConnectRequest request) throws PublishException {
		String accessToken = request.settings().get(ACCESS_TOKEN_SETTING);
		if (accessToken == null || accessToken.isBlank()) {
			throw new PublishException(ErrorKind.INVALID_CONTENT,
					"Connect X through OAuth: open /connect/x and authorise Herald on X.");
		}
		String refreshToken = request.settings().get(REFRESH_TOKEN_SETTING);
		AccountSession session = new AccountSession(null, null, null, accessToken, refreshToken, null, Map.of());
		AccountProfile profile = this.oauth.me(session);
		return new AccountSession(profile.remoteUserId(), profile.handle(), null, accessToken, refreshToken, null,
				Map.of());
	}

	@Override
	public Optional<OAuthFlow> oauth() {
		return Optional.of(this.oauth);
	}

	@Override
	public AccountSession refresh(AccountSession session) throws PublishException {
		return this.oauth.refresh(session);
	}

	@Override
	public AccountProfile verify(AccountSession session) throws PublishException {
		return this.oauth.me(session);
	}

}
