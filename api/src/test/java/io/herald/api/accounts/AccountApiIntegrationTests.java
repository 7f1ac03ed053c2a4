package io.herald.api.accounts;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.herald.api.support.Api;
import io.herald.api.support.ApiIntegrationTest;
import io.herald.api.support.Fixtures.Tenant;
import io.herald.core.workspaces.Role;

import static org.assertj.core.api.Assertions.assertThat;

class AccountApiIntegrationTests extends ApiIntegrationTest {

	@Test
	void connects_lists_gets_and_deletes_a_sandbox_account() {
		Tenant tenant = this.fixtures.tenant(this.api);
		Api.Response created = this.api.post("/api/v1/accounts")
			.token(tenant.token())
			.json("{\"network\":\"sandbox\",\"identifier\":\"acme\"}")
			.send();
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		String id = created.json().get("id").asString();
		assertThat(created.json().get("status").asString()).isEqualTo("CONNECTED");
		assertThat(created.body()).doesNotContain("credentials");

		JsonNode list = this.api.get("/api/v1/accounts").token(tenant.token()).send().json();
		assertThat(list).hasSize(1);
		assertThat(this.api.get("/api/v1/accounts/" + id).token(tenant.token()).send().json().get("handle").asString())
			.isEqualTo("acme");
		assertThat(this.api.post("/api/v1/accounts/" + id + "/check").token(tenant.token()).send().status())
			.isEqualTo(200);
		assertThat(this.api.call("DELETE", "/api/v1/accounts/" + id).token(tenant.token()).send().status())
			.isEqualTo(204);
		assertThat(this.api.get("/api/v1/accounts/" + id).token(tenant.token()).send().status()).isEqualTo(404);
	}

	@Test
	void connecting_the_same_remote_account_again_reconnects_it() {
		Tenant tenant = this.fixtures.tenant(this.api);
		String body = "{\"network\":\"sandbox\",\"identifier\":\"same\"}";
		Api.Response first = this.api.post("/api/v1/accounts").token(tenant.token()).json(body).send();
		Api.Response second = this.api.post("/api/v1/accounts").token(tenant.token()).json(body).send();
		assertThat(second.status()).isEqualTo(200);
		assertThat(second.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
	}

	@Test
	void an_unknown_network_is_a_problem_listing_the_installed_ones() {
		Tenant tenant = this.fixtures.tenant(this.api);
		Api.Response response = this.api.post("/api/v1/accounts")
			.token(tenant.token())
			.json("{\"network\":\"myspace\"}")
			.send();
		assertThat(response.status()).isEqualTo(422);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("type").asString()).isEqualTo("/problems/unknown-network");
		assertThat(response.json().get("networks").toString()).contains("sandbox");
	}

	@Test
	void a_viewer_cannot_connect_accounts() {
		Tenant owner = this.fixtures.tenant(this.api);
		Tenant viewer = this.fixtures.member(this.api, owner, Role.VIEWER);
		Api.Response response = this.api.post("/api/v1/accounts")
			.token(viewer.token())
			.json("{\"network\":\"sandbox\",\"identifier\":\"x\"}")
			.send();
		assertThat(response.status()).isEqualTo(403);
		assertThat(response.json().get("type").asString()).isEqualTo("/problems/forbidden");
	}

}
