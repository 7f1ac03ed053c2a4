package io.herald.api.posts;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.herald.api.support.Api;
import io.herald.api.support.ApiIntegrationTest;
import io.herald.api.support.Fixtures.Tenant;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Through the REST API to the engine and the sandbox network and back: what a user sees.
 */
class PublishingEndToEndIntegrationTests extends ApiIntegrationTest {

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void a_post_published_now_reaches_the_network_exactly_once() {
		Tenant tenant = this.fixtures.tenant(this.api);
		String account = connect(tenant, "{\"network\":\"sandbox\",\"identifier\":\"e2e-now\"}");
		Api.Response created = this.api.post("/api/v1/posts")
			.token(tenant.token())
			.json("{\"text\":\"Live from Herald\",\"publishNow\":true,\"targets\":[{\"accountId\":\"" + account
					+ "\"}]}")
			.send();
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode target = awaitTarget(tenant, created.header("Location"), "PUBLISHED");
		assertThat(target.get("remoteUrl").asString()).startsWith("https://sandbox.invalid/");
		assertThat(target.get("attempts").asInt()).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM sandbox_publication WHERE text = 'Live from Herald'",
				Integer.class))
			.isEqualTo(1);
		JsonNode post = this.api.get(created.header("Location")).token(tenant.token()).send().json();
		assertThat(post.get("status").asString()).isEqualTo("DONE");
	}

	@Test
	void a_failed_target_shows_the_networks_reason_and_publishes_after_retry() {
		Tenant tenant = this.fixtures.tenant(this.api);
		String account = connect(tenant, "{\"network\":\"sandbox\",\"identifier\":\"e2e-retry\","
				+ "\"settings\":{\"faults\":\"invalid_content=next:1\"}}");
		Api.Response created = this.api.post("/api/v1/posts")
			.token(tenant.token())
			.json("{\"text\":\"Second time lucky\",\"publishNow\":true,\"targets\":[{\"accountId\":\"" + account
					+ "\"}]}")
			.send();
		JsonNode failed = awaitTarget(tenant, created.header("Location"), "FAILED");
		assertThat(failed.get("lastErrorKind").asString()).isEqualTo("INVALID_CONTENT");
		assertThat(failed.get("lastError").asString()).isNotBlank();

		Api.Response retried = this.api.post(created.header("Location") + "/retry").token(tenant.token()).send();
		assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
		awaitTarget(tenant, created.header("Location"), "PUBLISHED");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM sandbox_publication WHERE text = 'Second time lucky'",
				Integer.class))
			.isEqualTo(1);
	}

	@Test
	void retrying_a_post_without_failed_targets_changes_nothing() {
		Tenant tenant = this.fixtures.tenant(this.api);
		String account = connect(tenant, "{\"network\":\"sandbox\",\"identifier\":\"e2e-noretry\"}");
		Api.Response created = this.api.post("/api/v1/posts")
			.token(tenant.token())
			.json("{\"text\":\"Later\",\"scheduledAt\":\"" + Instant.now().plus(Duration.ofDays(1))
					+ "\",\"targets\":[{\"accountId\":\"" + account + "\"}]}")
			.send();
		Api.Response retried = this.api.post(created.header("Location") + "/retry").token(tenant.token()).send();
		assertThat(retried.status()).isEqualTo(409);
		assertThat(retried.json().get("type").asString()).isEqualTo("/problems/conflict");
	}

	private JsonNode awaitTarget(Tenant tenant, String path, String status) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
		JsonNode target = null;
		while (Instant.now().isBefore(deadline)) {
			target = this.api.get(path).token(tenant.token()).send().json().get("targets").get(0);
			if (target.get("status").asString().equals(status)) {
				return target;
			}
			java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
		}
		throw new AssertionError("Target never became " + status + ": " + target);
	}

	private String connect(Tenant tenant, String body) {
		Api.Response response = this.api.post("/api/v1/accounts").token(tenant.token()).json(body).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.json().get("id").asString();
	}

}
