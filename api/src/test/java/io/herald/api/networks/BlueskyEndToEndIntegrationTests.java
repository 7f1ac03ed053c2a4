package io.herald.api.networks;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import io.herald.api.support.Api;
import io.herald.api.support.Fixtures.Tenant;
import io.herald.drivers.bluesky.LocalPds;
import io.herald.drivers.bluesky.LocalPdsExtension;
import io.herald.drivers.bluesky.PdsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 5: a Bluesky account connected through the REST API, a post with an image
 * published by the engine, read back from a real AT Protocol PDS without Herald.
 */
@ExtendWith(LocalPdsExtension.class)
class BlueskyEndToEndIntegrationTests extends NetworkEndToEndIntegrationTest {

	@Test
	void a_post_reaches_the_accounts_pds_exactly_once_with_its_image_and_alt_text() throws Exception {
		PdsClient pds = new PdsClient(LocalPds.get().url());
		PdsClient.Account user = pds.createAccount("herald-e2e");
		Tenant tenant = this.fixtures.tenant(this.api);

		Api.Response connected = this.api.post("/api/v1/accounts")
			.token(tenant.token())
			.json(Map.of("network", "bluesky", "identifier", user.handle(), "secret", user.password(), "serviceUrl",
					pds.url().toString()))
			.send();
		assertThat(connected.status()).as(connected.toString()).isEqualTo(201);
		assertThat(connected.json().get("remoteUserId").asString()).isEqualTo(user.did());
		assertThat(connected.json().get("handle").asString()).isEqualTo(user.handle());
		assertThat(connected.body()).doesNotContain(user.password());

		String text = "Hello from Herald 🦋 " + UUID.randomUUID();
		String asset = uploadJpeg(tenant, 300, 200, "A white circle on red");
		JsonNode target = awaitPublished(tenant,
				publishNow(tenant, connected.json().get("id").asString(), text, asset));

		String uri = target.get("remoteId").asString();
		assertThat(uri).startsWith("at://" + user.did() + "/app.bsky.feed.post/");
		assertThat(target.get("remoteUrl").asString()).startsWith("https://bsky.app/profile/");
		JsonNode record = pds.getRecord(uri).path("value");
		assertThat(record.path("text").asString()).isEqualTo(text);
		JsonNode images = record.path("embed").path("images");
		assertThat(images).hasSize(1);
		assertThat(images.get(0).path("alt").asString()).isEqualTo("A white circle on red");
		String cid = images.get(0).path("image").path("ref").path("$link").asString();
		assertThat(pds.getBlob(user.did(), cid)).isNotEmpty();
		List<JsonNode> posts = pds.listRecords(user.did(), "app.bsky.feed.post");
		assertThat(posts).filteredOn((post) -> post.path("value").path("text").asString().equals(text)).hasSize(1);
	}

}
