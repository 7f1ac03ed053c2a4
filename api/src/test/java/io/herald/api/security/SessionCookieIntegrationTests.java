package io.herald.api.security;

import org.junit.jupiter.api.Test;

import io.herald.api.support.Api;
import io.herald.api.support.ApiIntegrationTest;

import org.springframework.mock.web.MockServletContext;

import static org.assertj.core.api.Assertions.assertThat;

class SessionCookieIntegrationTests extends ApiIntegrationTest {

	@Test
	void the_session_cookie_is_http_only_and_same_site_lax_and_not_secure_over_plain_http() {
		String cookie = sessionCookie(this.api.get("/login").send());
		assertThat(cookie).contains("HttpOnly").containsIgnoringCase("SameSite=Lax").doesNotContain("Secure");
	}

	@Test
	void the_session_cookie_is_secure_when_a_trusted_proxy_forwarded_https() {
		String cookie = sessionCookie(this.api.get("/login").header("X-Forwarded-Proto", "https").send());
		assertThat(cookie).contains("Secure").contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
	}

	@Test
	void the_session_cookie_is_always_secure_when_the_public_url_is_https() throws Exception {
		MockServletContext https = new MockServletContext();
		new SessionCookieConfiguration().secureSessionCookie("https://herald.example.com").onStartup(https);
		assertThat(https.getSessionCookieConfig().isSecure()).isTrue();
		MockServletContext http = new MockServletContext();
		new SessionCookieConfiguration().secureSessionCookie("http://localhost:8080").onStartup(http);
		assertThat(http.getSessionCookieConfig().isSecure()).isFalse();
	}

	private static String sessionCookie(Api.Response response) {
		return response.raw()
			.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((c) -> c.startsWith("JSESSIONID="))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no session cookie: " + response.raw().headers()));
	}

}
