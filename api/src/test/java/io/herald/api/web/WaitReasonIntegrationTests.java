package io.herald.api.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.herald.api.support.Api;
import io.herald.api.support.ApiIntegrationTest;
import io.herald.api.support.Fixtures.Tenant;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A target that waits for a network's rate limit or publishing quota says so, with the
 * next try, in the API and on the post's page. The engine's side (recording the wait) is
 * tested in the worker; here the row is put in the state the engine leaves it in.
 */
class WaitReasonIntegrationTests extends ApiIntegrationTest {

	private static final String QUOTA = "This account published 100 of its 100 API posts in the last 24 hours.";

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void a_target_waiting_for_a_quota_shows_why_and_when_it_goes_out() {
		Tenant tenant = this.fixtures.tenant(this.api);
		String account = this.api.post("/api/v1/accounts")
			.token(tenant.token())
			.json("{\"network\":\"sandbox\",\"identifier\":\"quota-wait\"}")
			.send()
			.json()
			.get("id")
			.asString();
		Instant due = Instant.now().plus(java.time.Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
		Api.Response created = this.api.post("/api/v1/posts")
			.token(tenant.token())
			.json(Map.of("text", "Over the quota", "targets", java.util.List.of(Map.of("accountId", account)),
					"scheduledAt", due.toString()))
			.send();
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		String postId = created.json().get("id").asString();
		Instant nextTry = due.plus(java.time.Duration.ofMinutes(125));
		this.jdbc.update("UPDATE post_target SET last_error_kind = 'RATE_LIMITED', last_error = ?, next_attempt_at = ?"
				+ " WHERE post_id = ?", QUOTA, nextTry.atOffset(ZoneOffset.UTC), UUID.fromString(postId));

		JsonNode target = this.api.get("/api/v1/posts/" + postId)
			.token(tenant.token())
			.send()
			.json()
			.get("targets")
			.get(0);
		String page = UiSession.signedIn(this.api.base(), tenant.email(), tenant.password())
			.get("/posts/" + postId)
			.body();

		assertThat(target.get("status").asString()).isEqualTo("SCHEDULED");
		assertThat(target.get("waitReason").asString()).isEqualTo(QUOTA);
		assertThat(Instant.parse(target.get("nextAttemptAt").asString())).isEqualTo(nextTry);
		assertThat(page).contains("Waiting for the sandbox rate limit").contains("next try").contains(QUOTA);
	}

}
