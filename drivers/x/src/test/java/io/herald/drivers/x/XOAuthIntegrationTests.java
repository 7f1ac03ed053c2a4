package io.herald.drivers.x;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import io.herald.drivers.spi.AccountProfile;
import io.herald.drivers.spi.AccountSession;
import io.herald.drivers.spi.ConnectRequest;
import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.OAuthFlow;
import io.herald.drivers.spi.PublishException;
import io.herald.drivers.spi.PublishRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

@ExtendWith(FakeXExtension.class)
class XOAuthIntegrationTests {

	private static final URI CALLBACK = URI.create("https://herald.example/connect/x/callback");

	private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-with-more-entropy";

	private final FakeXServer fake;

	private final XBackend backend;

	private final OAuthFlow oauth;

	XOAuthIntegrationTests(FakeXServer fake) {
		this.fake = fake;
		this.backend = XTestSupport.backend(fake);
		this.oauth = this.backend.oauth().orElseThrow();
	}

	@Test
	void builds_an_authorization_url_with_pkce_s256_state_and_the_scopes_herald_needs() {
		URI url = this.oauth.authorizationUrl("st4te", challenge(VERIFIER), CALLBACK);

		HttpUrl parsed = HttpUrl.get(url);
		assertThat(parsed.encodedPath()).isEqualTo("/i/oauth2/authorize");
		assertThat(parsed.queryParameter("response_type")).isEqualTo("code");
		assertThat(parsed.queryParameter("client_id")).isEqualTo(FakeXServer.CLIENT_ID);
		assertThat(parsed.queryParameter("redirect_uri")).isEqualTo(CALLBACK.toString());
		assertThat(parsed.queryParameter("scope"))
			.isEqualTo("tweet.read tweet.write users.read media.write offline.access");
		assertThat(parsed.queryParameter("state")).isEqualTo("st4te");
		assertThat(parsed.queryParameter("code_challenge")).isEqualTo(challenge(VERIFIER));
		assertThat(parsed.queryParameter("code_challenge_method")).isEqualTo("S256");
	}

	@Test
	void the_default_authorization_url_is_x_dot_com() {
		XBackend real = new XBackend(XProperties.of(URI.create("https://api.x.com"), "id", "secret"),
				this.fake.clock());
		URI url = real.oauth().orElseThrow().authorizationUrl("s", challenge(VERIFIER), CALLBACK);
		assertThat(url.toString()).startsWith("https://x.com/i/oauth2/authorize?");
	}

	@Test
	void exchanges_the_code_for_tokens_and_the_approving_account() throws Exception {
		String user = XTestSupport.uniqueUser("grace");
		FakeXServer.Callback callback = this.fake
			.approve(this.oauth.authorizationUrl("st4te", challenge(VERIFIER), CALLBACK), user);
		assertThat(callback.state()).isEqualTo("st4te");

		AccountSession session = this.oauth.exchange(callback.code(), VERIFIER, CALLBACK);

		assertThat(session.handle()).isEqualTo(user);
		assertThat(session.remoteUserId()).matches("[0-9]+");
		assertThat(session.accessToken()).isNotBlank();
		assertThat(session.refreshToken()).isNotBlank();
		assertThat(session.accessTokenExpiresAt())
			.isEqualTo(FakeXExtension.START.plus(FakeXServer.ACCESS_TOKEN_LIFETIME));
		assertThat(session.toString()).doesNotContain(session.accessToken(), session.refreshToken());
		assertThat(this.backend.publish(PublishRequest.text("t", "k", "connected"), session)).isNotNull();
	}

