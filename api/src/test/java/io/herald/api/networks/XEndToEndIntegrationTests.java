package io.herald.api.networks;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.herald.api.support.Api;
import io.herald.api.support.Fixtures.Tenant;
import io.herald.drivers.x.FakeXServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6: an X account connected through Herald's OAuth flow (state and PKCE) and posted
 * to through the REST API, against a fake X that checks every request and response
 * against X's OpenAPI document.
 */
class XEndToEndIntegrationTests extends NetworkEndToEndIntegrationTest {

	@AfterEach
	void everything_herald_sent_x_matches_the_openapi_document() {
		assertThat(servers().x.takeViolations()).as("requests and responses the X OpenAPI document rejects").isEmpty();
	}

	@Test
	void an_account_connected_through_oauth_gets_the_post_with_its_image_exactly_once() {
		FakeXServer x = servers().x;
		Tenant tenant = this.fixtures.tenant(this.api);
		String username = "herald_e2e_" + UUID.randomUUID().toString().substring(0, 8);

		URI authorization = startOAuth(tenant, "x");
		assertThat(query(authorization).get("redirect_uri")).isEqualTo(java.net.URLEncoder
			.encode(servers().heraldUrl() + "/connect/x/callback", java.nio.charset.StandardCharsets.UTF_8));
		FakeXServer.Callback approved = x.approve(authorization, username);
		JsonNode account = finishOAuth(tenant, "x", approved.code(), approved.state());
		assertThat(account.get("network").asString()).isEqualTo("x");
		assertThat(account.get("handle").asString()).isEqualTo(username);
		String userId = account.get("remoteUserId").asString();

		String text = "Hello from Herald " + UUID.randomUUID();
		String asset = uploadJpeg(tenant, 300, 200, "A white circle on red");
		JsonNode target = awaitPublished(tenant, publishNow(tenant, account.get("id").asString(), text, asset));

		List<FakeXServer.Post> posts = x.posts(userId);
		assertThat(posts).hasSize(1);
		FakeXServer.Post post = posts.get(0);
		assertThat(post.sentText()).isEqualTo(text);
		assertThat(target.get("remoteId").asString()).isEqualTo(post.id());
		assertThat(target.get("remoteUrl").asString()).endsWith("/status/" + post.id());
		assertThat(post.mediaIds()).hasSize(1);
		FakeXServer.Media media = x.media(post.mediaIds().get(0));
		assertThat(media.category()).isEqualTo("tweet_image");
		assertThat(media.altText()).isEqualTo("A white circle on red");
	}

	/*
	 * Error mapping end to end, driven from the network side: X answers with its own
	 * statuses, headers and bodies, the real driver maps them and the real engine acts.
	 * No test here hands the engine an ErrorKind.
	 */

	@Test
	void a_429_with_x_rate_limit_headers_puts_the_target_back_until_the_reset_without_posting() {
		Tenant tenant = this.fixtures.tenant(this.api);
		JsonNode account = connect(tenant);
		Instant reset = Instant.now().plus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.SECONDS);
		servers().x.inject(new FakeXServer.Fault("POST", "/2/tweets", FakeXServer.Fault.Kind.RATE_LIMITED, reset,
				"Too Many Requests"));

		JsonNode target = awaitTarget(tenant, publishNow(tenant, account, "Rate limited " + UUID.randomUUID()),
				(t) -> "RATE_LIMITED".equals(t.path("lastErrorKind").asString(null)));

		assertThat(target.get("status").asString()).isEqualTo("SCHEDULED");
		assertThat(Instant.parse(target.get("nextAttemptAt").asString())).isEqualTo(reset);
		assertThat(target.get("lastError").asString()).contains("Too Many Requests");
		assertThat(servers().x.posts(account.get("remoteUserId").asString())).isEmpty();
	}

	@Test
	void a_401_from_x_makes_herald_refresh_the_session_and_post_once() {
		Tenant tenant = this.fixtures.tenant(this.api);
		JsonNode account = connect(tenant);
		servers().x.inject(FakeXServer.Fault.of("POST", "/2/tweets", FakeXServer.Fault.Kind.UNAUTHORIZED));
		int tokenCalls = tokenCalls();

		awaitPublished(tenant, publishNow(tenant, account, "After a refresh " + UUID.randomUUID()));

		assertThat(servers().x.posts(account.get("remoteUserId").asString())).hasSize(1);
		assertThat(tokenCalls()).as("token requests sent to X (the fault is one-shot: only a refresh proves it)")
			.isGreaterThan(tokenCalls);
	}

	@Test
	void a_403_for_a_suspended_account_fails_the_target_and_asks_for_a_reconnect() {
		Tenant tenant = this.fixtures.tenant(this.api);
		JsonNode account = connect(tenant);
		servers().x.suspend(account.get("remoteUserId").asString());

		JsonNode target = awaitTarget(tenant, publishNow(tenant, account, "Suspended " + UUID.randomUUID()),
				(t) -> t.get("status").asString().equals("FAILED"));

		assertThat(target.get("lastErrorKind").asString()).isEqualTo("AUTH_REVOKED");
		JsonNode after = this.api.get("/api/v1/accounts/" + account.get("id").asString())
			.token(tenant.token())
			.send()
			.json();
		assertThat(after.get("status").asString()).isEqualTo("NEEDS_RECONNECT");
	}

	private JsonNode connect(Tenant tenant) {
		URI authorization = startOAuth(tenant, "x");
		FakeXServer.Callback approved = servers().x.approve(authorization,
				"herald_err_" + UUID.randomUUID().toString().substring(0, 8));
		return finishOAuth(tenant, "x", approved.code(), approved.state());
	}

	private String publishNow(Tenant tenant, JsonNode account, String text) {
		Map<String, Object> post = Map.of("text", text, "publishNow", true, "targets",
				List.of(Map.of("accountId", account.get("id").asString())));
		Api.Response created = this.api.post("/api/v1/posts").token(tenant.token()).json(post).send();
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.header("Location");
	}

	private int tokenCalls() {
		return (int) servers().x.requests().stream().filter((line) -> line.startsWith("POST /2/oauth2/token")).count();
	}

}
