package io.herald.drivers.instagram;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fake Graph API is called directly here, without the driver, to show that it refuses
 * what Meta documents as refused: if it did not, the driver's own checks could be wrong
 * and every test would still pass.
 */
@ExtendWith(FakeInstagram.Extension.class)
class FakeGraphApiTests {

	private final OkHttpClient client = new OkHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void refuses_a_parameter_meta_does_not_document(FakeInstagram ig) throws Exception {
		FakeGraphApi.Account account = ig.newAccount();
		Map<String, String> params = imageParams(ig, 1080, 1350);
		params.put("alt_txt", "a misspelt parameter name");

		JsonNode error = createMedia(ig, account, params);

		assertThat(error.path("code").asInt()).isEqualTo(100);
		assertThat(error.path("message").asString()).contains("alt_txt").contains("not a valid parameter");
		assertThat(ig.graph.containers(account)).isEmpty();
	}

	@Test
	void refuses_an_unknown_parameter_on_media_publish(FakeInstagram ig) throws Exception {
		FakeGraphApi.Account account = ig.newAccount();
		String containerId = createMedia(ig, account, imageParams(ig, 1080, 1080)).path("id").asString();

		JsonNode error = post(ig, account.userId + "/media_publish", Map.of("creation_id", containerId, "caption",
				"belongs on the container", "access_token", account.token));

		assertThat(error.path("code").asInt()).isEqualTo(100);
		assertThat(ig.graph.posts(account)).isEmpty();
	}

	@Test
	void accepts_every_parameter_the_driver_sends_for_a_single_image(FakeInstagram ig) throws Exception {
		FakeGraphApi.Account account = ig.newAccount();
		Map<String, String> params = imageParams(ig, 1080, 1350);
		params.put("caption", "A lighthouse #dusk @friend");
		params.put("alt_text", "A lighthouse");

		assertThat(createMedia(ig, account, params).path("id").asString()).isNotEmpty();
	}

	@Test
	void refuses_a_caption_longer_than_2200_characters(FakeInstagram ig) throws Exception {
		FakeGraphApi.Account account = ig.newAccount();
		Map<String, String> params = imageParams(ig, 1080, 1350);
		params.put("caption", "é".repeat(2200));
		assertThat(createMedia(ig, account, params).has("id")).isTrue();

		params.put("caption", "é".repeat(2201));
		assertThat(createMedia(ig, account, params).path("error_subcode").asInt()).isEqualTo(2207010);
	}

	@Test
	void refuses_more_than_30_hashtags(FakeInstagram ig) throws Exception {
		FakeGraphApi.Account account = ig.newAccount();
		Map<String, String> params = imageParams(ig, 1080, 1350);
		params.put("caption", tags("#tag", 30));
		assertThat(createMedia(ig, account, params).has("id")).isTrue();

		params.put("caption", tags("#tag", 31));
		assertThat(createMedia(ig, account, params).path("message").asString()).contains("hashtags");
	}

	@Test
	void refuses_more_than_20_mentions(FakeInstagram ig) throws Exception {
		FakeGraphApi.Account account = ig.newAccount();
		Map<String, String> params = imageParams(ig, 1080, 1350);
		params.put("caption", tags("@user", 20));
		assertThat(createMedia(ig, account, params).has("id")).isTrue();

		params.put("caption", tags("@user", 21));
		assertThat(createMedia(ig, account, params).path("message").asString()).contains("mentions");
	}

	@Test
	void refuses_a_png_image_even_when_served_as_jpeg(FakeInstagram ig) throws Exception {
		FakeGraphApi.Account account = ig.newAccount();
		for (String name : new String[] { "plain.png", "labelled.png" }) {
			String url = (name.startsWith("plain") ? ig.media.png(name, 1080, 1080)
					: ig.media.pngLabelledJpeg(name, 1080, 1080))
				.publicUrl()
				.toString();
			Map<String, String> params = new LinkedHashMap<>(Map.of("image_url", url));

			assertThat(createMedia(ig, account, params).path("error_subcode").asInt()).as(name).isEqualTo(2207005);
		}
	}

	@Test
	void refuses_images_outside_4_to_5_and_1_91_to_1(FakeInstagram ig) throws Exception {
		FakeGraphApi.Account account = ig.newAccount();
		assertThat(createMedia(ig, account, imageParams(ig, 800, 1000)).has("id")).isTrue();
		assertThat(createMedia(ig, account, imageParams(ig, 1910, 1000)).has("id")).isTrue();

		assertThat(createMedia(ig, account, imageParams(ig, 790, 1000)).path("error_subcode").asInt())
			.isEqualTo(2207009);
		assertThat(createMedia(ig, account, imageParams(ig, 1920, 1000)).path("error_subcode").asInt())
			.isEqualTo(2207009);
	}

	@Test
	void borrows_none_of_the_drivers_rules() throws Exception {
		Pattern rules = Pattern.compile(
				"\\b(InstagramRules|GraphErrors|RecentMedia|PublishingLimit|PublishToken|InstagramBackend|GraphClient|InstagramProperties)\\b");
		// Comments may name the driver's rules to say why they are not used.
		String source = Files.readString(Path.of("src/test/java/io/herald/drivers/instagram/FakeGraphApi.java"))
			.replaceAll("(?s)/\\*.*?\\*/", "")
			.replaceAll("//[^\\n]*", "");
		assertThat(rules.matcher(source).results().map(MatchResult::group).toList()).isEmpty();
	}

	private static Map<String, String> imageParams(FakeInstagram ig, int width, int height) {
		String name = "fake-" + width + "x" + height + "-" + System.nanoTime() + ".jpg";
		return new LinkedHashMap<>(Map.of("image_url", ig.media.jpeg(name, width, height).publicUrl().toString()));
	}

	private static String tags(String prefix, int count) {
		StringBuilder caption = new StringBuilder("Tagged");
		for (int i = 0; i < count; i++) {
			caption.append(' ').append(prefix).append(i);
		}
		return caption.toString();
	}

	/** The new container, or the Graph error object. */
	private JsonNode createMedia(FakeInstagram ig, FakeGraphApi.Account account, Map<String, String> params)
			throws Exception {
		Map<String, String> withToken = new LinkedHashMap<>(params);
		withToken.put("access_token", account.token);
		return post(ig, account.userId + "/media", withToken);
	}

	private JsonNode post(FakeInstagram ig, String path, Map<String, String> params) throws Exception {
		FormBody.Builder form = new FormBody.Builder();
		params.forEach(form::add);
		Request request = new Request.Builder().url(ig.graph.baseUrl().resolve("/v23.0/" + path).toString())
			.post(form.build())
			.build();
		try (Response response = this.client.newCall(request).execute()) {
			JsonNode body = this.json.readTree(response.body().string());
			return body.has("error") ? body.path("error") : body;
		}
	}

}
