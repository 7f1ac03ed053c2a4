package io.herald.drivers.bluesky;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.PublishException;
import io.herald.drivers.spi.RateBudget;
import io.herald.drivers.support.outbound.OutboundRefusedException;
import io.herald.drivers.support.outbound.ResponseTooLargeException;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Calls XRPC methods on a PDS and turns what comes back into responses or
 * {@link PublishException}s.
 */
final class Xrpc {

	private static final MediaType JSON = MediaType.get("application/json");

	/**
	 * Errors a PDS returns (with 400) for an access or refresh token it does not accept.
	 */
	private static final Set<String> TOKEN_ERRORS = Set.of("ExpiredToken", "InvalidToken", "AuthenticationRequired",
			"AuthMissing");

	/** Errors that mean the account itself cannot act any more. */
	private static final Set<String> ACCOUNT_ERRORS = Set.of("AccountTakedown", "AccountDeactivated",
			"AccountSuspended");

	private final OkHttpClient http;

	private final JsonMapper json;

	private final Clock clock;

	Xrpc(OkHttpClient http, JsonMapper json, Clock clock) {
		// A PDS never redirects XRPC calls; following one would carry an app password
		// (307/308 keep the body) somewhere the user did not name.
		this.http = http.newBuilder().followRedirects(false).eventListenerFactory(Xrpc::sendTracker).build();
		this.json = json;
		this.clock = clock;
	}

	JsonMapper json() {
		return this.json;
	}

	/** A GET of a query method; failures after sending are {@code TRANSIENT}. */
	XrpcResponse query(URI service, String nsid, Map<String, String> params, String token) throws PublishException {
		HttpUrl.Builder url = url(service, nsid).newBuilder();
		params.forEach(url::addQueryParameter);
		return call(authorized(new Request.Builder().url(url.build()).get(), token), false);
	}

	/**
	 * A POST of a procedure that may be repeated (sessions): a lost answer is
	 * {@code TRANSIENT}.
	 */
	XrpcResponse procedure(URI service, String nsid, JsonNode body, String token) throws PublishException {
		return call(authorized(new Request.Builder().url(url(service, nsid)).post(json(body)), token), false);
	}

	/**
	 * A POST that writes to a repository: a lost answer is {@code UNKNOWN_OUTCOME}, since
	 * the write may have happened.
	 */
	XrpcResponse write(URI service, String nsid, JsonNode body, String token) throws PublishException {
		return call(authorized(new Request.Builder().url(url(service, nsid)).post(json(body)), token), true);
	}

	private RequestBody json(JsonNode body) {
		return (body != null) ? RequestBody.create(this.json.writeValueAsBytes(body), JSON)
				: RequestBody.create(new byte[0], null);
	}

	/**
	 * A POST of raw bytes, as {@code uploadBlob} takes them. Blobs are content-addressed,
	 * so an upload whose answer was lost is simply repeated: {@code TRANSIENT}.
	 */
	XrpcResponse upload(URI service, String nsid, byte[] bytes, String contentType, String token)
			throws PublishException {
		RequestBody content = RequestBody.create(bytes, MediaType.get(contentType));
		return call(authorized(new Request.Builder().url(url(service, nsid)).post(content), token), false);
	}

	/**
	 * Maps a failed response to the error taxonomy, keeping the PDS's error and message.
	 * @param response the failed response
	 * @param authCall whether the call was made with credentials that cannot be renewed
	 * (createSession, refreshSession), so token errors mean the user must reconnect
	 */
	PublishException failure(XrpcResponse response, boolean authCall) {
		int status = response.status();
		String error = response.error();
		ErrorKind kind;
		Instant retryAt = null;
		if (status == 429 || "RateLimitExceeded".equals(error)) {
			kind = ErrorKind.RATE_LIMITED;
			retryAt = (response.budget() != null) ? response.budget().resetAt() : this.clock.instant().plusSeconds(60);
		}
		else if (status >= 500) {
			kind = ErrorKind.TRANSIENT;
		}
		else if (ACCOUNT_ERRORS.contains(error) || status == 403) {
			kind = ErrorKind.AUTH_REVOKED;
		}
		else if (status == 401 || TOKEN_ERRORS.contains(error)) {
			kind = authCall ? ErrorKind.AUTH_REVOKED : ErrorKind.AUTH_EXPIRED;
		}
		else {
			// InvalidRecord, BlobTooLarge, InvalidRequest (lexicon validation), 413, ...
			kind = ErrorKind.INVALID_CONTENT;
		}
		return new PublishException(kind, response.describe(), retryAt, status, error.isEmpty() ? null : error,
				response.budget(), null);
	}

	private static HttpUrl url(URI service, String nsid) {
		HttpUrl base = HttpUrl.get(service.toString());
		return base.newBuilder().addPathSegment("xrpc").addPathSegment(nsid).build();
	}

	private static Request authorized(Request.Builder builder, String token) {
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder.tag(SendState.class, new SendState()).build();
	}

	private XrpcResponse call(Request request, boolean unsafeToRepeat) throws PublishException {
		SendState state = request.tag(SendState.class);
		try (Response response = this.http.newCall(request).execute()) {
			return new XrpcResponse(response.code(), body(response), budget(response));
		}
		catch (IOException ex) {
			boolean sent = state != null && state.sent;
			ErrorKind kind = (sent && unsafeToRepeat) ? ErrorKind.UNKNOWN_OUTCOME : ErrorKind.TRANSIENT;
			String what = sent ? "no answer after sending" : "could not send";
			// The exception's own message names addresses and ports; the class says
			// enough.
			throw new PublishException(kind, what + " " + request.url().encodedPath() + ": " + describe(ex), null, null,
					null, null, ex);
		}
	}

	private JsonNode body(Response response) throws IOException {
		ResponseBody body = response.body();
		String text = body.string();
		if (text.isEmpty()) {
			return JsonNodeFactory.instance.objectNode();
		}
		try {
			return this.json.readTree(text);
		}
		catch (JacksonException ex) {
			// Proxies in front of a PDS answer 502/504 with HTML. Whatever else answered,
			// its text is not repeated: it may be any service's page.
			return JsonNodeFactory.instance.objectNode().put("message", "not an XRPC answer");
		}
	}

	private static String describe(IOException ex) {
		boolean policy = ex instanceof OutboundRefusedException || ex instanceof ResponseTooLargeException;
		return ex.getClass().getSimpleName() + (policy ? " " + ex.getMessage() : "");
	}

	private static RateBudget budget(Response response) {
		String limit = response.header("ratelimit-limit");
		String remaining = response.header("ratelimit-remaining");
		String reset = response.header("ratelimit-reset");
		if (remaining == null || reset == null) {
			return null;
		}
		try {
			String policy = response.header("ratelimit-policy");
			return new RateBudget((policy != null) ? policy : "xrpc", Integer.parseInt(remaining.trim()),
					(limit != null) ? Integer.parseInt(limit.trim()) : 0,
					Instant.ofEpochSecond(Long.parseLong(reset.trim())));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static EventListener sendTracker(Call call) {
		SendState state = call.request().tag(SendState.class);
		if (state == null) {
			return EventListener.NONE;
		}
		return new EventListener() {

			@Override
			public void requestHeadersEnd(Call c, Request request) {
				state.sent = true;
			}

		};
	}

	/** Whether a request left this machine, to tell "not sent" from "no answer". */
	private static final class SendState {

		private volatile boolean sent;

	}

}
