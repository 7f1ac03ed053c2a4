package io.herald.api.input;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import io.herald.api.support.Api;
import io.herald.api.support.ApiIntegrationTest;
import io.herald.api.support.Fixtures.Tenant;
import io.herald.api.web.UiSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The malformed inputs that were answered with a 500 (issue 13), each kept as a plain
 * example of the input policy: null list elements, NUL characters and unpaired surrogates
 * in text, instants at the edges of time, pages with impossible dates or ids, and
 * requests Tomcat refuses before Spring sees them.
 */
class InputPolicyIntegrationTests extends ApiIntegrationTest {

	private static final String NUL = "\u0000";

	private Tenant tenant;

	private String account;

	@BeforeEach
	void tenant() {
		this.tenant = this.fixtures.tenant(this.api);
		this.account = this.api.post("/api/v1/accounts")
			.token(this.tenant.token())
			.json("{\"network\":\"sandbox\",\"identifier\":\"input-policy\"}")
			.send()
			.json()
			.get("id")
			.asString();
	}

	@Nested
	class NullElements {

		@ParameterizedTest
		@ValueSource(strings = { "/api/v1/posts", "/api/v1/posts/validate" })
		void a_null_target_asset_or_part_is_a_validation_problem_naming_the_element(String path) {
			assertValidationFailed(post(path, "{\"text\":\"t\",\"publishNow\":true,\"targets\":[null]}"), "targets[0]");
			assertValidationFailed(
					post(path, "{\"text\":\"t\",\"publishNow\":true,\"assets\":[null],\"targets\":" + target("") + "}"),
					"assets[0]");
			assertValidationFailed(
					post(path, "{\"text\":\"t\",\"publishNow\":true,\"parts\":[null],\"targets\":" + target("") + "}"),
					"parts[0]");
			assertValidationFailed(
					post(path, "{\"text\":\"t\",\"publishNow\":true,\"targets\":" + target(",\"assets\":[null]") + "}"),
					"targets[0].assets[0]");
		}

		@Test
		void a_null_element_in_a_bulk_post_refuses_that_post_only() {
			Api.Response response = post("/api/v1/posts/bulk", "{\"posts\":[{\"text\":\"t\",\"draft\":true,"
					+ "\"targets\":[null]},{\"text\":\"fine\",\"draft\":true}]}");
			assertThat(response.status()).as(response.toString()).isEqualTo(200);
			JsonNode results = response.json().get("results");
			assertThat(results.get(0).get("status").asInt()).isEqualTo(400);
			assertThat(results.get(0).get("problem").get("errors").get(0).get("field").asString())
				.isEqualTo("targets[0]");
			assertThat(results.get(1).get("status").asInt()).isEqualTo(201);
		}

	}

	@Nested
	class Text {

		@Test
		void a_nul_in_post_text_is_an_invalid_field_naming_it() {
			assertInvalidField(post("/api/v1/posts", "{\"text\":\"a\\u0000b\",\"draft\":true}"), "text");
			assertInvalidField(post("/api/v1/posts/validate", "{\"text\":\"ok\",\"parts\":[{\"text\":\"\\u0000\"}]}"),
					"parts[0].text");
			assertInvalidField(post("/api/v1/posts/bulk", "{\"posts\":[{\"text\":\"\\u0000\",\"draft\":true}]}"),
					"posts[0].text");
		}

		@Test
		void an_unpaired_surrogate_is_an_invalid_field_and_a_paired_one_is_fine() {
			assertInvalidField(post("/api/v1/posts", "{\"text\":\"a\\ud800b\",\"draft\":true}"), "text");
			assertInvalidField(post("/api/v1/posts", "{\"text\":\"\\udc00\",\"draft\":true}"), "text");
			Api.Response emoji = post("/api/v1/posts", "{\"text\":\"\\ud83d\\ude00\",\"draft\":true}");
			assertThat(emoji.status()).as(emoji.toString()).isEqualTo(201);
		}

		@Test
		void a_nul_in_a_token_name_workspace_name_or_member_email_is_an_invalid_field() {
			assertInvalidField(post("/api/v1/auth/tokens", "{\"name\":\"t\\u0000\"}"), "name");
			assertInvalidField(post("/api/v1/workspaces", "{\"name\":\"w\\u0000\"}"), "name");
			assertInvalidField(
					post("/api/v1/workspaces/" + InputPolicyIntegrationTests.this.tenant.workspaceId() + "/members",
							"{\"email\":\"a\\u0000@example.com\",\"role\":\"EDITOR\"}"),
					"email");
		}