	@Test
	void a_code_with_the_wrong_verifier_is_refused() throws Exception {
		FakeXServer.Callback callback = this.fake
			.approve(this.oauth.authorizationUrl("s", challenge(VERIFIER), CALLBACK), XTestSupport.uniqueUser("eve"));

		assertThatExceptionOfType(PublishException.class)
			.isThrownBy(() -> this.oauth.exchange(callback.code(), VERIFIER + "x", CALLBACK))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.AUTH_REVOKED))
			.withMessageContaining("authorization code was invalid");
	}

	@Test
	void refresh_keeps_the_rotated_refresh_token_and_the_old_one_stops_working() throws Exception {
		AccountSession session = this.fake.newAccount(XTestSupport.uniqueUser("linus"));
		this.fake.clock().advance(Duration.ofMinutes(100));

		AccountSession refreshed = this.backend.refresh(session);

		assertThat(refreshed.refreshToken()).isNotEqualTo(session.refreshToken());
		assertThat(refreshed.accessToken()).isNotEqualTo(session.accessToken());
		assertThat(refreshed.accessTokenExpiresAt())
			.isEqualTo(this.fake.clock().instant().plus(FakeXServer.ACCESS_TOKEN_LIFETIME));
		assertThat(refreshed.remoteUserId()).isEqualTo(session.remoteUserId());
		assertThat(this.backend.verify(refreshed).handle()).isEqualTo(session.handle());
		assertThatExceptionOfType(PublishException.class).isThrownBy(() -> this.backend.refresh(session))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.AUTH_REVOKED));
		assertThat(this.backend.refresh(refreshed).refreshToken()).isNotEqualTo(refreshed.refreshToken());
	}

	@Test
	void an_expired_access_token_is_auth_expired_and_refresh_fixes_it() throws Exception {
		AccountSession session = this.fake.newAccount(XTestSupport.uniqueUser("ken"));
		this.fake.clock().advance(Duration.ofHours(3));

		assertThatExceptionOfType(PublishException.class).isThrownBy(() -> this.backend.verify(session))
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(ErrorKind.AUTH_EXPIRED);
				assertThat(ex.httpStatus()).contains(401);
			})
			.withMessageContaining("Invalid or expired token");
		assertThat(this.backend.verify(this.backend.refresh(session)).handle()).isEqualTo(session.handle());
	}

	@Test
	void refresh_after_the_user_revoked_herald_is_auth_revoked() throws Exception {
		AccountSession session = this.fake.newAccount(XTestSupport.uniqueUser("ritchie"));
		this.fake.revoke(session.remoteUserId());

		assertThatExceptionOfType(PublishException.class).isThrownBy(() -> this.backend.refresh(session))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.AUTH_REVOKED))
			.withMessageContaining("Value passed for the token was invalid");
	}

	@Test
	void verify_reads_the_profile() throws Exception {
		AccountSession session = this.fake.newAccount(XTestSupport.uniqueUser("barbara"));

		AccountProfile profile = this.backend.verify(session);

		assertThat(profile.remoteUserId()).isEqualTo(session.remoteUserId());
		assertThat(profile.handle()).isEqualTo(session.handle());
		assertThat(profile.displayName()).isEqualTo("Test " + session.handle());
		assertThat(profile.profileUrl()).hasToString("https://x.test/" + session.handle());
	}

	@Test
	void connect_without_tokens_points_to_the_oauth_flow() {
		assertThatExceptionOfType(PublishException.class)
			.isThrownBy(() -> this.backend.connect(new ConnectRequest("someone", "password", null, null)))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.INVALID_CONTENT))
			.withMessageContaining("Connect X through OAuth");
	}

	@Test
	void connect_accepts_tokens_obtained_elsewhere_after_checking_them() throws Exception {
		AccountSession issued = this.fake.newAccount(XTestSupport.uniqueUser("margaret"));

		AccountSession session = this.backend.connect(new ConnectRequest(null, null, null,
				Map.of("accessToken", issued.accessToken(), "refreshToken", issued.refreshToken())));

		assertThat(session.remoteUserId()).isEqualTo(issued.remoteUserId());
		assertThat(session.handle()).isEqualTo(issued.handle());
		assertThat(session.refreshToken()).isEqualTo(issued.refreshToken());
	}

	@Test
	void without_a_client_id_the_driver_validates_but_refuses_to_connect_with_a_clear_message() {
		XBackend unconfigured = new XBackend(XProperties.of(this.fake.baseUrl(), null, null), this.fake.clock());

		assertThat(unconfigured.validate(PublishRequest.text("t", "k", "fine")).isValid()).isTrue();
		assertThatIllegalStateException()
			.isThrownBy(() -> unconfigured.oauth().orElseThrow().authorizationUrl("s", "c", CALLBACK))
			.withMessageContaining("X_CLIENT_ID");
		AccountSession session = new AccountSession("1", "x", null, "a", "r", null, null);
		assertThatExceptionOfType(PublishException.class).isThrownBy(() -> unconfigured.refresh(session))
			.withMessageContaining("X_CLIENT_ID");
	}

	static String challenge(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
