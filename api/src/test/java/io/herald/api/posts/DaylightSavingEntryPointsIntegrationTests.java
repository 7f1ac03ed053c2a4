package io.herald.api.posts;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import io.herald.api.support.Api;
import io.herald.api.support.ApiIntegrationTest;
import io.herald.api.support.Fixtures.Tenant;
import io.herald.api.web.UiSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented DST rules (docs/api.md, "Time zones and daylight-saving time") through
 * every way a time gets into Herald: REST create, the compose form, PATCH, bulk create
 * and the calendar's drag to another day. The expected instants are written out by hand
 * from the rules, not computed with the java.time call the code uses.
 */
class DaylightSavingEntryPointsIntegrationTests extends ApiIntegrationTest {

	/** A wall-clock time at a 2027 transition and the instant the rules give it. */
	enum Transition {

		/** Berlin jumps from 02:00 to 03:00: 02:30 is 03:30 CEST. */
		BERLIN_GAP("Europe/Berlin", "2027-03-28T02:30", "2027-03-28T01:30:00Z", "03:30"),

		/** Berlin falls back from 03:00 to 02:00: 02:30 is the first one, CEST. */
		BERLIN_OVERLAP("Europe/Berlin", "2027-10-31T02:30", "2027-10-31T00:30:00Z", "02:30"),

		/** New York jumps from 02:00 to 03:00: 02:30 is 03:30 EDT. */
		NEW_YORK_GAP("America/New_York", "2027-03-14T02:30", "2027-03-14T07:30:00Z", "03:30"),

		/** New York falls back from 02:00 to 01:00: 01:30 is the first one, EDT. */
		NEW_YORK_OVERLAP("America/New_York", "2027-11-07T01:30", "2027-11-07T05:30:00Z", "01:30");

		final String zone;

		final LocalDateTime local;

		final Instant instant;

		final String goesOutAt;

		Transition(String zone, String local, String instant, String goesOutAt) {
			this.zone = zone;
			this.local = LocalDateTime.parse(local);
			this.instant = Instant.parse(instant);
			this.goesOutAt = goesOutAt;
		}

		boolean gap() {
			return !this.goesOutAt.equals(this.local.toLocalTime().toString());
		}

		/** The same time the day before, an ordinary day. */
		Instant dayBefore() {
			return this.local.minusDays(1).atZone(ZoneId.of(this.zone)).toInstant();
		}

	}

	private Tenant tenant;

	private String account;

	@BeforeEach
	void account() {
		this.tenant = this.fixtures.tenant(this.api);
		this.account = this.api.post("/api/v1/accounts")
			.token(this.tenant.token())
			.json(Map.of("network", "sandbox", "identifier", "dst-" + this.tenant.workspaceId()))
			.send()
			.json()
			.get("id")
			.asString();
	}

	@ParameterizedTest
	@EnumSource(Transition.class)
	void rest_create_follows_the_documented_rule(Transition at) {
		JsonNode post = create(at.local.toString(), at.zone);
		assertSchedule(post, at.instant, at.local, at.zone);
	}

	@ParameterizedTest
	@EnumSource(Transition.class)
	void the_compose_form_follows_the_documented_rule(Transition at) {
		UiSession browser = UiSession.signedIn(this.api.base(), this.tenant.email(), this.tenant.password());
		browser.get("/compose");
		HttpResponse<String> created = browser.postAll("/compose",
				List.of(Map.entry("text", "Composed at " + at), Map.entry("account", this.account),
						Map.entry("when", at.local.toString()), Map.entry("zone", at.zone),
						Map.entry("action", "schedule")),
				true);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
		String location = created.headers().firstValue("Location").orElseThrow();
		String id = location.substring(location.lastIndexOf('/') + 1);
		assertSchedule(read(id), at.instant, at.local, at.zone);
		assertThat(browser.get("/posts/" + id).body()).contains(at.goesOutAt).contains(at.zone);
	}

