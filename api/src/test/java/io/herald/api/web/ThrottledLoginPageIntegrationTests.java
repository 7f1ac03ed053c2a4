package io.herald.api.web;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.herald.api.support.ApiIntegrationTest;
import io.herald.api.support.Fixtures.Tenant;

import static org.assertj.core.api.Assertions.assertThat;

class ThrottledLoginPageIntegrationTests extends ApiIntegrationTest {

	@Test
	void too_many_wrong_passwords_show_a_clear_message_on_the_login_page() {
		Tenant tenant = this.fixtures.tenant(this.api);
		UiSession browser = new UiSession(this.api.base());
		browser.get("/login");
		for (int i = 0; i < 6; i++) {
			browser.post("/login", Map.of("username", tenant.email(), "password", "wrong-" + i), true);
			browser.get("/login?error");
		}
		HttpResponse<String> login = browser.post("/login",
				Map.of("username", tenant.email(), "password", tenant.password()), true);
		assertThat(login.headers().firstValue("Location"))
			.hasValueSatisfying((l) -> assertThat(l).endsWith("/login?error"));

		HttpResponse<String> page = browser.get("/login?error");
		assertThat(page.statusCode()).isEqualTo(429);
		assertThat(page.headers().firstValue("Retry-After")).hasValueSatisfying((s) -> assertThat(s).matches("\\d+"));
		assertThat(page.body()).contains("Too many failed sign-ins. Try again in")
			.contains("id=\"login-form\"")
			.doesNotContain("Whitelabel");
	}

}
