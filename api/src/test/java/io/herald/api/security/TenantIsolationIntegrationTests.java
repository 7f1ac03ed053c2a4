package io.herald.api.security;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.herald.api.support.Api;
import io.herald.api.support.ApiIntegrationTest;
import io.herald.api.support.Fixtures.Tenant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Credentials: what proves who calls, and what stops working. That a user of workspace B
 * can neither see, change nor detect anything of workspace A is proven on every route by
 * {@code io.herald.api.isolation.RouteIsolationIntegrationTests}.
 */
class TenantIsolationIntegrationTests extends ApiIntegrationTest {

	private Tenant a;

	@BeforeEach
	void aWorkspace() {
		this.a = this.fixtures.tenant(this.api);
	}

	@Test
	void requests_without_valid_credentials_are_unauthorized_problems() {
		for (Api.Call call : List.of(this.api.get("/api/v1/posts"),
				this.api.get("/api/v1/posts").header("Authorization", "Bearer hrld_forged"),
				this.api.get("/api/v1/posts").basic(this.a.email(), "wrong-password"))) {
			Api.Response response = call.send();
			assertThat(response.status()).as(response.toString()).isEqualTo(401);
			assertThat(response.contentType()).startsWith("application/problem+json");
		}
	}

	@Test
	void a_revoked_token_stops_working() {
		Api.Response created = this.api.post("/api/v1/auth/tokens")
			.token(this.a.token())
			.json("{\"name\":\"short-lived\"}")
			.send();
		String token = created.json().get("token").asString();
		assertThat(this.api.get("/api/v1/me").token(token).send().status()).isEqualTo(200);
		assertThat(this.api.call("DELETE", "/api/v1/auth/tokens/" + created.json().get("id").asString())
			.token(this.a.token())
			.send()
			.status()).isEqualTo(204);
		assertThat(this.api.get("/api/v1/me").token(token).send().status()).isEqualTo(401);
	}

	@Test
	void requests_with_their_own_credentials_leave_no_session_behind() {
		for (Api.Call call : List.of(this.api.get("/api/v1/me").token(this.a.token()),
				this.api.post("/api/v1/auth/tokens")
					.basic(this.a.email(), this.a.password())
					.json("{\"name\":\"scripted\"}"),
				this.api.get("/api/v1/posts").header("Authorization", "Bearer hrld_forged"))) {
			Api.Response response = call.send();
			assertThat(response.status()).as(response.toString()).isIn(200, 201, 401);
			assertThat(response.header("Set-Cookie")).as(response.toString()).isNull();
		}
	}

}