		@Test
		void a_nul_in_alt_text_is_an_invalid_field_in_json_and_multipart() {
			Api.Response upload = upload("a" + NUL + "b");
			assertInvalidField(upload, "altText");
			Api.Response good = upload("A red bicycle");
			assertThat(good.status()).as(good.toString()).isEqualTo(201);
			String asset = good.json().get("id").asString();
			assertInvalidField(InputPolicyIntegrationTests.this.api.call("PATCH", "/api/v1/assets/" + asset)
				.token(InputPolicyIntegrationTests.this.tenant.token())
				.json("{\"altText\":\"\\u0000\"}")
				.send(), "altText");
		}

		@Test
		void a_nul_in_a_basic_user_name_is_an_invalid_field() {
			Api.Response response = InputPolicyIntegrationTests.this.api.post("/api/v1/auth/tokens")
				.basic("owner" + NUL + "@test.local", "whatever")
				.json("{\"name\":\"t\"}")
				.send();
			assertInvalidField(response, "Authorization");
		}

		@Test
		void a_nul_in_a_query_parameter_is_an_invalid_field() {
			assertInvalidField(get("/api/v1/posts?cursor=%00"), "cursor");
		}

	}

	@Nested
	class Instants {

		@ParameterizedTest
		@ValueSource(strings = { "-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "-5000-01-01T00:00:00Z",
				"1969-12-31T23:59:59Z", "-999999999-01-01T00:00" })
		void a_drafts_schedule_outside_the_accepted_range_is_an_invalid_field(String at) {
			assertInvalidField(post("/api/v1/posts", "{\"text\":\"t\",\"draft\":true,\"scheduledAt\":\"" + at + "\"}"),
					"scheduledAt");
		}

