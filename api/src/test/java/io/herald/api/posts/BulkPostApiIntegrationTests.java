package io.herald.api.posts;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.herald.api.support.Api;
import io.herald.api.support.ApiIntegrationTest;
import io.herald.api.support.Fixtures.Tenant;
import io.herald.core.workspaces.Role;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.herald.api.posts.PostApiIntegrationTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

class BulkPostApiIntegrationTests extends ApiIntegrationTest {

	@Autowired
	JdbcTemplate jdbc;

	private Tenant tenant;

	private String account;

	private String later;

	@BeforeEach
	void account() {
		this.tenant = this.fixtures.tenant(this.api);
		this.account = connect(this.tenant, "bulk-brand");
		this.later = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
	}

	@Test
	void creates_the_valid_posts_and_reports_each_refused_one_at_its_index() {
		Api.Response response = bulk(this.tenant, """
				{"posts":[
				 {"text":"first","scheduledAt":"%1$s","targets":[{"accountId":"%2$s"}]},
				 {"text":"late","scheduledAt":"2020-01-01T00:00:00Z","targets":[{"accountId":"%2$s"}]},
				 {"text":"%3$s","scheduledAt":"%1$s","targets":[{"accountId":"%2$s"}]},
				 {"text":"nobody","scheduledAt":"%1$s","targets":[{"accountId":"%4$s"}]},
				 {"text":"no target id","scheduledAt":"%1$s","targets":[{}]},
				 {"text":"last","scheduledAt":"%1$s","timeZone":"America/New_York","targets":[{"accountId":"%2$s"}]}
				]}""".formatted(this.later, this.account, "a".repeat(501), UUID.randomUUID()));
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		JsonNode results = response.json().get("results");
		assertThat(results).hasSize(6);
		for (int i = 0; i < 6; i++) {
			assertThat(results.get(i).get("index").asInt()).isEqualTo(i);
		}
		JsonNode first = results.get(0);
		assertThat(first.get("status").asInt()).isEqualTo(201);
		assertThat(first.has("problem")).isFalse();
		assertThat(first.get("post").get("text").asString()).isEqualTo("first");
		assertThat(first.get("post").get("status").asString()).isEqualTo("SCHEDULED");
		assertThat(first.get("post").get("targets").get(0).get("dueAt").asString()).isEqualTo(this.later);
		assertThat(first.get("post").get("version").asLong()).isZero();
		assertItemProblem(results.get(1), 422, "schedule-in-past");
		assertItemProblem(results.get(2), 422, "content-rejected");
		assertThat(results.get(2).get("problem").get("errors").get(0).get("code").asString())
			.isEqualTo("text_too_long");
		assertItemProblem(results.get(3), 422, "unknown-account");
		assertItemProblem(results.get(4), 400, "validation-failed");
		assertThat(results.get(4).get("problem").get("errors").get(0).get("field").asString())
			.isEqualTo("targets[0].accountId");
		assertThat(results.get(5).get("status").asInt()).isEqualTo(201);
		assertThat(results.get(5).get("post").get("timeZone").asString()).isEqualTo("America/New_York");

		// What was created reads back like any post, and nothing else was stored.
		JsonNode read = this.api.get("/api/v1/posts/" + first.get("post").get("id").asString())
			.token(this.tenant.token())
			.send()
			.json();
		assertThat(read.get("text").asString()).isEqualTo("first");
		List<String> texts = new ArrayList<>();
		this.api.get("/api/v1/posts")
			.token(this.tenant.token())
			.send()
			.json()
			.get("items")
			.forEach((item) -> texts.add(item.get("text").asString()));
		assertThat(texts).containsExactlyInAnyOrder("first", "last");
	}