	@ParameterizedTest
	@EnumSource(Transition.class)
	void patch_follows_the_documented_rule_and_a_later_text_edit_keeps_the_time_entered(Transition at) {
		JsonNode created = create("2027-06-01T09:00", at.zone);
		JsonNode moved = patch(created, Map.of("scheduledAt", at.local.toString(), "timeZone", at.zone));
		assertSchedule(moved, at.instant, at.local, at.zone);

		JsonNode edited = patch(moved, Map.of("text", "Only the text changed"));
		assertSchedule(edited, at.instant, at.local, at.zone);
	}

	@Test
	void one_bulk_request_follows_the_documented_rule_for_every_transition() {
		List<Map<String, Object>> posts = new ArrayList<>();
		for (Transition at : Transition.values()) {
			posts.add(Map.of("text", "Bulk at " + at, "scheduledAt", at.local.toString(), "timeZone", at.zone,
					"targets", List.of(Map.of("accountId", this.account))));
		}
		Api.Response response = this.api.post("/api/v1/posts/bulk")
			.token(this.tenant.token())
			.json(Map.of("posts", posts))
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		JsonNode results = response.json().get("results");
		for (Transition at : Transition.values()) {
			JsonNode result = results.get(at.ordinal());
			assertThat(result.get("status").asInt()).as(result.toString()).isEqualTo(201);
			assertSchedule(result.get("post"), at.instant, at.local, at.zone);
		}
	}

	@ParameterizedTest
	@EnumSource(Transition.class)
	void dragging_onto_the_transition_day_follows_the_documented_rule_and_back_restores_the_time(Transition at) {
		String id = create(at.local.minusDays(1).toString(), at.zone).get("id").asString();
		UiSession browser = UiSession.signedIn(this.api.base(), this.tenant.email(), this.tenant.password());
		browser.get("/calendar?date=" + at.local.toLocalDate());

		HttpResponse<String> onto = browser.post("/calendar/reschedule",
				Map.of("post", id, "date", at.local.toLocalDate().toString()), true);
		assertThat(onto.statusCode()).as(onto.body()).isEqualTo(200);
		assertThat(onto.body()).contains(", " + at.goesOutAt + " " + at.zone);
		if (at.gap()) {
			assertThat(onto.body()).contains("(" + at.local.toLocalTime() + " does not exist that day)");
		}
		assertSchedule(read(id), at.instant, at.local, at.zone);

		HttpResponse<String> back = browser.post("/calendar/reschedule",
				Map.of("post", id, "date", at.local.toLocalDate().minusDays(1).toString()), true);
		assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
		assertSchedule(read(id), at.dayBefore(), at.local.minusDays(1), at.zone);
	}

	private JsonNode create(String local, String zone) {
		Api.Response created = this.api.post("/api/v1/posts")
			.token(this.tenant.token())
			.json(Map.of("text", "At " + local + " in " + zone, "scheduledAt", local, "timeZone", zone, "targets",
					List.of(Map.of("accountId", this.account))))
			.send();
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json();
	}

	private JsonNode patch(JsonNode post, Map<String, String> changes) {
		Api.Response patched = this.api.call("PATCH", "/api/v1/posts/" + post.get("id").asString())
			.token(this.tenant.token())
			.header("If-Match", "\"" + post.get("version").asLong() + "\"")
			.json(changes)
			.send();
		assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
		return patched.json();
	}

	private JsonNode read(String id) {
		return this.api.get("/api/v1/posts/" + id).token(this.tenant.token()).send().json();
	}

	/** The instant, the zone and the wall-clock time entered, as docs/api.md promises. */
	private static void assertSchedule(JsonNode post, Instant instant, LocalDateTime entered, String zone) {
		assertThat(Instant.parse(post.get("scheduledAt").asString())).as(post.toString()).isEqualTo(instant);
		assertThat(Instant.parse(post.get("targets").get(0).get("dueAt").asString())).isEqualTo(instant);
		assertThat(post.get("timeZone").asString()).isEqualTo(zone);
		assertThat(LocalDateTime.parse(post.get("localScheduledAt").asString())).isEqualTo(entered);
	}

}
