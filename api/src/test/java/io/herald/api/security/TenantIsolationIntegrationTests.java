package io.herald.api.security;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.herald.api.support.Api;
import io.herald.api.support.ApiIntegrationTest;
import io.herald.api.support.Fixtures.Tenant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user of workspace B must not see, change or even detect anything of workspace A.
 */
class TenantIsolationIntegrationTests extends ApiIntegrationTest {

	private Tenant a;

	private Tenant b;

	private String accountOfA;

	private String postOfA;

	private String tokenIdOfA;

	@BeforeEach
	void twoWorkspaces() {
		this.a = this.fixtures.tenant(this.api);
		this.b = this.fixtures.tenant(this.api);
		this.accountOfA = this.api.post("/api/v1/accounts")
			.token(this.a.token())
			.json("{\"network\":\"sandbox\",\"identifier\":\"secret-brand\"}")
			.send()
			.json()
			.get("id")
			.asString();
		this.postOfA = this.api.post("/api/v1/posts")
			.token(this.a.token())
			.json("{\"text\":\"A's plan\",\"draft\":true,\"targets\":[{\"accountId\":\"" + this.accountOfA + "\"}]}")
			.send()
			.json()
			.get("id")
			.asString();
		this.tokenIdOfA = this.api.get("/api/v1/auth/tokens")
			.token(this.a.token())
			.send()
			.json()
			.get(0)
			.get("id")
			.asString();
	}

	@Test
	void every_resource_of_another_workspace_is_not_found() {
		List<Api.Call> calls = List.of(this.api.get("/api/v1/accounts/" + this.accountOfA),
				this.api.post("/api/v1/accounts/" + this.accountOfA + "/check"),
				this.api.call("DELETE", "/api/v1/accounts/" + this.accountOfA),
				this.api.get("/api/v1/posts/" + this.postOfA),
				this.api.call("PATCH", "/api/v1/posts/" + this.postOfA)
					.header("If-Match", "\"0\"")
					.json("{\"text\":\"x\"}"),
				this.api.call("DELETE", "/api/v1/posts/" + this.postOfA),
				this.api.call("DELETE", "/api/v1/auth/tokens/" + this.tokenIdOfA),
				this.api.post("/api/v1/workspaces/" + this.a.workspaceId() + "/members")
					.json("{\"email\":\"intruder@test.local\",\"role\":\"OWNER\"}"),
				this.api.post("/api/v1/auth/tokens")
					.json("{\"name\":\"x\",\"workspaceId\":\"" + this.a.workspaceId() + "\"}"));
		for (Api.Call call : calls) {
			Api.Response response = call.token(this.b.token()).send();
			assertThat(response.status()).as(response.toString()).isEqualTo(404);
			assertThat(response.body()).doesNotContain("secret-brand").doesNotContain("A's plan");
		}
		// A's things are untouched.
		assertThat(this.api.get("/api/v1/posts/" + this.postOfA).token(this.a.token()).send().status()).isEqualTo(200);
		assertThat(this.api.get("/api/v1/accounts/" + this.accountOfA).token(this.a.token()).send().status())
			.isEqualTo(200);
		assertThat(this.api.get("/api/v1/me").token(this.a.token()).send().status()).isEqualTo(200);
	}

	@Test
	void lists_show_only_the_callers_workspace() {
		assertThat(this.api.get("/api/v1/accounts").token(this.b.token()).send().json()).isEmpty();
		assertThat(this.api.get("/api/v1/posts").token(this.b.token()).send().json().get("items")).isEmpty();
		assertThat(this.api.get("/api/v1/auth/tokens").token(this.b.token()).send().json()).hasSize(1);
	}

	@Test
	void another_workspaces_account_cannot_be_a_target() {
		Api.Response response = this.api.post("/api/v1/posts")
			.token(this.b.token())
			.json("{\"text\":\"hijack\",\"publishNow\":true,\"targets\":[{\"accountId\":\"" + this.accountOfA + "\"}]}")
			.send();
		assertThat(response.status()).isEqualTo(422);
		assertThat(response.json().get("type").asString()).isEqualTo("/problems/unknown-account");
		Api.Response validation = this.api.post("/api/v1/posts/validate")
			.token(this.b.token())
			.json("{\"text\":\"x\",\"targets\":[{\"accountId\":\"" + this.accountOfA + "\"}]}")
			.send();
		assertThat(validation.status()).isEqualTo(422);
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
