package io.herald.api.web;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.herald.api.support.ApiIntegrationTest;
import io.herald.api.support.Fixtures.Tenant;
import io.herald.api.support.TestOAuthNetwork;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectSessionIntegrationTests extends ApiIntegrationTest {

	@Autowired
	TestOAuthNetwork oauth;

	@Test
	void a_connect_started_in_a_browser_finishes_only_in_that_browser_session() {
		Tenant tenant = this.fixtures.tenant(this.api);
		UiSession starter = UiSession.signedIn(this.api.base(), tenant.email(), tenant.password());
		HttpResponse<String> start = starter.get("/accounts/oauth/oauthtest");
		assertThat(start.statusCode()).isEqualTo(302);
		Map<String, String> query = query(URI.create(start.headers().firstValue("Location").orElseThrow()));
		String code = this.oauth.approve(query.get("code_challenge"));
		String callback = "/connect/oauthtest/callback?code=" + code + "&state=" + query.get("state");

		// The same user, signed in elsewhere (or an attacker's link opened in another
		// session): refused, and nothing is connected.
		UiSession elsewhere = UiSession.signedIn(this.api.base(), tenant.email(), tenant.password());
		HttpResponse<String> refused = elsewhere.get(callback);
		assertThat(refused.statusCode()).isEqualTo(422);
		assertThat(refused.body()).contains("another browser session");
		assertThat(this.api.get(callback).token(tenant.token()).send().status()).isEqualTo(422);
		assertThat(this.api.get("/api/v1/accounts").token(tenant.token()).send().json()).isEmpty();

		HttpResponse<String> back = starter.get(callback);
		assertThat(back.statusCode()).isEqualTo(303);
		assertThat(this.api.get("/api/v1/accounts").token(tenant.token()).send().json()).hasSize(1);
	}

	private static Map<String, String> query(URI uri) {
		Map<String, String> query = new HashMap<>();
		for (String pair : uri.getRawQuery().split("&")) {
			String[] kv = pair.split("=", 2);
			query.put(kv[0], kv[1]);
		}
		return query;
	}

}
