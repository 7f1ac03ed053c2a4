package io.herald.drivers.x;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.PublishException;
import io.herald.drivers.spi.RateBudget;
import okhttp3.Headers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps X's failures onto Herald's error taxonomy. X answers with RFC 9457 problems
 * ({@code type}, {@code title}, {@code detail}), with the older {@code {code, message}}
 * shape, or with OAuth's {@code {error, error_description}}; the mapping reads all three
 * and keeps X's own words as the message.
 */
final class XErrors {

	/**
	 * X's classic codes: 187 duplicate status, 64 suspended, 326 locked, 89 bad token.
	 */
	private static final int DUPLICATE_CODE = 187;

	private static final Set<Integer> ACCOUNT_BLOCKED_CODES = Set.of(64, 326);

	private static final int INVALID_TOKEN_CODE = 89;

	/** Whole words only: "blocked from replying" is about content, not the account. */
	private static final Pattern ACCOUNT_BLOCKED = Pattern.compile("\\b(suspended|locked)\\b");

	private static final int MAX_MESSAGE = 500;

	private XErrors() {
	}

	/**
	 * The exception for an unsuccessful response.
	 * @param status the HTTP status
	 * @param headers the response headers
	 * @param body the response body, possibly empty
	 * @param budget the budget read from the headers, or {@code null}
	 * @param now the current time
	 * @param json the mapper to read the body with
	 * @return the mapped exception
	 */
	static PublishException fromResponse(int status, Headers headers, String body, RateBudget budget, Instant now,
			JsonMapper json) {
		Failure failure = Failure.read(status, body, json);
		String message = failure.message();
		String text = message.toLowerCase(Locale.ROOT);
		if (status == 429 || failure.code() == 88) {
			return new PublishException(ErrorKind.RATE_LIMITED, message, XRateLimits.retryAt(headers, now), status,
					failure.networkCode(), budget, null);
		}
		ErrorKind kind;
		if (failure.code() == DUPLICATE_CODE || text.contains("duplicate")) {
			kind = ErrorKind.DUPLICATE;
		}
		else if (ACCOUNT_BLOCKED_CODES.contains(failure.code()) || ACCOUNT_BLOCKED.matcher(text).find()) {
			kind = ErrorKind.AUTH_REVOKED;
		}
		else if (status == 401 || failure.code() == INVALID_TOKEN_CODE) {
			kind = ErrorKind.AUTH_EXPIRED;
		}
		else if (status == 408 || status >= 500) {
			kind = ErrorKind.TRANSIENT;
		}
		else {
			kind = ErrorKind.INVALID_CONTENT;
		}
		Instant retryAt = (kind == ErrorKind.TRANSIENT && headers.get("retry-after") != null)
				? XRateLimits.retryAt(headers, now) : null;
		return new PublishException(kind, message, retryAt, status, failure.networkCode(), budget, null);
	}

	/**
	 * A passing failure of a call that creates a post proves nothing: X may have created
	 * the post before its 5xx (or its unreadable answer), so a second send could
	 * duplicate it. The engine reconciles an unknown outcome before anything else.
	 * @param failure the failure as mapped from the answer
	 * @param createsPost whether the call creates a post
	 * @return the failure to report
	 */
	static PublishException possiblyApplied(PublishException failure, boolean createsPost) {
		if (!createsPost || failure.kind() != ErrorKind.TRANSIENT) {
			return failure;
		}
		return new PublishException(ErrorKind.UNKNOWN_OUTCOME,
				"X answered the post with a failure that does not prove it was refused (" + failure.getMessage()
						+ "); it may or may not exist.",
				null, failure.httpStatus().orElse(null), failure.networkCode().orElse(null),
				failure.rateBudget().orElse(null), failure);
	}

	/**
	 * The exception for a call that failed on the network.
	 * @param ex the failure
	 * @param sent whether the request may have reached X (the connection was open)
	 * @param createsPost whether the call creates a post, so a second send could
	 * duplicate it
	 * @return the mapped exception
	 */
	static PublishException fromIo(IOException ex, boolean sent, boolean createsPost) {
		String reason = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
		if (sent && createsPost) {
			return new PublishException(ErrorKind.UNKNOWN_OUTCOME,
					"X did not answer after the post was sent (" + reason + "); it may or may not exist.", null, null,
					null, null, ex);
		}
		String what = (ex instanceof InterruptedIOException) ? "X timed out" : "X could not be reached";
		return new PublishException(ErrorKind.TRANSIENT, what + " (" + reason + ").", null, null, null, null, ex);
	}

	/**
	 * What an error body said.
	 *
	 * @param message X's words
	 * @param code X's numeric code, or 0
	 * @param networkCode the problem type, OAuth error or numeric code, or {@code null}
	 */
	record Failure(String message, int code, String networkCode) {

		static Failure read(int status, String body, JsonMapper json) {
			JsonNode root = parse(body, json);
			if (root == null) {
				String raw = (body == null || body.isBlank()) ? "HTTP " + status : body.strip();
				return new Failure(truncate("X answered HTTP " + status + ": " + raw), 0, null);
			}
			JsonNode first = root.path("errors").path(0);
			JsonNode node = (root.has("title") || root.has("detail") || root.has("message") || root.has("error")
					|| first.isMissingNode()) ? root : first;
			String title = node.path("title").asString("");
			String detail = node.path("detail").asString("");
			String message = node.path("message").asString("");
			String oauthError = node.path("error").isString() ? node.path("error").asString("") : "";
			String oauthDescription = node.path("error_description").asString("");
			int code = node.path("code").asInt(0);
			String text;
			if (!detail.isEmpty()) {
				text = (title.isEmpty() || detail.startsWith(title)) ? detail : title + ": " + detail;
			}
			else if (!message.isEmpty()) {
				text = message;
			}
			else if (!oauthError.isEmpty()) {
				text = oauthDescription.isEmpty() ? oauthError : oauthError + ": " + oauthDescription;
			}
			else if (!title.isEmpty()) {
				text = title;
			}
			else {
				text = "X answered HTTP " + status;
			}
			String networkCode = node.path("type").asString(null);
			if (networkCode == null && !oauthError.isEmpty()) {
				networkCode = oauthError;
			}
			if (networkCode == null && code != 0) {
				networkCode = Integer.toString(code);
			}
			return new Failure(truncate(text), code, networkCode);
		}

		private static JsonNode parse(String body, JsonMapper json) {
			if (body == null || body.isBlank()) {
				return null;
			}
			try {
				JsonNode root = json.readTree(body);
				return root.isObject() ? root : null;
			}
			catch (JacksonException ex) {
				return null;
			}
		}

		private static String truncate(String text) {
			return (text.length() <= MAX_MESSAGE) ? text : text.substring(0, MAX_MESSAGE) + "…";
		}

	}

}
