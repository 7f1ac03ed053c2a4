package io.herald.api.posts;

import java.time.Instant;
import java.time.Year;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.herald.api.support.Api;
import io.herald.api.support.ApiIntegrationTest;
import io.herald.api.support.Fixtures.Tenant;

import static org.assertj.core.api.Assertions.assertThat;

class PostApiIntegrationTests extends ApiIntegrationTest {

	private Tenant tenant;

	private String account;

	private String other;

	@BeforeEach
	void accounts() {
		this.tenant = this.fixtures.tenant(this.api);
		this.account = connect("brand");
		this.other = connect("brand-two");
	}

	@Test
	void schedules_a_post_for_two_accounts_with_a_variant() {
		String at = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
		Api.Response created = post("""
				{"text":"Hello world","scheduledAt":"%s","targets":[{"accountId":"%s"},
				 {"accountId":"%s","text":"Hello, second brand"}]}""".formatted(at, this.account, this.other));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.header("ETag")).isEqualTo("\"0\"");
		assertThat(created.header("Location")).startsWith("/api/v1/posts/");
		JsonNode body = created.json();
		assertThat(body.get("status").asString()).isEqualTo("SCHEDULED");
		assertThat(body.get("scheduledAt").asString()).isEqualTo(at);
		assertThat(body.get("targets")).hasSize(2);
		assertThat(body.get("targets").get(0).get("status").asString()).isEqualTo("SCHEDULED");
		assertThat(body.get("targets").get(0).get("dueAt").asString()).isEqualTo(at);
		assertThat(body.get("targets").get(1).get("text").asString()).isEqualTo("Hello, second brand");