	@Test
	void takes_one_to_five_hundred_posts() {
		assertProblem(bulk(this.tenant, "{\"posts\":[]}"), 422, "bulk-size");
		assertProblem(bulk(this.tenant, "{}"), 422, "bulk-size");
		String one = "{\"text\":\"n\",\"scheduledAt\":\"%s\",\"targets\":[{\"accountId\":\"%s\"}]}"
			.formatted(this.later, this.account);
		Api.Response tooMany = bulk(this.tenant,
				"{\"posts\":[" + String.join(",", Collections.nCopies(501, one)) + "]}");
		assertProblem(tooMany, 422, "bulk-size");
		assertThat(tooMany.json().get("limit").asInt()).isEqualTo(500);
		assertThat(postCount(this.tenant)).isZero();

		Api.Response most = bulk(this.tenant, "{\"posts\":[" + String.join(",", Collections.nCopies(500, one)) + "]}");
		assertThat(most.status()).as(most.toString()).isEqualTo(200);
		assertThat(most.json().get("results")).hasSize(500);
		most.json().get("results").forEach((r) -> assertThat(r.get("status").asInt()).isEqualTo(201));
		assertThat(postCount(this.tenant)).isEqualTo(500);
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM post_target WHERE workspace_id = ? AND status = 'SCHEDULED'", Integer.class,
				this.tenant.workspaceId()))
			.isEqualTo(500);
	}

	@Test
	void the_same_idempotency_key_and_body_replays_the_first_response() {
		String body = """
				{"posts":[{"text":"once","scheduledAt":"%s","targets":[{"accountId":"%s"}]},
				 {"text":"refused","scheduledAt":"2020-01-01T00:00:00Z","targets":[{"accountId":"%s"}]}]}"""
			.formatted(this.later, this.account, this.account);
		Api.Response first = this.api.post("/api/v1/posts/bulk")
			.token(this.tenant.token())
			.header("Idempotency-Key", "bulk-1")
			.json(body)
			.send();
		Api.Response second = this.api.post("/api/v1/posts/bulk")
			.token(this.tenant.token())
			.header("Idempotency-Key", "bulk-1")
			.json(body)
			.send();
		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		assertThat(second.status()).isEqualTo(200);
		assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(second.json()).isEqualTo(first.json());
		assertThat(postCount(this.tenant)).isEqualTo(1);

		assertProblem(this.api.post("/api/v1/posts/bulk")
			.token(this.tenant.token())
			.header("Idempotency-Key", "bulk-1")
			.json(body.replace("once", "twice"))
			.send(), 409, "idempotency-key-reused");
		// A single create with the same key is another operation.
		Api.Response single = this.api.post("/api/v1/posts")
			.token(this.tenant.token())
			.header("Idempotency-Key", "bulk-1")
			.json("{\"text\":\"single\",\"scheduledAt\":\"%s\",\"targets\":[{\"accountId\":\"%s\"}]}"
				.formatted(this.later, this.account))
			.send();
		assertThat(single.status()).as(single.toString()).isEqualTo(201);
	}

	@Test
	void accounts_of_another_workspace_are_unknown_and_readers_may_not_create() {
		Tenant other = this.fixtures.tenant(this.api);
		Api.Response response = bulk(other, """
				{"posts":[{"text":"hijack","scheduledAt":"%s","targets":[{"accountId":"%s"}]}]}""".formatted(this.later,
				this.account));
		assertThat(response.status()).isEqualTo(200);
		assertItemProblem(response.json().get("results").get(0), 422, "unknown-account");
		assertThat(response.body()).doesNotContain("bulk-brand");
		assertThat(postCount(other)).isZero();
		assertThat(postCount(this.tenant)).isZero();

		Tenant viewer = this.fixtures.member(this.api, this.tenant, Role.VIEWER);
		assertProblem(bulk(viewer, """
				{"posts":[{"text":"x","scheduledAt":"%s","targets":[{"accountId":"%s"}]}]}""".formatted(this.later,
				this.account)), 403, "forbidden");
		assertProblem(this.api.post("/api/v1/posts/bulk").token("hrld_unknown").json("{\"posts\":[]}").send(), 401,
				"unauthorized");
	}

	@Test
	void created_posts_are_published_like_single_ones() {
		String text = "Bulk now " + UUID.randomUUID();
		Api.Response response = bulk(this.tenant, """
				{"posts":[{"text":"%1$s 1","publishNow":true,"targets":[{"accountId":"%2$s"}]},
				 {"text":"%1$s 2","publishNow":true,"targets":[{"accountId":"%2$s"}]}]}""".formatted(text,
				this.account));
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		for (JsonNode result : response.json().get("results")) {
			assertThat(result.get("status").asInt()).isEqualTo(201);
			awaitPublished("/api/v1/posts/" + result.get("post").get("id").asString());
		}
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM sandbox_publication WHERE text LIKE ?", Integer.class,
				text + " %"))
			.isEqualTo(2);
	}

	private void awaitPublished(String path) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
		JsonNode target = null;
		while (Instant.now().isBefore(deadline)) {
			target = this.api.get(path).token(this.tenant.token()).send().json().get("targets").get(0);
			if (target.get("status").asString().equals("PUBLISHED")) {
				assertThat(target.get("attempts").asInt()).isEqualTo(1);
				return;
			}
			java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
		}
		throw new AssertionError("Target never published: " + target);
	}

	private static void assertItemProblem(JsonNode result, int status, String slug) {
		assertThat(result.get("status").asInt()).as(result.toString()).isEqualTo(status);
		assertThat(result.has("post")).isFalse();
		JsonNode problem = result.get("problem");
		assertThat(problem.get("type").asString()).isEqualTo("/problems/" + slug);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("detail").asString()).isNotBlank();
		assertThat(problem.toString()).doesNotContain("Exception");
	}

	private Api.Response bulk(Tenant who, String json) {
		return this.api.post("/api/v1/posts/bulk").token(who.token()).json(json).send();
	}

	private int postCount(Tenant who) {
		return this.jdbc.queryForObject("SELECT count(*) FROM post WHERE workspace_id = ?", Integer.class,
				who.workspaceId());
	}

	private String connect(Tenant who, String handle) {
		return this.fixtures.sandboxAccount(this.api, who, handle);
	}

}
