package io.herald.api.networks;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

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

}
