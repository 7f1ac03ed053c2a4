package io.herald.api.posts;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.herald.api.support.Api;
import io.herald.api.support.ApiIntegrationTest;
import io.herald.api.support.Fixtures.Tenant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A target's {@code parts}: omitted inherits the post's thread, {@code []} is no thread
 * on that network, a list is the target's own thread. The API keeps the three apart, as
 * the engine's claim does (see the worker's TargetPartsIntegrationTests).
 */
class TargetPartsApiIntegrationTests extends ApiIntegrationTest {

	private Tenant tenant;

	@BeforeEach
	void tenant() {
		this.tenant = this.fixtures.tenant(this.api);
	}

	@Test
	void an_empty_list_of_parts_stays_apart_from_no_parts() {
		String at = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
		String inherits = connect("inherits");
		String none = connect("no-thread");
		String own = connect("own-thread");
		Api.Response created = this.api.post("/api/v1/posts")
			.token(this.tenant.token())
			.json("""
					{"text":"Thread start","parts":[{"text":"second"}],"scheduledAt":"%s","targets":[
					 {"accountId":"%s"},{"accountId":"%s","parts":[]},{"accountId":"%s","parts":[{"text":"own"}]}]}"""
				.formatted(at, inherits, none, own))
			.send();
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode read = this.api.get(created.header("Location")).token(this.tenant.token()).send().json();
		Map<String, JsonNode> targets = new HashMap<>();
		read.get("targets").forEach((t) -> targets.put(t.get("accountId").asString(), t));
		assertThat(targets.get(inherits).get("parts").isNull()).as(read.toString()).isTrue();
		assertThat(targets.get(none).get("parts").isArray()).as(read.toString()).isTrue();
		assertThat(targets.get(none).get("parts")).isEmpty();
		assertThat(targets.get(own).get("parts").get(0).get("text").asString()).isEqualTo("own");
	}

	private String connect(String handle) {
		return this.fixtures.sandboxAccount(this.api, this.tenant, handle);
	}

}
