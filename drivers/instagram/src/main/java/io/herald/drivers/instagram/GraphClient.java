package io.herald.drivers.instagram;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;

import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.PublishException;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls to the Graph API. Tokens travel in the query (GET) or the form body (POST), as
 * Instagram documents; URLs are never logged or put in messages.
 */
final class GraphClient {

	private final OkHttpClient http;

	private final JsonMapper json;

	private final GraphErrors errors;

	private final HttpUrl root;

	private final HttpUrl versioned;

	GraphClient(OkHttpClient http, JsonMapper json, GraphErrors errors, InstagramProperties properties) {
		this.http = http;
		this.json = json;
		this.errors = errors;
		this.root = HttpUrl.get(properties.graphBaseUrl().toString());
		this.versioned = properties.apiVersion().isEmpty() ? this.root
				: this.root.newBuilder().addPathSegment(properties.apiVersion()).build();
	}

	/**
	 * A versioned GET such as {@code /v23.0/{ig-user-id}/media}.
	 */
	JsonNode get(String path, Map<String, String> query, String accessToken) throws PublishException {
		HttpUrl.Builder url = this.versioned.newBuilder().addPathSegments(path);
		query.forEach(url::addQueryParameter);
		url.addQueryParameter("access_token", accessToken);
		return execute(new Request.Builder().url(url.build()).get().build(), false);
	}

	/**
	 * An unversioned GET, for the token endpoints that live at the host's root.
	 */
	JsonNode getAtRoot(String path, Map<String, String> query) throws PublishException {
		HttpUrl.Builder url = this.root.newBuilder().addPathSegments(path);
		query.forEach(url::addQueryParameter);
		return execute(new Request.Builder().url(url.build()).get().build(), false);
	}

	/**
	 * A versioned POST with a form body.
	 * @param outcomeMatters whether a timeout, a reset or a server error (5xx) after
	 * sending leaves the outcome unknown (publishing), rather than being safe to repeat
	 * (creating a container): Instagram has been seen to publish and then answer 500
	 */
	JsonNode post(String path, Map<String, String> form, String accessToken, boolean outcomeMatters)
			throws PublishException {
		FormBody.Builder body = new FormBody.Builder();
		form.forEach(body::add);
		body.add("access_token", accessToken);
		HttpUrl url = this.versioned.newBuilder().addPathSegments(path).build();
		return execute(new Request.Builder().url(url).post(body.build()).build(), outcomeMatters);
	}

	/**
	 * A POST with a form body to another host (the OAuth code exchange).
	 */
	JsonNode postForm(HttpUrl url, Map<String, String> form) throws PublishException {
		FormBody.Builder body = new FormBody.Builder();
		form.forEach(body::add);
		return execute(new Request.Builder().url(url).post(body.build()).build(), false);
	}

	private JsonNode execute(Request request, boolean outcomeMatters) throws PublishException {
		try (Response response = this.http.newCall(request).execute()) {
			String body = response.body().string();
			if (!response.isSuccessful()) {
				GraphApiException error = this.errors.fromResponse(response.code(), body, response.headers());
				throw (outcomeMatters && response.code() >= 500) ? error.asUnknownOutcome() : error;
			}
			return parse(body, response.code(), outcomeMatters);
		}
		catch (IOException ex) {
			throw ioFailure(ex, outcomeMatters);
		}
	}

	/**
	 * A success without a readable body proves nothing about a publishing call: it may
	 * have been applied.
	 */
	private JsonNode parse(String body, int status, boolean outcomeMatters) throws PublishException {
		try {
			return this.json.readTree(body);
		}
		catch (RuntimeException ex) {
			throw new PublishException(outcomeMatters ? ErrorKind.UNKNOWN_OUTCOME : ErrorKind.TRANSIENT,
					"Instagram answered HTTP " + status + " with no JSON.", null, status, null, null, ex);
		}
	}

	private static PublishException ioFailure(IOException ex, boolean outcomeMatters) {
		String detail = ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "");
		if (!outcomeMatters || neverSent(ex)) {
			return new PublishException(ErrorKind.TRANSIENT, "Instagram could not be reached (" + detail + ").", null,
					null, null, null, ex);
		}
		return new PublishException(ErrorKind.UNKNOWN_OUTCOME,
				"Instagram did not answer after the request was sent (" + detail + ").", null, null, null, null, ex);
	}

	private static boolean neverSent(IOException ex) {
		if (ex instanceof ConnectException || ex instanceof UnknownHostException
				|| ex instanceof NoRouteToHostException) {
			return true;
		}
		return ex instanceof SocketTimeoutException && ex.getMessage() != null
				&& ex.getMessage().toLowerCase(Locale.ROOT).contains("connect");
	}

}
