package io.herald.drivers.x;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import io.herald.drivers.spi.AccountSession;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** The fake is only as good as its checks: requests the X document forbids are caught. */
@ExtendWith(FakeXExtension.class)
class FakeXServerIntegrationTests {

	private final FakeXServer fake;

	private final OkHttpClient client = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(10)).build();

	FakeXServerIntegrationTests(FakeXServer fake) {
		this.fake = fake;
	}

	@Test
	void a_post_body_with_a_field_x_does_not_know_is_a_violation() throws Exception {
		assertThat(post("/2/tweets", "{\"text\":\"hi\",\"txt\":\"typo\"}")).isEqualTo(400);
		assertThat(this.fake.takeViolations()).singleElement().asString().contains("additionalProperties", "txt");
	}

	@Test
	void a_media_id_that_is_not_numeric_is_a_violation() throws Exception {
		assertThat(post("/2/tweets", "{\"text\":\"hi\",\"media\":{\"media_ids\":[\"abc\"]}}")).isEqualTo(400);
		assertThat(this.fake.takeViolations()).isNotEmpty().first().asString().contains("media_ids");
	}

	@Test
	void an_operation_the_driver_has_no_business_calling_is_a_violation() throws Exception {
		Request request = new Request.Builder().url(this.fake.baseUrl().resolve("/2/tweets/123").toString())
			.header("Authorization", "Bearer " + session().accessToken())
			.delete()
			.build();
		try (Response response = this.client.newCall(request).execute()) {
			assertThat(response.code()).isEqualTo(400);
		}
		assertThat(this.fake.takeViolations()).isNotEmpty();
	}

	@Test
	void an_unexpected_query_parameter_is_a_violation() throws Exception {
		Request request = new Request.Builder()
			.url(this.fake.baseUrl().resolve("/2/users/me?tweet.fields=text").toString())
			.header("Authorization", "Bearer " + session().accessToken())
			.build();
		try (Response response = this.client.newCall(request).execute()) {
			assertThat(response.code()).isEqualTo(400);
		}
		assertThat(this.fake.takeViolations()).singleElement().asString().contains("tweet.fields");
	}

	@Test
	void a_spec_valid_request_passes() throws Exception {
		assertThat(post("/2/tweets", "{\"text\":\"valid\"}")).isEqualTo(201);
		assertThat(this.fake.takeViolations()).isEmpty();
	}

	/**
	 * The fake counts with twitter-text itself, not with the driver's {@code XText}, so
	 * it refuses what X refuses even where a driver's count would pass: here a
	 * noncharacter that weighs one but makes the text invalid.
	 */
	@Test
	void refuses_text_that_twitter_text_finds_invalid_even_when_short() throws Exception {
		assertThat(post("/2/tweets", "{\"text\":\"fine\\ufffe\"}")).isEqualTo(403);
		assertThat(post("/2/tweets", "{\"text\":\"" + "a".repeat(280) + "\"}")).isEqualTo(201);
		assertThat(post("/2/tweets", "{\"text\":\"" + "a".repeat(281) + "\"}")).isEqualTo(403);
		assertThat(post("/2/tweets", "{\"text\":\"" + "日".repeat(140) + "\"}")).isEqualTo(201);
		assertThat(post("/2/tweets", "{\"text\":\"" + "語".repeat(141) + "\"}")).isEqualTo(403);
		assertThat(this.fake.takeViolations()).isEmpty();
	}

	/**
	 * The fake may build and drive the driver (its warm-up does), but takes none of its
	 * rules: a rule shared by both would pass whatever the driver gets wrong. Read from
	 * the source, so a rule borrowed tomorrow fails this test without anyone adding a
	 * case.
	 */
	@Test
	void the_fake_and_its_validator_borrow_none_of_the_drivers_rules() throws Exception {
		Pattern rules = Pattern.compile(
				"\\b(XText|XCapabilities|XOAuth|XErrors|XRateLimits|XLinks|XReconciler|XPublisher|XMediaUploader)\\b");
		for (String file : List.of("FakeXServer.java", "SpecValidator.java")) {
			// Comments may name the driver's rules to say why they are not used.
			String source = Files.readString(Path.of("src/test/java/io/herald/drivers/x", file))
				.replaceAll("(?s)/\\*.*?\\*/", "")
				.replaceAll("//[^\\n]*", "");
			assertThat(rules.matcher(source).results().map(MatchResult::group).toList()).as(file).isEmpty();
		}
	}

	private int post(String path, String body) throws Exception {
		Request request = new Request.Builder().url(this.fake.baseUrl().resolve(path).toString())
			.header("Authorization", "Bearer " + session().accessToken())
			.post(RequestBody.create(body, MediaType.get("application/json")))
			.build();
		try (Response response = this.client.newCall(request).execute()) {
			return response.code();
		}
	}

	private AccountSession session() {
		return this.fake.newAccount(XTestSupport.uniqueUser("harness"));
	}

}