		JsonNode read = this.api.get(created.header("Location")).token(this.tenant.token()).send().json();
		assertThat(read.get("id").asString()).isEqualTo(body.get("id").asString());
	}

	@Test
	void a_local_time_is_read_in_the_given_zone() {
		Api.Response created = created("""
				{"text":"Morning","scheduledAt":"YEAR-07-01T09:30","timeZone":"Europe/Berlin",
				 "targets":[{"accountId":"%s"}]}""".formatted(this.account));
		assertThat(created.json().get("scheduledAt").asString()).isEqualTo(y("YEAR-07-01T07:30:00Z"));
		assertThat(created.json().get("timeZone").asString()).isEqualTo("Europe/Berlin");
		assertThat(created.json().get("localScheduledAt").asString()).isEqualTo(y("YEAR-07-01T09:30:00"));
	}

	@Test
	void a_local_time_in_a_dst_gap_moves_forward_by_the_gap() {
		// Half an hour into the next spring-forward gap in Berlin (02:30 does not exist
		// that day).
		ZoneOffsetTransition gap = next(ZoneId.of("Europe/Berlin"), true);
		Api.Response created = created("""
				{"text":"Gap","scheduledAt":"%s","timeZone":"Europe/Berlin","targets":[{"accountId":"%s"}]}"""
			.formatted(gap.getDateTimeBefore().plusMinutes(30), this.account));
		assertThat(Instant.parse(created.json().get("scheduledAt").asString()))
			.isEqualTo(gap.getInstant().plus(30, ChronoUnit.MINUTES));
	}

	@Test
	void a_local_time_in_a_dst_overlap_takes_the_first_occurrence() {
		// Half an hour before the next fall-back in New York: that local time happens
		// twice.
		ZoneOffsetTransition overlap = next(ZoneId.of("America/New_York"), false);
		Api.Response created = created("""
				{"text":"Overlap","scheduledAt":"%s","timeZone":"America/New_York","targets":[{"accountId":"%s"}]}"""
			.formatted(overlap.getDateTimeBefore().minusMinutes(30), this.account));
		assertThat(Instant.parse(created.json().get("scheduledAt").asString()))
			.isEqualTo(overlap.getInstant().minus(30, ChronoUnit.MINUTES));
	}

	private static ZoneOffsetTransition next(ZoneId zone, boolean gap) {
		ZoneOffsetTransition transition = zone.getRules().nextTransition(Instant.now());
		while (transition.isGap() != gap) {
			transition = zone.getRules().nextTransition(transition.getInstant());
		}
		return transition;
	}

	@Test
	void a_past_schedule_is_refused() {
		Api.Response response = post("""
				{"text":"Late","scheduledAt":"2020-01-01T00:00:00Z","targets":[{"accountId":"%s"}]}"""
			.formatted(this.account));
		assertProblem(response, 422, "schedule-in-past");
	}

	@Test
	void an_unknown_time_zone_is_refused() {
		Api.Response response = post(
				"""
						{"text":"x","scheduledAt":"YEAR-01-01T10:00","timeZone":"Mars/Olympus","targets":[{"accountId":"%s"}]}"""
					.formatted(this.account));
		assertProblem(response, 400, "bad-time-zone");
	}

	@Test
	void text_over_the_network_limit_is_rejected_per_target() {
		Api.Response response = post("""
				{"text":"%s","publishNow":true,"targets":[{"accountId":"%s"}]}""".formatted("a".repeat(501),
				this.account));
		assertProblem(response, 422, "content-rejected");
		JsonNode error = response.json().get("errors").get(0);
		assertThat(error.get("accountId").asString()).isEqualTo(this.account);
		assertThat(error.get("network").asString()).isEqualTo("sandbox");
		assertThat(error.get("code").asString()).isEqualTo("text_too_long");
	}

	@Test
	void validate_reports_without_saving() {
		Api.Response response = this.api.post("/api/v1/posts/validate")
			.token(this.tenant.token())
			.json("""
					{"text":"%s","targets":[{"accountId":"%s"},{"accountId":"%s","text":"short"}]}"""
				.formatted("b".repeat(600), this.account, this.other))
			.send();
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("valid").asBoolean()).isFalse();
		assertThat(response.json().get("errors")).hasSize(1);
		assertThat(this.api.get("/api/v1/posts").token(this.tenant.token()).send().json().get("items")).isEmpty();
	}

	@Test
	void an_unknown_asset_or_account_is_refused() {
		assertProblem(post("""
				{"text":"x","publishNow":true,"assets":[{"assetId":"%s"}],"targets":[{"accountId":"%s"}]}"""
			.formatted(java.util.UUID.randomUUID(), this.account)), 422, "unknown-asset");
		assertProblem(post("""
				{"text":"x","publishNow":true,"targets":[{"accountId":"%s"}]}"""
			.formatted(java.util.UUID.randomUUID())), 422, "unknown-account");
	}

	@Test
	void a_draft_needs_no_schedule_and_is_deleted_outright() {
		Api.Response draft = post("""
				{"text":"Idea","draft":true,"targets":[{"accountId":"%s"}]}""".formatted(this.account));
		assertThat(draft.status()).isEqualTo(201);
		assertThat(draft.json().get("status").asString()).isEqualTo("DRAFT");
		assertThat(draft.json().get("targets").get(0).get("status").asString()).isEqualTo("DRAFT");
		String path = draft.header("Location");
		assertThat(this.api.call("DELETE", path).token(this.tenant.token()).send().status()).isEqualTo(204);
		assertThat(this.api.get(path).token(this.tenant.token()).send().status()).isEqualTo(404);
	}

	@Test
	void canceling_a_scheduled_post_cancels_its_targets() {
		Api.Response created = created(
				"""
						{"text":"Soon","publishNow":false,"scheduledAt":"YEAR-01-01T10:00:00Z","targets":[{"accountId":"%s"}]}"""
					.formatted(this.account));
		String path = created.header("Location");
		assertThat(this.api.call("DELETE", path).token(this.tenant.token()).send().status()).isEqualTo(204);
		JsonNode read = this.api.get(path).token(this.tenant.token()).send().json();
		assertThat(read.get("status").asString()).isEqualTo("CANCELED");
		assertThat(read.get("targets").get(0).get("status").asString()).isEqualTo("CANCELED");
	}

	@Test
	void the_same_idempotency_key_and_body_returns_the_same_post_once() {
		String body = """
				{"text":"Once","scheduledAt":"YEAR-01-01T10:00:00Z","targets":[{"accountId":"%s"}]}"""
			.formatted(this.account);
		Api.Response first = this.api.post("/api/v1/posts")
			.token(this.tenant.token())
			.header("Idempotency-Key", "k-1")
			.json(y(body))
			.send();
		Api.Response second = this.api.post("/api/v1/posts")
			.token(this.tenant.token())
			.header("Idempotency-Key", "k-1")
			.json(y(body))
			.send();
		assertThat(second.status()).isEqualTo(201);
		assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(second.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
		assertThat(this.api.get("/api/v1/posts").token(this.tenant.token()).send().json().get("items")).hasSize(1);

		Api.Response different = this.api.post("/api/v1/posts")
			.token(this.tenant.token())
			.header("Idempotency-Key", "k-1")
			.json(y(body.replace("Once", "Twice")))
			.send();
		assertProblem(different, 409, "idempotency-key-reused");
	}

	@Test
	void updates_need_the_current_etag() {
		Api.Response created = created("""
				{"text":"v1","scheduledAt":"YEAR-01-01T10:00:00Z","targets":[{"accountId":"%s"}]}"""
			.formatted(this.account));
		String path = created.header("Location");
		assertProblem(this.api.call("PATCH", path).token(this.tenant.token()).json("{\"text\":\"v2\"}").send(), 428,
				"precondition-required");
		Api.Response updated = this.api.call("PATCH", path)
			.token(this.tenant.token())
			.header("If-Match", created.header("ETag"))
			.json(y("{\"text\":\"v2\",\"scheduledAt\":\"YEAR-02-01T10:00\",\"timeZone\":\"Europe/Berlin\"}"))
			.send();
		assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
		assertThat(updated.json().get("text").asString()).isEqualTo("v2");
		assertThat(updated.json().get("targets").get(0).get("dueAt").asString()).isEqualTo(y("YEAR-02-01T09:00:00Z"));
		assertThat(updated.header("ETag")).isNotEqualTo(created.header("ETag"));
		assertProblem(this.api.call("PATCH", path)
			.token(this.tenant.token())
			.header("If-Match", created.header("ETag"))
			.json("{\"text\":\"v3\"}")
			.send(), 412, "precondition-failed");
	}

	@Test
	void lists_pages_with_a_cursor_and_filters_by_time() {
		for (int i = 0; i < 5; i++) {
			created("""
					{"text":"n%d","scheduledAt":"YEAR-03-0%dT10:00:00Z","targets":[{"accountId":"%s"}]}""".formatted(i,
					i + 1, this.account));
		}
		Set<String> seen = new HashSet<>();
		String cursor = null;
		int pages = 0;
		do {
			JsonNode page = this.api.get("/api/v1/posts?limit=2" + ((cursor != null) ? "&cursor=" + cursor : ""))
				.token(this.tenant.token())
				.send()
				.json();
			page.get("items").forEach((item) -> seen.add(item.get("text").asString()));
			cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
			pages++;
		}
		while (cursor != null);
		assertThat(seen).containsExactlyInAnyOrder("n0", "n1", "n2", "n3", "n4");
		assertThat(pages).isEqualTo(3);
		JsonNode window = this.api.get(y("/api/v1/posts?from=YEAR-03-02T00:00:00Z&to=YEAR-03-04T00:00:00Z"))
			.token(this.tenant.token())
			.send()
			.json();
		assertThat(window.get("items")).hasSize(2);
		assertProblem(this.api.get("/api/v1/posts?cursor=garbage").token(this.tenant.token()).send(), 400,
				"bad-cursor");
	}

	private Api.Response post(String json) {
		return this.api.post("/api/v1/posts").token(this.tenant.token()).json(y(json)).send();
	}

	/**
	 * Dates in these tests are next year's, so they stay in the future and within range.
	 */
	private static String y(String text) {
		return text.replace("YEAR-", (Year.now().getValue() + 1) + "-");
	}

	private Api.Response created(String json) {
		Api.Response response = post(json);
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response;
	}

	private String connect(String handle) {
		return this.fixtures.sandboxAccount(this.api, this.tenant, handle);
	}

	static void assertProblem(Api.Response response, int status, String slug) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("type").asString()).isEqualTo("/problems/" + slug);
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
	}

}
