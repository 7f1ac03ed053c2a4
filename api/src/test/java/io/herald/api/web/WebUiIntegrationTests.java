package io.herald.api.web;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.herald.api.support.Api;
import io.herald.api.support.ApiIntegrationTest;
import io.herald.api.support.Fixtures.Tenant;
import io.herald.api.support.TestOAuthNetwork;
import io.herald.api.users.UserService;
import io.herald.core.workspaces.Role;
import io.herald.core.workspaces.Workspace;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class WebUiIntegrationTests extends ApiIntegrationTest {

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private TestOAuthNetwork oauth;

	@Autowired
	private UserService users;

	private static final String SCRIPT = "<script>alert(1)</script>";

	private static final String ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;";

	@Test
	void the_login_page_is_ours_with_labelled_fields_and_a_csrf_token() {
		UiSession browser = new UiSession(this.api.base());
		HttpResponse<String> page = browser.get("/login");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Sign in to Herald")
			.contains("<label for=\"username\">Email</label>")
			.contains("<label for=\"password\">Password</label>")
			.contains("name=\"_csrf\"");
	}

	@Test
	void a_wrong_password_shows_an_error_on_the_login_page() {
		Tenant tenant = this.fixtures.tenant(this.api);
		UiSession browser = new UiSession(this.api.base());
		browser.get("/login");
		HttpResponse<String> login = browser.post("/login",
				Map.of("username", tenant.email(), "password", "not-the-password"), true);
		assertThat(login.headers().firstValue("Location"))
			.hasValueSatisfying((l) -> assertThat(l).endsWith("/login?error"));
		assertThat(browser.get("/login?error").body()).contains("Wrong email or password.");
	}

	@Test
	void pages_need_a_session_and_send_browsers_to_the_login_page() {
		HttpResponse<String> page = new UiSession(this.api.base()).get("/compose");
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location")).hasValueSatisfying((l) -> assertThat(l).endsWith("/login"));
	}

	@Test
	void ui_forms_refuse_posts_without_the_csrf_token_with_a_friendly_page() {
		Tenant tenant = this.fixtures.tenant(this.api);
		UiSession browser = UiSession.signedIn(this.api.base(), tenant.email(), tenant.password());
		browser.get("/accounts");
		HttpResponse<String> forged = browser.post("/accounts/connect",
				Map.of("network", "sandbox", "identifier", "forged"), false);
		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(forged.body()).contains("You can&#39;t do that here").doesNotContain("Exception");
		assertThat(this.api.get("/api/v1/accounts").token(tenant.token()).send().json()).isEmpty();

		HttpResponse<String> genuine = browser.post("/accounts/connect",
				Map.of("network", "sandbox", "identifier", "genuine"), true);
		assertThat(genuine.statusCode()).isEqualTo(302);
		assertThat(browser.get("/accounts").body()).contains("genuine").contains("Connected genuine on sandbox.");
	}

	@Test
	void a_viewer_cannot_compose_or_connect() {
		Tenant owner = this.fixtures.tenant(this.api);
		Tenant viewer = this.fixtures.member(this.api, owner, Role.VIEWER);
		UiSession browser = UiSession.signedIn(this.api.base(), viewer.email(), viewer.password());
		HttpResponse<String> compose = browser.get("/compose");
		assertThat(compose.statusCode()).isEqualTo(403);
		assertThat(compose.body()).contains("You can&#39;t do that here").contains("EDITOR").contains("Sign out");
		browser.get("/posts");
		HttpResponse<String> submit = browser.post("/compose", Map.of("text", "hi", "action", "draft"), true);
		assertThat(submit.statusCode()).isEqualTo(403);
		assertThat(
				browser.post("/accounts/connect", Map.of("network", "sandbox", "identifier", "v"), true).statusCode())
			.isEqualTo(403);
		assertThat(browser.get("/posts").body()).doesNotContain("New post");
	}

	@Test
	void every_page_escapes_user_text() {
		Tenant tenant = this.fixtures.tenant(this.api);
		String accountId = this.api.post("/api/v1/accounts")
			.token(tenant.token())
			.json("{\"network\":\"sandbox\",\"identifier\":\"acme\"}")
			.send()
			.json()
			.get("id")
			.asString();
		Api.Response created = this.api.post("/api/v1/posts")
			.token(tenant.token())
			.json(Map.of("text", SCRIPT, "parts", List.of(Map.of("text", SCRIPT)), "targets",
					List.of(Map.of("accountId", accountId, "text", SCRIPT + " variant")), "scheduledAt",
					"2028-05-01T09:30", "timeZone", "Europe/Berlin"))
			.send();
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		String postId = created.json().get("id").asString();
		this.jdbc.update(
				"INSERT INTO asset (id, workspace_id, object_key, content_type, bytes, alt_text, original_filename,"
						+ " status) VALUES (?, ?, ?, 'image/png', 2048, ?, ?, 'READY')",
				UUID.randomUUID(), tenant.workspaceId(), "test/" + UUID.randomUUID(), SCRIPT + " alt", SCRIPT + ".png");
		UUID assetId = this.jdbc.queryForObject("SELECT id FROM asset WHERE workspace_id = ?", UUID.class,
				tenant.workspaceId());
		this.jdbc.update(
				"INSERT INTO post_asset (post_id, position, asset_id, workspace_id, alt_text)"
						+ " VALUES (?, 0, ?, ?, ?)",
				UUID.fromString(postId), assetId, tenant.workspaceId(), SCRIPT + " media");
		UiSession browser = UiSession.signedIn(this.api.base(), tenant.email(), tenant.password());
		assertThat(browser.get("/media-library").body()).contains(ESCAPED + " alt").contains(ESCAPED + ".png");
		assertThat(browser.get("/posts/" + postId).body()).contains(ESCAPED + " media");
		for (String page : List.of("/media-library", "/posts", "/posts?q=alert", "/posts/" + postId,
				"/posts/" + postId + "/status", "/calendar?date=2028-05-01", "/calendar?view=week&date=2028-05-01",
				"/accounts", "/compose")) {
			HttpResponse<String> response = browser.get(page);
			assertThat(response.statusCode()).as(page).isEqualTo(200);
			assertThat(response.body()).as(page).doesNotContain(SCRIPT);
		}
		assertThat(browser.get("/posts/" + postId).body()).contains(ESCAPED).contains(ESCAPED + " variant");
		assertThat(browser.get("/posts").body()).contains(ESCAPED);
		HttpResponse<String> check = browser.postAll("/compose/check", List.of(Map.entry("text", SCRIPT),
				Map.entry("account", accountId), Map.entry("variant-" + accountId, SCRIPT + "!")), true);
		assertThat(check.body()).doesNotContain(SCRIPT).contains(ESCAPED + "!");
	}

	@Test
	void compose_schedules_a_post_with_a_variant_and_shows_it() {
		Tenant tenant = this.fixtures.tenant(this.api);
		String accountId = this.api.post("/api/v1/accounts")
			.token(tenant.token())
			.json("{\"network\":\"sandbox\",\"identifier\":\"composer\"}")
			.send()
			.json()
			.get("id")
			.asString();
		UiSession browser = UiSession.signedIn(this.api.base(), tenant.email(), tenant.password());
		assertThat(browser.get("/compose").body()).contains("composer").contains("Europe/Berlin (workspace)");
		HttpResponse<String> check = browser.postAll("/compose/check",
				List.of(Map.entry("text", "x".repeat(501)), Map.entry("account", accountId)), true);
		assertThat(check.body()).contains("501 / 500").contains("the limit is 500");

		HttpResponse<String> created = browser.postAll("/compose",
				List.of(Map.entry("text", "Base text"), Map.entry("account", accountId),
						Map.entry("variant-" + accountId, "Sandbox text"), Map.entry("part", "Second part"),
						Map.entry("when", "2028-05-01T09:30"), Map.entry("zone", "Europe/Berlin"),
						Map.entry("action", "schedule")),
				true);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
		String location = created.headers().firstValue("Location").orElseThrow();
		String detail = browser.get(location.replaceFirst("^https?://[^/]+", "")).body();
		assertThat(detail).contains("Base text")
			.contains("Sandbox text")
			.contains("Second part")
			.contains("Mon 1 May 2028, 09:30")
			.contains("Europe/Berlin")
			.contains("Scheduled");
		assertThat(browser.get("/calendar?date=2028-05-01").body()).contains("09:30 composer");
	}

	@Test
	void a_refused_post_shows_the_form_again_with_the_reason() {
		Tenant tenant = this.fixtures.tenant(this.api);
		String accountId = this.api.post("/api/v1/accounts")
			.token(tenant.token())
			.json("{\"network\":\"sandbox\",\"identifier\":\"late\"}")
			.send()
			.json()
			.get("id")
			.asString();
		UiSession browser = UiSession.signedIn(this.api.base(), tenant.email(), tenant.password());
		browser.get("/compose");
		HttpResponse<String> refused = browser.postAll("/compose",
				List.of(Map.entry("text", "Too late"), Map.entry("account", accountId),
						Map.entry("when", "2001-01-01T09:00"), Map.entry("zone", "Europe/Berlin"),
						Map.entry("action", "schedule")),
				true);
		assertThat(refused.statusCode()).isEqualTo(422);
		assertThat(refused.body()).contains("in the past").contains("Too late").contains("2001-01-01T09:00");
	}

	@Test
	void unknown_posts_get_a_friendly_not_found_page() {
		Tenant tenant = this.fixtures.tenant(this.api);
		UiSession browser = UiSession.signedIn(this.api.base(), tenant.email(), tenant.password());
		HttpResponse<String> page = browser.get("/posts/00000000-0000-0000-0000-000000000000");
		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(page.body()).contains("We couldn&#39;t find that page").contains("Back to your posts");
	}

	@Test
	void an_account_that_needs_reconnecting_offers_reconnect_and_can_be_disconnected() {
		Tenant tenant = this.fixtures.tenant(this.api);
		String accountId = this.api.post("/api/v1/accounts")
			.token(tenant.token())
			.json("{\"network\":\"sandbox\",\"identifier\":\"revoked\"}")
			.send()
			.json()
			.get("id")
			.asString();
		this.jdbc.update("UPDATE account SET status = 'NEEDS_RECONNECT', status_reason = 'The grant was revoked.'"
				+ " WHERE id = ?", UUID.fromString(accountId));
		UiSession browser = UiSession.signedIn(this.api.base(), tenant.email(), tenant.password());
		String page = browser.get("/accounts").body();
		assertThat(page).contains("Needs reconnect")
			.contains("The grant was revoked.")
			.contains(">Reconnect</a>")
			.contains("reconnect=sandbox");
		assertThat(browser.get("/compose").body()).contains("needs reconnect");

		HttpResponse<String> disconnected = browser.post("/accounts/" + accountId + "/disconnect", Map.of(), true);
		assertThat(disconnected.statusCode()).isEqualTo(302);
		assertThat(browser.get("/accounts").body()).contains("Disconnected.").contains("No accounts yet.");
	}

	@Test
	void a_scheduled_post_can_be_canceled_from_its_page() {
		Tenant tenant = this.fixtures.tenant(this.api);
		String accountId = this.api.post("/api/v1/accounts")
			.token(tenant.token())
			.json("{\"network\":\"sandbox\",\"identifier\":\"cancel\"}")
			.send()
			.json()
			.get("id")
			.asString();
		String postId = this.api.post("/api/v1/posts")
			.token(tenant.token())
			.json(Map.of("text", "Maybe not", "targets", List.of(Map.of("accountId", accountId)), "scheduledAt",
					"2028-05-01T09:30", "timeZone", "Europe/Berlin"))
			.send()
			.json()
			.get("id")
			.asString();
		UiSession browser = UiSession.signedIn(this.api.base(), tenant.email(), tenant.password());
		assertThat(browser.get("/posts/" + postId).body()).contains("Cancel post").contains("every 3s");
		HttpResponse<String> canceled = browser.post("/posts/" + postId + "/cancel", Map.of(), true);
		assertThat(canceled.statusCode()).isEqualTo(302);
		String page = browser.get("/posts/" + postId).body();
		assertThat(page).contains("Canceled.").doesNotContain("Cancel post").doesNotContain("every 3s");
		assertThat(this.api.get("/api/v1/posts/" + postId).token(tenant.token()).send().json().get("status").asString())
			.isEqualTo("CANCELED");
	}

	@Test
	void connecting_an_oauth_account_goes_to_the_network_and_comes_back_to_the_accounts_page() {
		Tenant tenant = this.fixtures.tenant(this.api);
		UiSession browser = UiSession.signedIn(this.api.base(), tenant.email(), tenant.password());
		assertThat(browser.get("/accounts").body()).contains("/accounts/oauth/oauthtest");
		HttpResponse<String> start = browser.get("/accounts/oauth/oauthtest");
		assertThat(start.statusCode()).isEqualTo(302);
		URI authorize = URI.create(start.headers().firstValue("Location").orElseThrow());
		assertThat(authorize.getHost()).isEqualTo("auth.oauthtest.invalid");
		Map<String, String> query = new java.util.HashMap<>();
		for (String pair : authorize.getQuery().split("&")) {
			String[] kv = pair.split("=", 2);
			query.put(kv[0], kv[1]);
		}
		String code = this.oauth.approve(query.get("code_challenge"));
		HttpResponse<String> back = browser
			.get("/connect/oauthtest/callback?code=" + code + "&state=" + query.get("state"));
		assertThat(back.statusCode()).isEqualTo(303);
		String location = back.headers().firstValue("Location").orElseThrow();
		assertThat(location).contains("/accounts?connected=");
		assertThat(browser.get(location.replaceFirst("^https?://[^/]+", "")).body())
			.contains("Connected oauth-user on oauthtest.");
	}

	@Test
	void an_oauth_connection_that_cannot_start_explains_itself_on_the_accounts_page() {
		// The shared test context configures X and Instagram apps, so use a network that
		// is not installed.
		Tenant tenant = this.fixtures.tenant(this.api);
		UiSession browser = UiSession.signedIn(this.api.base(), tenant.email(), tenant.password());
		HttpResponse<String> start = browser.get("/accounts/oauth/mastodon");
		assertThat(start.statusCode()).isEqualTo(302);
		assertThat(start.headers().firstValue("Location"))
			.hasValueSatisfying((l) -> assertThat(l).endsWith("/accounts"));
		String page = browser.get("/accounts").body();
		assertThat(page).contains("class=\"alert error\"").doesNotContain("Exception");
	}

	@Test
	void a_member_of_two_workspaces_switches_between_them() {
		Tenant tenant = this.fixtures.tenant(this.api);
		Workspace second = this.users.createWorkspace(tenant.userId(), "Second brand", "America/New_York");
		Tenant stranger = this.fixtures.tenant(this.api);
		UiSession browser = UiSession.signedIn(this.api.base(), tenant.email(), tenant.password());
		String page = browser.get("/posts").body();
		assertThat(page).contains("id=\"workspace-switch\"").contains("Second brand");
		HttpResponse<String> switched = browser.post("/workspace", Map.of("workspace", second.getId().toString()),
				true);
		assertThat(switched.statusCode()).isEqualTo(302);
		assertThat(browser.get("/calendar").body()).contains("America/New_York");
		HttpResponse<String> foreign = browser.post("/workspace",
				Map.of("workspace", stranger.workspaceId().toString()), true);
		assertThat(foreign.statusCode()).isEqualTo(403);
	}

	@Test
	void dragging_a_post_to_another_day_keeps_its_time_and_refuses_the_past() {
		Tenant tenant = this.fixtures.tenant(this.api);
		String accountId = this.api.post("/api/v1/accounts")
			.token(tenant.token())
			.json("{\"network\":\"sandbox\",\"identifier\":\"mover\"}")
			.send()
			.json()
			.get("id")
			.asString();
		String postId = this.api.post("/api/v1/posts")
			.token(tenant.token())
			.json(Map.of("text", "Move me", "targets", List.of(Map.of("accountId", accountId)), "scheduledAt",
					"2028-05-01T09:30", "timeZone", "Europe/Berlin"))
			.send()
			.json()
			.get("id")
			.asString();
		UiSession browser = UiSession.signedIn(this.api.base(), tenant.email(), tenant.password());
		assertThat(browser.get("/calendar?date=2028-05-01").body()).contains("draggable=\"true\"");
		HttpResponse<String> moved = browser.post("/calendar/reschedule", Map.of("post", postId, "date", "2028-05-03"),
				true);
		assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
		assertThat(moved.body()).contains("Wed 3 May, 09:30 Europe/Berlin");
		assertThat(this.api.get("/api/v1/posts/" + postId)
			.token(tenant.token())
			.send()
			.json()
			.get("scheduledAt")
			.asString()).isEqualTo("2028-05-03T07:30:00Z");
		HttpResponse<String> past = browser.post("/calendar/reschedule", Map.of("post", postId, "date", "2001-05-03"),
				true);
		assertThat(past.statusCode()).isEqualTo(422);
		assertThat(past.body()).contains("in the past");
	}

}
