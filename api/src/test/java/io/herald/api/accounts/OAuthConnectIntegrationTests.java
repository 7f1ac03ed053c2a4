package io.herald.api.accounts;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.herald.api.support.Api;
import io.herald.api.support.ApiIntegrationTest;
import io.herald.api.support.Fixtures.Tenant;
import io.herald.api.support.TestOAuthNetwork;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class OAuthConnectIntegrationTests extends ApiIntegrationTest {

	@Autowired
	TestOAuthNetwork network;

	@Test
	void an_oauth_account_is_connected_through_state_and_pkce() {
		Tenant tenant = this.fixtures.tenant(this.api);
		Api.Response started = this.api.post("/api/v1/accounts/oauth/oauthtest").token(tenant.token()).send();
		assertThat(started.status()).as(started.toString()).isEqualTo(200);
		Map<String, String> query = query(URI.create(started.json().get("authorizationUrl").asString()));
		assertThat(query.get("code_challenge_method")).isEqualTo("S256");
		assertThat(query.get("redirect_uri")).endsWith("/connect/oauthtest/callback");
		String code = this.network.approve(query.get("code_challenge"));

		Api.Response callback = this.api
			.get("/connect/oauthtest/callback?code=" + code + "&state=" + query.get("state"))
			.token(tenant.token())
			.send();
		assertThat(callback.status()).as(callback.toString()).isEqualTo(201);
		assertThat(callback.json().get("network").asString()).isEqualTo("oauthtest");
		assertThat(callback.body()).doesNotContain("access-").doesNotContain("refresh-");
		assertThat(this.api.get("/api/v1/accounts").token(tenant.token()).send().json()).hasSize(1);

		Api.Response replay = this.api.get("/connect/oauthtest/callback?code=" + code + "&state=" + query.get("state"))
			.token(tenant.token())
			.send();
		assertThat(replay.status()).isEqualTo(422);
		assertThat(replay.json().get("type").asString()).isEqualTo("/problems/connect-failed");
	}

	@Test
	void a_forged_state_or_a_denied_authorization_connects_nothing() {
		Tenant tenant = this.fixtures.tenant(this.api);
		Api.Response forged = this.api.get("/connect/oauthtest/callback?code=abc&state=forged")
			.token(tenant.token())
			.send();
		assertThat(forged.status()).isEqualTo(422);
		Api.Response denied = this.api
			.get("/connect/oauthtest/callback?error=access_denied&error_description=User%20said%20no")
			.token(tenant.token())
			.send();
		assertThat(denied.status()).isEqualTo(422);
		assertThat(denied.json().get("detail").asString()).contains("User said no");
		assertThat(this.api.get("/api/v1/accounts").token(tenant.token()).send().json()).isEmpty();
	}

	@Test
	void a_connect_started_by_one_user_cannot_be_finished_by_another() {
		Tenant starter = this.fixtures.tenant(this.api);
		Tenant other = this.fixtures.tenant(this.api);
		Map<String, String> query = query(URI.create(this.api.post("/api/v1/accounts/oauth/oauthtest")
			.token(starter.token())
			.send()
			.json()
			.get("authorizationUrl")
			.asString()));
		String code = this.network.approve(query.get("code_challenge"));
		String callback = "/connect/oauthtest/callback?code=" + code + "&state=" + query.get("state");

		Api.Response anonymous = this.api.get(callback).send();
		assertThat(anonymous.status()).isEqualTo(302);
		assertThat(anonymous.header("Location")).endsWith("/login");
		Api.Response stranger = this.api.get(callback).token(other.token()).send();
		assertThat(stranger.status()).as(stranger.toString()).isEqualTo(422);
		assertThat(stranger.json().get("type").asString()).isEqualTo("/problems/connect-failed");
		assertThat(stranger.json().get("detail").asString()).contains("another user");
		assertThat(this.api.get("/api/v1/accounts").token(other.token()).send().json()).isEmpty();
		assertThat(this.api.get("/api/v1/accounts").token(starter.token()).send().json()).isEmpty();

		Api.Response own = this.api.get(callback).token(starter.token()).send();
		assertThat(own.status()).as(own.toString()).isEqualTo(201);
	}

	@Test
	void credential_networks_are_not_connected_through_oauth() {
		Tenant tenant = this.fixtures.tenant(this.api);
		Api.Response response = this.api.post("/api/v1/accounts/oauth/sandbox").token(tenant.token()).send();
		assertThat(response.status()).isEqualTo(400);
		Api.Response oauthViaCredentials = this.api.post("/api/v1/accounts")
			.token(tenant.token())
			.json("{\"network\":\"oauthtest\"}")
			.send();
		assertThat(oauthViaCredentials.status()).isEqualTo(400);
		assertThat(oauthViaCredentials.json().get("detail").asString()).contains("/connect/oauthtest");
	}

	private static Map<String, String> query(URI uri) {
		return Arrays.stream(uri.getRawQuery().split("&"))
			.map((pair) -> pair.split("=", 2))
			.collect(Collectors.toMap((p) -> p[0], (p) -> p[1]));
	}

}
