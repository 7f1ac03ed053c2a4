package io.herald.drivers.x;

import java.time.Instant;

import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.PublishException;
import io.herald.drivers.spi.RateBudget;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The answers X sends in production, including shapes its OpenAPI document does not
 * describe (problem type {@code about:blank}), which the fake server cannot send.
 */
class XErrorsTests {

	private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void duplicate_content_as_x_sends_it_today() {
		PublishException ex = map(403, Headers.of(),
				"{\"detail\":\"You are not allowed to create a Tweet with duplicate content.\",\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403}");
		assertThat(ex.kind()).isEqualTo(ErrorKind.DUPLICATE);
		assertThat(ex.getMessage())
			.isEqualTo("Forbidden: You are not allowed to create a Tweet with duplicate content.");
		assertThat(ex.networkCode()).contains("about:blank");
	}

	@Test
	void duplicate_status_in_the_classic_shape() {
		assertThat(
				map(403, Headers.of(), "{\"errors\":[{\"code\":187,\"message\":\"Status is a duplicate.\"}]}").kind())
			.isEqualTo(ErrorKind.DUPLICATE);
	}

	@Test
	void unauthorized_is_auth_expired() {
		PublishException ex = map(401, Headers.of(),
				"{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,\"detail\":\"Unauthorized\"}");
		assertThat(ex.kind()).isEqualTo(ErrorKind.AUTH_EXPIRED);
		assertThat(ex.getMessage()).isEqualTo("Unauthorized");
	}

	@Test
	void suspended_and_locked_accounts_are_revoked_but_blocked_replies_are_content() {
		assertThat(map(403, Headers.of(),
				"{\"errors\":[{\"code\":326,\"message\":\"To protect our users from spam and other malicious activity, this account is temporarily locked.\"}]}")
			.kind()).isEqualTo(ErrorKind.AUTH_REVOKED);
		assertThat(map(403, Headers.of(),
				"{\"title\":\"Forbidden\",\"detail\":\"Your account is suspended and is not permitted to access this feature.\",\"type\":\"about:blank\",\"status\":403}")
			.kind()).isEqualTo(ErrorKind.AUTH_REVOKED);
		assertThat(map(403, Headers.of(),
				"{\"title\":\"Forbidden\",\"detail\":\"You have been blocked from replying to this conversation.\",\"type\":\"about:blank\",\"status\":403}")
			.kind()).isEqualTo(ErrorKind.INVALID_CONTENT);
	}

	@Test
	void rate_limits_wait_for_the_tightest_exhausted_limit() {
		Headers headers = Headers.of("x-rate-limit-limit", "100", "x-rate-limit-remaining", "37", "x-rate-limit-reset",
				Long.toString(NOW.plusSeconds(300).getEpochSecond()), "x-user-limit-24hour-limit", "17",
				"x-user-limit-24hour-remaining", "0", "x-user-limit-24hour-reset",
				Long.toString(NOW.plusSeconds(40_000).getEpochSecond()));
		RateBudget budget = XRateLimits.budget(headers, "posts");
		PublishException ex = XErrors.fromResponse(429, headers,
				"{\"title\":\"Too Many Requests\",\"detail\":\"Too Many Requests\",\"type\":\"about:blank\",\"status\":429}",
				budget, NOW, this.json);

		assertThat(ex.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
		assertThat(ex.retryAt()).contains(NOW.plusSeconds(40_000));
		assertThat(budget).isEqualTo(new RateBudget("posts-24h", 0, 17, NOW.plusSeconds(40_000)));
	}

	@Test
	void a_429_without_headers_honours_retry_after_or_waits_a_window() {
		assertThat(map(429, Headers.of("retry-after", "120"), "").retryAt()).contains(NOW.plusSeconds(120));
		assertThat(map(429, Headers.of(), "").retryAt()).contains(NOW.plus(XRateLimits.DEFAULT_WAIT));
	}

	@Test
	void server_errors_are_transient_and_keep_a_non_json_body() {
		PublishException ex = map(502, Headers.of(), "<html>Bad Gateway</html>");
		assertThat(ex.kind()).isEqualTo(ErrorKind.TRANSIENT);
		assertThat(ex.getMessage()).isEqualTo("X answered HTTP 502: <html>Bad Gateway</html>");
	}

	@Test
	void invalid_media_is_invalid_content() {
		assertThat(map(400, Headers.of(),
				"{\"errors\":[{\"parameters\":{\"media.media_ids\":[\"1\"]},\"message\":\"Your media IDs are invalid.\"}],\"title\":\"Invalid Request\",\"detail\":\"One or more parameters to your request was invalid.\",\"type\":\"https://api.twitter.com/2/problems/invalid-request\"}")
			.kind()).isEqualTo(ErrorKind.INVALID_CONTENT);
	}

	@Test
	void a_lost_answer_to_a_post_is_an_unknown_outcome_but_a_lost_read_is_transient() {
		java.net.SocketTimeoutException timeout = new java.net.SocketTimeoutException("timeout");
		assertThat(XErrors.fromIo(timeout, true, true).kind()).isEqualTo(ErrorKind.UNKNOWN_OUTCOME);
		assertThat(XErrors.fromIo(timeout, true, false).kind()).isEqualTo(ErrorKind.TRANSIENT);
		assertThat(XErrors.fromIo(new java.net.ConnectException("refused"), false, true).kind())
			.isEqualTo(ErrorKind.TRANSIENT);
	}

	private PublishException map(int status, Headers headers, String body) {
		return XErrors.fromResponse(status, headers, body, XRateLimits.budget(headers, "posts"), NOW, this.json);
	}

}