		@ParameterizedTest
		@ValueSource(strings = { "-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "-5000-01-01T00:00:00Z" })
		void a_list_range_or_token_expiry_outside_the_accepted_range_is_an_invalid_field(String at) {
			String query = URLEncoder.encode(at, StandardCharsets.UTF_8);
			assertInvalidField(get("/api/v1/posts?from=" + query), "from");
			assertInvalidField(get("/api/v1/posts?to=" + query), "to");
			assertInvalidField(post("/api/v1/auth/tokens", "{\"name\":\"t\",\"expiresAt\":\"" + at + "\"}"),
					"expiresAt");
		}

		@ParameterizedTest
		@ValueSource(strings = { "-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "-5000-01-01T00:00:00Z" })
		void a_cursor_that_decodes_to_a_time_outside_the_range_is_a_bad_cursor(String at) {
			Instant instant = Instant.parse(at);
			String posts = base64(instant.getEpochSecond() + "." + instant.getNano() + "." + UUID.randomUUID());
			assertProblem(get("/api/v1/posts?cursor=" + posts), 400, "bad-cursor");
		}

		@ParameterizedTest
		@ValueSource(longs = { Long.MIN_VALUE, Long.MAX_VALUE, -157_000_000_000_000_000L })
		void an_asset_cursor_that_decodes_to_a_time_outside_the_range_is_a_bad_cursor(long micros) {
			assertProblem(get("/api/v1/assets?cursor=" + base64(micros + "," + UUID.randomUUID())), 400, "bad-cursor");
		}

	}

	@Nested
	class Pages {

		private UiSession browser;

		@BeforeEach
		void signIn() {
			this.browser = UiSession.signedIn(InputPolicyIntegrationTests.this.api.base(),
					InputPolicyIntegrationTests.this.tenant.email(),
					InputPolicyIntegrationTests.this.tenant.password());
		}

		@ParameterizedTest
		@ValueSource(strings = { "-999999999-01-01", "+999999999-12-31", "-5000-01-01", "+10000-01-01" })
		void extreme_dates_on_the_calendar_and_post_list_are_a_friendly_400_page(String date) {
			String query = URLEncoder.encode(date, StandardCharsets.UTF_8);
			for (String path : List.of("/calendar?date=" + query, "/calendar?view=week&date=" + query,
					"/posts?from=" + query, "/posts?to=" + query)) {
				HttpResponse<String> page = this.browser.get(path);
				assertThat(page.statusCode()).as(path).isEqualTo(400);
				assertThat(page.headers().firstValue("Content-Type").orElse("")).as(path).startsWith("text/html");
				assertThat(page.body()).as(path).contains("must be between 1970-01-01 and 9999-12-31");
			}
		}

		@Test
		void dates_at_the_ends_of_the_range_are_shown() {
			for (String path : List.of("/calendar?date=1970-01-01", "/calendar?date=9999-12-31",
					"/calendar?view=week&date=9999-12-31", "/posts?from=1970-01-01&to=9999-12-31")) {
				assertThat(this.browser.get(path).statusCode()).as(path).isEqualTo(200);
			}
		}

		@Test
		void a_post_page_with_an_id_that_is_not_one_is_a_404_page() {
			for (String path : List.of("/posts/zzz", "/posts/zzz/status")) {
				HttpResponse<String> page = this.browser.get(path);
				assertThat(page.statusCode()).as(path).isEqualTo(404);
				assertThat(page.headers().firstValue("Content-Type").orElse("")).as(path).startsWith("text/html");
			}
		}

	}

	@Nested
	class RefusedByTomcat {

		@ParameterizedTest
		@ValueSource(strings = { "/api/v1/posts/a%2Fb", "/api/v1/posts/a%00b", "/posts/%00", "/a%5cb%2f..%2f" })
		void a_path_tomcat_refuses_is_a_problem_document_with_the_security_headers(String path) {
			assertTomcatProblem(raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
		}

		@Test
		void headers_over_the_limit_are_a_problem_document_with_the_security_headers() {
			assertTomcatProblem(raw("GET /api/v1/posts HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(9000)
					+ "\r\nConnection: close\r\n\r\n"));
		}

		private void assertTomcatProblem(String response) {
			String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase();
			assertThat(head).as(response).startsWith("http/1.1 400");
			assertThat(head).contains("content-type: application/problem+json", "x-content-type-options: nosniff",
					"x-frame-options: deny", "content-security-policy: default-src 'none'");
			String body = response.substring(response.indexOf("\r\n\r\n") + 4);
			assertThat(body).contains("\"type\":\"/problems/bad-request\"", "\"status\":400").doesNotContain("<html");
		}

		private String raw(String request) {
			try (Socket socket = new Socket("localhost", InputPolicyIntegrationTests.this.port)) {
				socket.setSoTimeout(10_000);
				OutputStream out = socket.getOutputStream();
				out.write(request.getBytes(StandardCharsets.ISO_8859_1));
				out.flush();
				InputStream in = socket.getInputStream();
				ByteArrayOutputStream answer = new ByteArrayOutputStream();
				in.transferTo(answer);
				return answer.toString(StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

	private Api.Response post(String path, String json) {
		return this.api.post(path).token(this.tenant.token()).json(json).send();
	}

	private Api.Response get(String path) {
		return this.api.get(path).token(this.tenant.token()).send();
	}

	private String target(String extra) {
		return "[{\"accountId\":\"" + this.account + "\"" + extra + "}]";
	}

	private Api.Response upload(String altText) {
		String boundary = "herald-" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
				+ "Content-Type: image/png\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(Base64.getDecoder()
			.decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="));
		body.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"altText\"\r\n\r\n" + altText
				+ "\r\n--" + boundary + "--\r\n")
			.getBytes(StandardCharsets.UTF_8));
		return this.api.post("/api/v1/assets")
			.token(this.tenant.token())
			.body(body.toByteArray(), "multipart/form-data; boundary=" + boundary)
			.send();
	}

	private static String base64(String raw) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	static void assertProblem(Api.Response response, int status, String slug) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
		assertThat(response.json().get("type").asString()).as(response.toString()).isEqualTo("/problems/" + slug);
	}

	static void assertInvalidField(Api.Response response, String field) {
		assertProblem(response, 400, "invalid-field");
		assertThat(response.json().get("field").asString()).as(response.toString()).isEqualTo(field);
	}

	static void assertValidationFailed(Api.Response response, String field) {
		assertProblem(response, 400, "validation-failed");
		assertThat(response.json().get("errors").findValuesAsString("field")).as(response.toString()).contains(field);
	}

}
