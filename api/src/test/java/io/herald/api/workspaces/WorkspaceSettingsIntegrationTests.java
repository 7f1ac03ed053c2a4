package io.herald.api.workspaces;

import org.junit.jupiter.api.Test;

import io.herald.api.support.Api;
import io.herald.api.support.ApiIntegrationTest;
import io.herald.api.support.Fixtures.Tenant;
import io.herald.core.workspaces.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The maximum lateness is a setting of each workspace, with the node's as the default.
 */
class WorkspaceSettingsIntegrationTests extends ApiIntegrationTest {

	@Test
	void an_owner_sets_the_workspaces_maximum_lateness_and_null_restores_the_default() {
		Tenant tenant = this.fixtures.tenant(this.api);
		assertThat(current(tenant).json().get("maxLateness").isNull()).isTrue();

		Api.Response set = this.api.call("PATCH", "/api/v1/workspaces/current")
			.token(tenant.token())
			.json("{\"maxLateness\":\"PT6H\"}")
			.send();

		assertThat(set.status()).as(set.toString()).isEqualTo(200);
		assertThat(set.json().get("maxLateness").asString()).isEqualTo("PT6H");
		assertThat(current(tenant).json().get("maxLateness").asString()).isEqualTo("PT6H");
		Api.Response reset = this.api.call("PATCH", "/api/v1/workspaces/current")
			.token(tenant.token())
			.json("{\"maxLateness\":null}")
			.send();
		assertThat(reset.json().get("maxLateness").isNull()).isTrue();
	}

	@Test
	void refuses_a_lateness_outside_one_minute_to_seven_days_and_non_owners() {
		Tenant tenant = this.fixtures.tenant(this.api);
		Tenant editor = this.fixtures.member(this.api, tenant, Role.EDITOR);

		Api.Response tooShort = this.api.call("PATCH", "/api/v1/workspaces/current")
			.token(tenant.token())
			.json("{\"maxLateness\":\"PT0S\"}")
			.send();
		Api.Response tooLong = this.api.call("PATCH", "/api/v1/workspaces/current")
			.token(tenant.token())
			.json("{\"maxLateness\":\"P8D\"}")
			.send();
		Api.Response notOwner = this.api.call("PATCH", "/api/v1/workspaces/current")
			.token(editor.token())
			.json("{\"maxLateness\":\"PT6H\"}")
			.send();

		assertThat(tooShort.status()).as(tooShort.toString()).isEqualTo(400);
		assertThat(tooShort.json().get("type").asString()).isEqualTo("/problems/validation-failed");
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(notOwner.status()).isEqualTo(403);
		assertThat(current(tenant).json().get("maxLateness").isNull()).isTrue();
	}

	private Api.Response current(Tenant tenant) {
		return this.api.get("/api/v1/workspaces/current").token(tenant.token()).send();
	}

}
