package io.herald.drivers.instagram;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.herald.drivers.spi.ErrorKind;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class GraphErrorsTests {

	private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

	private final GraphErrors errors = new GraphErrors(JsonMapper.builder().build(), Clock.fixed(NOW, ZoneOffset.UTC),
			Duration.ofMinutes(15));

	@ParameterizedTest(name = "HTTP {0}, code {1}/{2} is {3}")
	@CsvSource({ "400, 190, 463, AUTH_EXPIRED", "400, 190, 0, AUTH_EXPIRED", "400, 190, 460, AUTH_REVOKED",
			"400, 190, 458, AUTH_REVOKED", "400, 102, 0, AUTH_EXPIRED", "403, 10, 0, AUTH_REVOKED",
			"400, 200, 0, AUTH_REVOKED", "400, 25, 2207050, AUTH_REVOKED", "400, 24, 2207006, AUTH_EXPIRED",
			"400, 4, 0, RATE_LIMITED", "400, 17, 0, RATE_LIMITED", "400, 32, 0, RATE_LIMITED",
			"400, 613, 0, RATE_LIMITED", "400, 80002, 0, RATE_LIMITED", "400, 9, 2207042, RATE_LIMITED",
			"400, 4, 2207051, INVALID_CONTENT", "400, 36003, 2207009, INVALID_CONTENT",
			"400, 36001, 2207005, INVALID_CONTENT", "400, 36000, 2207004, INVALID_CONTENT",
			"400, 352, 2207026, INVALID_CONTENT", "400, 100, 2207023, INVALID_CONTENT", "400, 100, 0, INVALID_CONTENT",
			"400, 9004, 2207052, TRANSIENT", "400, -2, 2207003, TRANSIENT", "400, -1, 2207001, TRANSIENT",
			"400, 24, 2207008, TRANSIENT", "400, 9007, 2207027, TRANSIENT", "500, 1, 0, TRANSIENT",
			"503, 0, 0, TRANSIENT", "429, 0, 0, RATE_LIMITED", "401, 0, 0, AUTH_EXPIRED" })
	void maps_graph_errors_to_the_taxonomy(int status, int code, int subcode, ErrorKind kind) {
		assertThat(GraphErrors.kind(status, code, subcode, false)).isEqualTo(kind);
	}

	@Test
	void keeps_the_networks_message_codes_and_trace_id() {
		GraphApiException error = this.errors.fromResponse(400,
				"{\"error\":{\"message\":\"The image size is too large.\",\"type\":\"OAuthException\",\"code\":36000,"
						+ "\"error_subcode\":2207004,\"is_transient\":false,\"error_user_title\":\"Image size too large\","
						+ "\"error_user_msg\":\"The image is too large to download. It should be less than 8 MiB.\","
						+ "\"fbtrace_id\":\"A6LJylpZRKw2xKLFsAP-cJh\"}}",
				Headers.of());

		assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_CONTENT);
		assertThat(error.getMessage()).isEqualTo("The image size is too large. The image is too large to download. "
				+ "It should be less than 8 MiB. (code 36000/2207004, fbtrace_id A6LJylpZRKw2xKLFsAP-cJh)");
		assertThat(error.networkCode()).contains("36000/2207004");
		assertThat(error.httpStatus()).contains(400);
		assertThat(error.fbtraceId()).isEqualTo("A6LJylpZRKw2xKLFsAP-cJh");
	}

	@Test
	void rate_limits_last_as_long_as_the_usage_header_says_or_the_configured_backoff() {
		GraphApiException named = this.errors.fromResponse(400, "{\"error\":{\"message\":\"limit\",\"code\":80002}}",
				Headers.of("X-Business-Use-Case-Usage",
						"{\"1784\":[{\"type\":\"instagram\",\"estimated_time_to_regain_access\":12}]}"));
		GraphApiException unnamed = this.errors.fromResponse(400, "{\"error\":{\"message\":\"limit\",\"code\":4}}",
				Headers.of());

		assertThat(named.retryAt()).contains(NOW.plus(Duration.ofMinutes(12)));
		assertThat(unnamed.retryAt()).contains(NOW.plus(Duration.ofMinutes(15)));
	}

	@Test
	void reads_the_oauth_hosts_own_error_shape_and_bodies_that_are_not_json() {
		GraphApiException oauth = this.errors.fromResponse(400,
				"{\"error_type\":\"OAuthException\",\"code\":400,\"error_message\":\"Invalid authorization code\"}",
				Headers.of());
		GraphApiException html = this.errors.fromResponse(502, "<html>Bad Gateway</html>", Headers.of());

		assertThat(oauth.getMessage()).startsWith("Invalid authorization code");
		assertThat(html.kind()).isEqualTo(ErrorKind.TRANSIENT);
		assertThat(html.getMessage()).isEqualTo("Instagram answered HTTP 502.");
	}

	@Test
	void finds_the_subcode_in_a_failed_containers_status() {
		assertThat(GraphErrors.subcodeIn("Error: Media upload has failed with error code 2207026")).isEqualTo(2207026);
		assertThat(this.errors.containerErrorKind("Error: Media upload has failed with error code 2207026"))
			.isEqualTo(ErrorKind.INVALID_CONTENT);
		assertThat(this.errors.containerErrorKind("Error: Media upload has failed with error code 2207053"))
			.isEqualTo(ErrorKind.TRANSIENT);
	}

}
