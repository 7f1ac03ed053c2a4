package io.herald.api.problems;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;

import org.springframework.http.HttpStatus;

/**
 * Every kind of failure the API reports, each with a stable {@code type} URI
 * ({@code /problems/<slug>}, documented at that path on every instance). Clients may
 * switch on the slug; it never changes meaning.
 */
public enum ProblemType {

	MALFORMED_JSON("malformed-json", HttpStatus.BAD_REQUEST, "Malformed JSON",
			"The body is not valid JSON. Check quotes, commas and brackets."),
	INVALID_FIELD("invalid-field", HttpStatus.BAD_REQUEST, "Invalid field value",
			"A field has the wrong type, a value outside its allowed set, text with a NUL character or an unpaired"
					+ " surrogate, or an instant outside 1970-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z (the"
					+ " problem names the field and, for enumerations, the allowed values)."),
	UNKNOWN_FIELD("unknown-field", HttpStatus.BAD_REQUEST, "Unknown field",
			"The body has a field this endpoint does not know, often a typo (fields are camelCase)."),
	VALIDATION_FAILED("validation-failed", HttpStatus.BAD_REQUEST, "Validation failed",
			"Required fields are missing or values break a rule; `errors` lists each field and what is wrong."),
	BAD_REQUEST("bad-request", HttpStatus.BAD_REQUEST, "Bad request", "A parameter or header is missing or malformed."),
	BAD_TIME_ZONE("bad-time-zone", HttpStatus.BAD_REQUEST, "Unknown time zone",
			"Time zones are IANA ids such as Europe/Berlin or America/New_York."),
	BULK_SIZE("bulk-size", HttpStatus.UNPROCESSABLE_CONTENT, "Wrong number of posts in a bulk request",
			"POST /api/v1/posts/bulk takes 1 to 500 posts in `posts`; split larger batches (`limit` gives the"
					+ " maximum, `count` what was sent)."),
	BAD_CURSOR("bad-cursor", HttpStatus.BAD_REQUEST, "Invalid pagination cursor",
			"Pass back the `nextCursor` value of a previous page unchanged."),
	SCHEDULE_IN_PAST("schedule-in-past", HttpStatus.UNPROCESSABLE_CONTENT, "Schedule time is in the past",
			"scheduledAt must be in the future; use publishNow to publish at once."),
	CONTENT_REJECTED("content-rejected", HttpStatus.UNPROCESSABLE_CONTENT, "Content breaks a network's rules",
			"One or more targets cannot be published as they are (text too long, too many images, missing alt text…);"
					+ " `errors` lists each target, field, code and message."),
	UNKNOWN_ASSET("unknown-asset", HttpStatus.UNPROCESSABLE_CONTENT, "Unknown asset",
			"An assetId does not exist in this workspace or its upload is not complete."),
	UNKNOWN_ACCOUNT("unknown-account", HttpStatus.UNPROCESSABLE_CONTENT, "Unknown account",
			"An accountId does not exist in this workspace."),
	ACCOUNT_NOT_CONNECTED("account-not-connected", HttpStatus.UNPROCESSABLE_CONTENT, "Account needs reconnecting",
			"The account's credentials no longer work; reconnect it before scheduling to it."),
	UNKNOWN_NETWORK("unknown-network", HttpStatus.UNPROCESSABLE_CONTENT, "Unknown network",
			"No driver for this network is installed; `networks` lists the installed ones."),
	CONNECT_FAILED("connect-failed", HttpStatus.UNPROCESSABLE_CONTENT, "The account could not be connected",
			"`reason` says why, with a fixed `detail` per reason: UNREACHABLE (no answer), REFUSED (the outbound"
					+ " policy does not let Herald call this URL: https and public addresses only, unless the"
					+ " operator allows the host), NOT_A_SERVER (something answered, but not as the network does),"
					+ " WRONG_CREDENTIALS. What the server answered is never repeated."),
	UNSUPPORTED_MEDIA("unsupported-media", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media",
			"The uploaded file is not an image or video Herald accepts (JPEG, PNG, GIF, WebP, MP4, MOV);"
					+ " the type is read from the bytes, not the file name."),
	PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Payload too large",
			"The body or file exceeds the configured limit (given in `limitBytes` when known)."),
	IMAGE_TOO_LARGE("image-too-large", HttpStatus.UNPROCESSABLE_CONTENT, "Image has too many pixels",
			"The image's header declares more pixels (width × height) than HERALD_MEDIA_MAX_IMAGE_PIXELS allows"
					+ " (default 50,000,000); `width`, `height` and `maxPixels` say by how much. Scale it down and"
					+ " upload it again."),
	UNSUPPORTED_MEDIA_TYPE("unsupported-content-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported content type",
			"This endpoint takes another Content-Type (usually application/json)."),
	NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable",
			"The API answers in application/json (and application/problem+json for errors)."),
	METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed",
			"This path does not support this HTTP method."),
	NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found",
			"Nothing with this id exists in your workspace (resources of other workspaces are not found either)."),
	UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "Authentication required",
			"Send `Authorization: Bearer <API token>`; HTTP Basic (email and password) is accepted only on"
					+ " `POST /api/v1/auth/tokens`, to create a token."),
	FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Forbidden", "Your role in this workspace does not allow this."),
	LOGIN_THROTTLED("login-throttled", HttpStatus.TOO_MANY_REQUESTS, "Too many failed sign-ins",
			"Too many wrong passwords for this account or from this address: wait `retryAfterSeconds` (also sent as"
					+ " `Retry-After`) before the next attempt. Each further failure doubles the wait; a successful"
					+ " sign-in resets the account's count."),
	IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", HttpStatus.CONFLICT, "Idempotency-Key reused",
			"This Idempotency-Key was used with a different request body; use a new key for a new request."),
	IDEMPOTENCY_IN_PROGRESS("idempotency-in-progress", HttpStatus.CONFLICT, "Request in progress",
			"A request with this Idempotency-Key is still being processed; retry shortly."),
	PRECONDITION_REQUIRED("precondition-required", HttpStatus.PRECONDITION_REQUIRED, "If-Match required",
			"Updates need If-Match with the ETag from your last read, so concurrent edits are not lost."),
	PRECONDITION_FAILED("precondition-failed", HttpStatus.PRECONDITION_FAILED, "Resource changed",
			"The resource changed since you read it (ETag mismatch); read it again and reapply your change."),
	POST_LOCKED("post-locked", HttpStatus.CONFLICT, "Post is publishing or published",
			"A target of this post is publishing or already published, so it can no longer be edited or canceled."),
	CONFLICT("conflict", HttpStatus.CONFLICT, "Conflict", "The request conflicts with the resource's state."),
	INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
			"Herald failed unexpectedly. Nothing you sent was lost; the error is logged with the request id."),
	SERVICE_UNAVAILABLE("service-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
			"A dependency (database, object store) is unavailable; retry later.");

	private final String slug;

	private final HttpStatus status;

	private final String title;

	private final String description;

	ProblemType(String slug, HttpStatus status, String title, String description) {
		this.slug = slug;
		this.status = status;
		this.title = title;
		this.description = description;
	}

	public String slug() {
		return this.slug;
	}

	public HttpStatus status() {
		return this.status;
	}

	public String title() {
		return this.title;
	}

	public String description() {
		return this.description;
	}

	public URI uri() {
		return URI.create("/problems/" + this.slug);
	}

	/**
	 * The general type for a status that was not raised as a specific problem (by the
	 * servlet container, or a filter).
	 * @param status the status
	 * @return the type
	 */
	public static ProblemType forStatus(HttpStatus status) {
		return switch (status) {
			case NOT_FOUND -> NOT_FOUND;
			case UNAUTHORIZED -> UNAUTHORIZED;
			case FORBIDDEN -> FORBIDDEN;
			case METHOD_NOT_ALLOWED -> METHOD_NOT_ALLOWED;
			case CONTENT_TOO_LARGE -> PAYLOAD_TOO_LARGE;
			case UNSUPPORTED_MEDIA_TYPE -> UNSUPPORTED_MEDIA_TYPE;
			case SERVICE_UNAVAILABLE -> SERVICE_UNAVAILABLE;
			default -> status.is4xxClientError() ? BAD_REQUEST : INTERNAL_ERROR;
		};
	}

	public static Optional<ProblemType> bySlug(String slug) {
		return Arrays.stream(values()).filter((t) -> t.slug.equals(slug)).findFirst();
	}

}
