package io.herald.api.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tiny HTTP client for tests: real requests, raw bodies, parsed JSON answers.
 */
public final class Api {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final String base;

	public Api(String base) {
		this.base = base;
	}

	public String base() {
		return this.base;
	}

	public Call call(String method, String path) {
		return new Call(method, path);
	}

	public Call get(String path) {
		return call("GET", path);
	}

	public Call post(String path) {
		return call("POST", path);
	}

	public static String json(Object value) {
		return JSON.writeValueAsString(value);
	}

	/** One request being built. */
	public final class Call {

		private final String method;

		private final String path;

		private final Map<String, String> headers = new LinkedHashMap<>();

		private byte[] body;

		Call(String method, String path) {
			this.method = method;
			this.path = path;
		}

		public Call token(String token) {
			return header("Authorization", "Bearer " + token);
		}

		public Call basic(String user, String password) {
			return header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
		}

		public Call header(String name, String value) {
			this.headers.put(name, value);
			return this;
		}

		public Call json(Object value) {
			return body((value instanceof String s) ? s : Api.json(value), "application/json");
		}

		public Call body(String raw, String contentType) {
			return body(raw.getBytes(StandardCharsets.UTF_8), contentType);
		}

		public Call body(byte[] raw, String contentType) {
			this.body = raw;
			if (contentType != null) {
				this.headers.put("Content-Type", contentType);
			}
			return this;
		}

		public Response send() {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Api.this.base + this.path))
				.method(this.method, (this.body != null) ? HttpRequest.BodyPublishers.ofByteArray(this.body)
						: HttpRequest.BodyPublishers.noBody());
			this.headers.forEach(request::header);
			try {
				HttpResponse<String> response = Api.this.http.send(request.build(),
						HttpResponse.BodyHandlers.ofString());
				return new Response(response);
			}
			catch (IOException ex) {
				throw new IllegalStateException(this.method + " " + this.path + " failed", ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

	/** An answer. */
	public record Response(HttpResponse<String> raw) {

		public int status() {
			return this.raw.statusCode();
		}

		public String body() {
			return this.raw.body();
		}

		public JsonNode json() {
			return JSON.readTree(this.raw.body());
		}

		public String header(String name) {
			return this.raw.headers().firstValue(name).orElse(null);
		}

		public String contentType() {
			return header("Content-Type");
		}

		@Override
		public String toString() {
			return this.raw.request().method() + " " + this.raw.uri() + " -> " + status() + " " + body();
		}

	}

}
