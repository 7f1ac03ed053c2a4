package io.herald.drivers.x;

import java.io.IOException;
import java.time.Clock;

import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.PublishException;
import io.herald.drivers.spi.RateBudget;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends requests to X and turns every answer into JSON or a {@link PublishException}.
 */
final class XHttp {

	static final MediaType JSON = MediaType.get("application/json");

	private final OkHttpClient client;

	private final JsonMapper json;

	private final Clock clock;

	private final HttpUrl apiBase;

	XHttp(XProperties properties, JsonMapper json, Clock clock) {
		this.client = new OkHttpClient.Builder().connectTimeout(properties.connectTimeout())
			.readTimeout(properties.readTimeout())
			.writeTimeout(properties.readTimeout())
			// OkHttp would silently resend a POST after some connection failures; a
			// resent
			// post is a duplicate post, so Herald decides about retries itself.
			.retryOnConnectionFailure(false)
			.addNetworkInterceptor(XHttp::markSent)
			.build();
		this.json = json;
		this.clock = clock;
		this.apiBase = HttpUrl.get(properties.apiBaseUrl().toString());
	}

	JsonMapper json() {
		return this.json;
	}

	/**
	 * A URL under the API base.
	 * @param path the path segments, such as {@code 2/users/me}
	 * @return a builder for the URL
	 */
	HttpUrl.Builder url(String path) {
		return this.apiBase.newBuilder().addPathSegments(path);
	}

	Request.Builder authorized(HttpUrl url, String accessToken) {
		return new Request.Builder().url(url).header("Authorization", "Bearer " + accessToken);
	}

	RequestBody jsonBody(Object value) {
		return RequestBody.create(this.json.writeValueAsBytes(value), JSON);
	}

	/**
	 * Sends a request that may safely be repeated.
	 * @param request the request
	 * @param scope the rate-limit scope of the endpoint
	 * @return the answer
	 * @throws PublishException when the call fails
	 */
	XResponse send(Request request, String scope) throws PublishException {
		return send(request, scope, false);
	}

	/**
	 * Sends a request.
	 * @param request the request
	 * @param scope the rate-limit scope of the endpoint
	 * @param createsPost whether repeating the request could publish twice, so a lost
	 * answer is an unknown outcome rather than a transient failure
	 * @return the answer
	 * @throws PublishException when the call fails
	 */
	XResponse send(Request request, String scope, boolean createsPost) throws PublishException {
		try (Response response = this.client.newCall(request).execute()) {
			RateBudget budget = XRateLimits.budget(response.headers(), scope);
			String body = readBody(response);
			if (!response.isSuccessful()) {
				throw XErrors.possiblyApplied(XErrors.fromResponse(response.code(), response.headers(), body, budget,
						this.clock.instant(), this.json), createsPost);
			}
			try {
				return new XResponse(response.code(), parse(body, response.code()), budget);
			}
			catch (PublishException ex) {
				throw XErrors.possiblyApplied(ex, createsPost);
			}
		}
		catch (RequestSentException ex) {
			throw XErrors.fromIo((IOException) ex.getCause(), true, createsPost);
		}
		catch (IOException ex) {
			throw XErrors.fromIo(ex, false, createsPost);
		}
	}

	private static String readBody(Response response) throws RequestSentException {
		ResponseBody body = response.body();
		try {
			return body.string();
		}
		catch (IOException ex) {
			throw new RequestSentException(ex);
		}
	}

	private JsonNode parse(String body, int status) throws PublishException {
		if (body.isBlank()) {
			return this.json.createObjectNode();
		}
		try {
			return this.json.readTree(body);
		}
		catch (JacksonException ex) {
			throw new PublishException(ErrorKind.TRANSIENT,
					"X answered HTTP " + status + " with a body that is not JSON.", null, status, null, null, ex);
		}
	}

	/**
	 * Network interceptors run once the connection is open, so a failure inside one means
	 * the request may have reached X.
	 */
	private static Response markSent(Interceptor.Chain chain) throws IOException {
		try {
			return chain.proceed(chain.request());
		}
		catch (IOException ex) {
			throw new RequestSentException(ex);
		}
	}

	/**
	 * A successful answer.
	 *
	 * @param status the HTTP status
	 * @param body the JSON body
	 * @param budget the rate budget from the headers, or {@code null}
	 */
	record XResponse(int status, JsonNode body, RateBudget budget) {

		JsonNode data() {
			return this.body.path("data");
		}

	}

	/** Marks a failure that happened after the connection to X was open. */
	static final class RequestSentException extends IOException {

		private static final long serialVersionUID = 1L;

		RequestSentException(IOException cause) {
			super(cause.getMessage(), cause);
		}

	}

}
