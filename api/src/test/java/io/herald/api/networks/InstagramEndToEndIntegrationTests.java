package io.herald.api.networks;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.herald.api.support.Fixtures.Tenant;
import io.herald.drivers.instagram.FakeGraphApi;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7: an Instagram account connected through Herald's OAuth flow and posted to
 * through the REST API, against a fake Graph API that downloads the image from Herald's
 * signed public media link and checks the bytes as Instagram does.
 */
class InstagramEndToEndIntegrationTests extends NetworkEndToEndIntegrationTest {

	@Test
	void an_account_connected_through_oauth_gets_the_photo_from_heralds_media_link_exactly_once() {
		FakeGraphApi graph = servers().instagram;
		FakeGraphApi.Account user = graph.createAccount("herald_e2e_" + UUID.randomUUID().toString().substring(0, 8));
		Tenant tenant = this.fixtures.tenant(this.api);

		URI authorization = startOAuth(tenant, "instagram");
		String state = query(authorization).get("state");
		assertThat(state).isNotBlank();
		JsonNode account = finishOAuth(tenant, "instagram", graph.authorize(user), state);
		assertThat(account.get("network").asString()).isEqualTo("instagram");
		assertThat(account.get("remoteUserId").asString()).isEqualTo(user.userId);
		assertThat(account.get("handle").asString()).isEqualTo(user.username);

		String caption = "Hello from Herald " + UUID.randomUUID();
		String asset = uploadJpeg(tenant, 640, 640, "A white circle on red");
		JsonNode target = awaitPublished(tenant, publishNow(tenant, account.get("id").asString(), caption, asset));

		List<FakeGraphApi.Post> posts = graph.postsWithCaption(caption);
		assertThat(posts).hasSize(1);
		FakeGraphApi.Post post = posts.get(0);
		assertThat(post.userId).isEqualTo(user.userId);
		assertThat(post.mediaType).isEqualTo("IMAGE");
		assertThat(graph.altTexts(post)).containsExactly("A white circle on red");
		assertThat(target.get("remoteId").asString()).isEqualTo(post.id);
		assertThat(target.get("remoteUrl").asString()).isEqualTo(post.permalink());
		assertThat(graph.posts(user)).hasSize(1);
	}

	@Test
	void a_png_upload_reaches_instagram_as_a_jpeg_copy_exactly_once() {
		FakeGraphApi graph = servers().instagram;
		FakeGraphApi.Account user = graph.createAccount("herald_png_" + UUID.randomUUID().toString().substring(0, 8));
		Tenant tenant = this.fixtures.tenant(this.api);
		String state = query(startOAuth(tenant, "instagram")).get("state");
		JsonNode account = finishOAuth(tenant, "instagram", graph.authorize(user), state);

		String caption = "A PNG for Instagram " + UUID.randomUUID();
		String asset = uploadImage(tenant, 800, 800, "A white circle on red", "png");
		JsonNode target = awaitPublished(tenant, publishNow(tenant, account.get("id").asString(), caption, asset));

		// the fake decodes what it downloads and refuses anything but JPEG (2207005)
		assertThat(graph.postsWithCaption(caption)).singleElement()
			.satisfies((post) -> assertThat(target.get("remoteId").asString()).isEqualTo(post.id));
		assertThat(graph.posts(user)).hasSize(1);
	}

}
