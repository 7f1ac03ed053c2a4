package io.herald.api.web;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser session over plain HTTP: cookies, the CSRF token of the last page, form
 * posts. For server-side UI tests that need no JavaScript.
 */
public final class UiSession {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final String base;

	private String csrf;

	public UiSession(String base) {
		this.base = base;
	}

	public static UiSession signedIn(String base, String email, String password) {
		UiSession session = new UiSession(base);
		session.get("/login");
		HttpResponse<String> login = session.post("/login", Map.of("username", email, "password", password), true);
		if (login.statusCode() != 302 || login.headers().firstValue("Location").orElse("").contains("error")) {
			throw new IllegalStateException("Login failed: " + login.statusCode() + " " + login.headers().map());
		}
		return session;
	}

	public String csrf() {
		return this.csrf;
	}

	public HttpResponse<String> get(String path) {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
			.GET());
		Matcher matcher = CSRF.matcher(response.body());
		if (matcher.find()) {
			this.csrf = matcher.group(1);
		}
		return response;
	}

	public HttpResponse<String> post(String path, Map<String, String> fields, boolean withCsrf) {
		return postAll(path, fields.entrySet().stream().map((e) -> Map.entry(e.getKey(), e.getValue())).toList(),
				withCsrf);
	}

	public HttpResponse<String> postAll(String path, List<Map.Entry<String, String>> fields, boolean withCsrf) {
		String body = fields.stream()
			.map((e) -> encode(e.getKey()) + "=" + encode(e.getValue()))
			.collect(Collectors.joining("&"));
		if (withCsrf) {
			body = (body.isEmpty() ? "" : body + "&") + "_csrf=" + encode(this.csrf);
		}
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
