package io.herald.drivers.instagram;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import io.herald.drivers.spi.ErrorKind;
import okhttp3.Headers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps Graph API error objects ({@code code}, {@code error_subcode}, {@code message},
 * {@code fbtrace_id}) to the error taxonomy. Subcodes come from Instagram's error-code
 * reference; where it says "try again" the kind is {@link ErrorKind#TRANSIENT}.
 */
final class GraphErrors {

	/** Container not ready for publishing yet: wait, it is not a failure. */
	static final int NOT_READY = 2207027;

	/** The account reached its content-publishing limit. */
	static final int PUBLISHING_LIMIT = 2207042;

	private static final Set<Integer> TRANSIENT_SUBCODES = Set.of(2207001, // server error
			2207003, // media download timed out
			2207008, // temporary error publishing a container
			2207020, // container expired, create a new one
			2207032, // creating the container failed
			2207052, // media could not be fetched from the URL
			2207053, // unknown upload error
			NOT_READY);

	private static final Set<Integer> EXPIRED_TOKEN_SUBCODES = Set.of(463);

	private static final Set<Integer> RATE_LIMIT_CODES = Set.of(4, 17, 32, 613, 368, 80001, 80002, 80003, 80004, 80005,
			80006, 80008, 80009, 80014);

	private final JsonMapper json;

	private final Clock clock;

	private final Duration rateLimitBackoff;

	GraphErrors(JsonMapper json, Clock clock, Duration rateLimitBackoff) {
		this.json = json;
		this.clock = clock;
		this.rateLimitBackoff = rateLimitBackoff;
	}

	GraphApiException fromResponse(int httpStatus, String body, Headers headers) {
		JsonNode root = parse(body);
		JsonNode error = root.path("error");
		int code;
		int subcode;
		String message;
		String fbtrace;
		boolean isTransient;
		if (error.isObject()) {
			code = error.path("code").asInt(0);
			subcode = error.path("error_subcode").asInt(0);
			message = joinMessages(text(error, "message"), text(error, "error_user_msg"));
			fbtrace = text(error, "fbtrace_id");
			isTransient = error.path("is_transient").asBoolean(false);
		}
		else {
			// api.instagram.com answers code exchanges in its own shape
			code = root.path("code").asInt(0);
			subcode = 0;
			message = text(root, "error_message");
			fbtrace = null;
			isTransient = false;
		}
		if (message == null || message.isBlank()) {
			message = "Instagram answered HTTP " + httpStatus + ".";
		}
		ErrorKind kind = kind(httpStatus, code, subcode, isTransient);
		Instant retryAt = (kind == ErrorKind.RATE_LIMITED) ? retryAt(headers) : null;
		return new GraphApiException(kind, describe(message, code, subcode, fbtrace), retryAt, httpStatus, code,
				subcode, fbtrace);
	}

	/**
	 * The kind of a failed container, whose {@code status} field holds the error subcode
	 * (for example {@code "Error: 2207026"}).
	 * @param status the container's status text
	 * @return the kind
	 */
	ErrorKind containerErrorKind(String status) {
		return kind(400, 0, subcodeIn(status), false);
	}

	static int subcodeIn(String status) {
		if (status == null) {
			return 0;
		}
		java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\\b(2207\\d{3})\\b").matcher(status);
		return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
	}

	static ErrorKind kind(int httpStatus, int code, int subcode, boolean isTransient) {
		if (subcode == PUBLISHING_LIMIT) {
			return ErrorKind.RATE_LIMITED;
		}
		if (subcode == 2207050) {
			// the professional account is inactive, checkpointed or restricted
			return ErrorKind.AUTH_REVOKED;
		}
		if (subcode == 2207006) {
			// "possible permission error due to missing permission or expired token"
			return ErrorKind.AUTH_EXPIRED;
		}
		if (TRANSIENT_SUBCODES.contains(subcode)) {
			return ErrorKind.TRANSIENT;
		}
		if (subcode >= 2207000 && subcode < 2208000) {
			return ErrorKind.INVALID_CONTENT;
		}
		if (code == 190) {
			return (subcode == 0 || EXPIRED_TOKEN_SUBCODES.contains(subcode)) ? ErrorKind.AUTH_EXPIRED
					: ErrorKind.AUTH_REVOKED;
		}
		if (code == 102) {
			return ErrorKind.AUTH_EXPIRED;
		}
		if (code == 10 || (code >= 200 && code < 300) || code == 25) {
			return ErrorKind.AUTH_REVOKED;
		}
		if (RATE_LIMIT_CODES.contains(code) || code == 9 || httpStatus == 429) {
			return ErrorKind.RATE_LIMITED;
		}
		if (code == 1 || code == 2 || code == -1 || code == -2 || code == 9004 || code == 9007 || isTransient
				|| httpStatus >= 500) {
			return ErrorKind.TRANSIENT;
		}
		if (httpStatus == 401) {
			return ErrorKind.AUTH_EXPIRED;
		}
		if (httpStatus == 403) {
			return ErrorKind.AUTH_REVOKED;
		}
		return ErrorKind.INVALID_CONTENT;
	}

	/**
	 * When a rate limit frees up: the largest {@code estimated_time_to_regain_access}
	 * (minutes) in the business-use-case usage header, else the configured backoff.
	 */
	private Instant retryAt(Headers headers) {
		Instant now = this.clock.instant();
		long minutes = 0;
		for (String name : new String[] { "X-Business-Use-Case-Usage", "X-Ad-Account-Usage" }) {
			String value = headers.get(name);
			if (value != null) {
				minutes = Math.max(minutes, maxRegainMinutes(parse(value)));
			}
		}
		return (minutes > 0) ? now.plus(Duration.ofMinutes(minutes)) : now.plus(this.rateLimitBackoff);
	}

	private static long maxRegainMinutes(JsonNode node) {
		long max = 0;
		if (node.isObject() || node.isArray()) {
			for (JsonNode child : node) {
				max = Math.max(max, maxRegainMinutes(child));
			}
			max = Math.max(max, node.path("estimated_time_to_regain_access").asLong(0));
		}
		return max;
	}

	private JsonNode parse(String body) {
		try {
			return this.json.readTree((body != null) ? body : "");
		}
		catch (RuntimeException ex) {
			return this.json.createObjectNode();
		}
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && !value.isNull()) ? value.asString() : null;
	}

	private static String joinMessages(String message, String userMessage) {
		if (userMessage == null || userMessage.isBlank() || userMessage.equals(message)) {
			return message;
		}
		return (message == null) ? userMessage : message + " " + userMessage;
	}

	private static String describe(String message, int code, int subcode, String fbtrace) {
		StringBuilder text = new StringBuilder(message.trim());
		if (code != 0) {
			text.append(" (code ").append(code);
			if (subcode != 0) {
				text.append('/').append(subcode);
			}
			if (fbtrace != null) {
				text.append(", fbtrace_id ").append(fbtrace);
			}
			text.append(')');
		}
		return text.toString();
	}

}
