package io.herald.api.input;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.herald.api.support.Api;
import io.herald.api.support.ApiIntegrationTest;
import io.herald.api.support.Fixtures.Tenant;
import io.herald.api.support.Route;
import io.herald.api.web.UiSession;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated hostile input against every operation of the OpenAPI document and every UI
 * route: each field, parameter and path variable gets plausible or hostile values of its
 * type (see {@link HostileValues}). Whatever is sent, Herald answers without a 5xx, and
 * the API answers every 4xx with a problem document.
 * <p>
 * Each run draws a new seed (shown with every failure);
 * {@code -Dherald.hostile.seed=<seed>} repeats a run exactly. All failures of a run are
 * collected, so one run shows every distinct hole.
 */
class HostileInputPropertyTests extends ApiIntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder()
		// escaped, so that an unpaired surrogate reaches the server as \\ud800
		.enable(JsonWriteFeature.ESCAPE_NON_ASCII)
		.build();

	private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]+)}");

	/** Forms and filters of the UI whose names the handler signatures do not show. */
	private static final Set<String> UI_FIELDS = Set.of("text", "zone", "when", "action", "accountIds", "media",
			"parts", "q", "status", "account", "from", "to", "date", "view", "network", "identifier", "secret",
			"serviceUrl", "altText", "name", "timeZone", "post", "id", "workspace", "variant");

	private static final int API_TRIES = 500;

	private static final int UI_TRIES = 300;

	/** Routes that would end the session the properties run in. */
	private static final Set<String> UI_SKIPPED = Set.of("/logout");

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	private Tenant tenant;

	private Map<String, String> known;

	private JsonNode openApi;

	private UiSession browser;

	@BeforeEach
	void prepare() {
		this.tenant = this.fixtures.tenant(this.api);
		String account = this.api.post("/api/v1/accounts")
			.token(this.tenant.token())
			.json("{\"network\":\"sandbox\",\"identifier\":\"hostile\"}")
			.send()
			.json()
			.get("id")
			.asString();
		String post = this.api.post("/api/v1/posts")
			.token(this.tenant.token())
			.json("{\"text\":\"t\",\"draft\":true}")
			.send()
			.json()
			.get("id")
			.asString();
		String asset = upload();
		this.known = Map.of("accountId", account, "postId", post, "assetId", asset, "workspaceId",
				this.tenant.workspaceId().toString());
		this.openApi = this.api.get("/v3/api-docs").send().json();
		this.browser = UiSession.signedIn(this.api.base(), this.tenant.email(), this.tenant.password());
		this.browser.get("/posts");
	}

	@Test
	void no_api_operation_answers_hostile_input_with_a_5xx_or_without_a_problem() {
		run(apiRequests(), API_TRIES, (request) -> {
			Api.Call call = this.api.call(request.method(), request.path()).token(this.tenant.token());
			request.headers().forEach(call::header);
			if (request.body() != null) {
				call.body(request.body(), request.contentType());
			}
			Api.Response response;
			try {
				response = call.send();
			}
			catch (IllegalArgumentException unsendable) {
				// The HTTP client refuses some header values (NUL, CR LF) itself.
				return null;
			}
			boolean problem = response.status() < 400
					|| response.contentType() != null && response.contentType().startsWith("application/problem+json");
			return (response.status() < 500 && problem && !leaksInternals(response.body())) ? null
					: response.toString();
		});
	}

	@Test
	void no_ui_route_answers_hostile_input_with_a_5xx() {
		run(uiRequests(), UI_TRIES, (request) -> {
			HttpResponse<String> response = "GET".equals(request.method()) ? this.browser.get(request.pathAndQuery())
					: this.browser.postAll(request.path(), request.fields(), true);
			return (response.statusCode() < 500 && !leaksInternals(response.body())) ? null
					: response.statusCode() + " " + response.body();
		});
	}

	/**
	 * Sends {@code tries} generated requests and fails with every request that got a
	 * wrong answer.
	 * @param check the wrong answer, or {@code null} when the answer is right
	 */
	private static <R> void run(Gen<R> requests, int tries, Function<R, String> check) {
		long seed = Long.getLong("herald.hostile.seed", System.nanoTime());
		Random random = new Random(seed);
		List<String> failures = new ArrayList<>();
		for (int i = 0; i < tries && failures.size() < 20; i++) {
			R request = requests.next(random);
			String failure = check.apply(request);
			if (failure != null) {
				failures.add(request + "\n    -> " + failure);
			}
		}
		assertThat(failures).as("wrong answers (repeat with -Dherald.hostile.seed=" + seed + ")").isEmpty();
	}

	private static boolean leaksInternals(String body) {
		return body.contains("Exception") || body.contains("\tat ");
	}

	private Gen<ApiRequest> apiRequests() {
		List<Gen<ApiRequest>> operations = new ArrayList<>();
		this.openApi.get("paths").properties().forEach((path) -> path.getValue().properties().forEach((operation) -> {
			String method = operation.getKey().toUpperCase();
			if (List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
				operations.add(operation(method, path.getKey(), operation.getValue()));
			}
		}));
		assertThat(operations).as("operations in the OpenAPI document").hasSizeGreaterThan(20);
		return Gen.oneOf(operations);
	}

	private Gen<UiRequest> uiRequests() {
		List<Gen<UiRequest>> routes = new ArrayList<>();
		Set<String> fields = new TreeSet<>(UI_FIELDS);
		for (Route route : Route.of(this.mappings)) {
			if (!route.ui()) {
				continue;
			}
			for (MethodParameter parameter : route.handler().getMethodParameters()) {
				RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
				if (param != null) {
					fields.add(!param.name().isEmpty() ? param.name() : parameter.getParameterName());
				}
			}
		}
		for (Route route : Route.of(this.mappings)) {
			if (route.ui() && !UI_SKIPPED.contains(route.pattern()) && !route.pattern().equals("/error")) {
				routes.add(uiRoute(route.method(), route.pattern(), fields));
			}
		}
		assertThat(routes).as("UI routes").hasSizeGreaterThan(10);
		return Gen.oneOf(routes);
	}

	private Gen<ApiRequest> operation(String method, String template, JsonNode operation) {
		Gen<String> path = path(template);
		Map<String, Gen<Object>> query = new LinkedHashMap<>();
		Map<String, Gen<Object>> headers = new LinkedHashMap<>();
		for (JsonNode parameter : iterable(operation.get("parameters"))) {
			String in = parameter.get("in").asString();
			String name = parameter.get("name").asString();
			Gen<Object> value = value(name, parameter.get("schema"), 0).map(HostileInputPropertyTests::text);
			if ("query".equals(in)) {
				query.put(name, value);
			}
			else if ("header".equals(in)) {
				headers.put(name, value);
			}
		}
		Gen<Map<String, Object>> queryValues = HostileValues.object(query);
		Gen<Map<String, Object>> headerValues = HostileValues.object(headers);
		Gen<Body> body = body(operation.get("requestBody"));
		return (random) -> {
			StringBuilder uri = new StringBuilder(path.next(random));
			String separator = "?";
			for (Map.Entry<String, Object> parameter : queryValues.next(random).entrySet()) {
				uri.append(separator).append(parameter.getKey()).append('=').append(encode(parameter.getValue()));
				separator = "&";
			}
			Map<String, String> headerText = new LinkedHashMap<>();
			headerValues.next(random).forEach((name, value) -> headerText.put(name, String.valueOf(value)));
			Body b = body.next(random);
			return new ApiRequest(method, uri.toString(), headerText, (b != null) ? b.bytes() : null,
					(b != null) ? b.contentType() : null);
		};
	}

	private Gen<String> path(String template) {
		Matcher matcher = PATH_VARIABLE.matcher(template);
		if (!matcher.find()) {
			return Gen.just(template);
		}
		String prefix = template.substring(0, matcher.start());
		Gen<String> value = Gen.oneOf(Gen.just(knownIdFor(prefix, matcher.group(1))), HostileValues.parameter(),
				Gen.of("sandbox", "x", "bluesky", "instagram", "oauthtest", "tokentest", "invalid-field"));
		Gen<String> rest = path(template.substring(matcher.end()));
		return (random) -> prefix + encode(value.next(random)) + rest.next(random);
	}

	private String knownIdFor(String prefix, String variable) {
		if (prefix.contains("/posts")) {
			return this.known.get("postId");
		}
		if (prefix.contains("/accounts")) {
			return this.known.get("accountId");
		}
		if (prefix.contains("/assets")) {
			return this.known.get("assetId");
		}
		if (prefix.contains("/workspaces")) {
			return this.known.get("workspaceId");
		}
		return variable;
	}

	private Gen<Body> body(JsonNode requestBody) {
		if (requestBody == null || requestBody.isMissingNode() || requestBody.isNull()) {
			return Gen.just(null);
		}
		JsonNode content = requestBody.get("content");
		if (content.has("multipart/form-data")) {
			JsonNode schema = resolve(content.get("multipart/form-data").get("schema"));
			boolean hasAltText = schema != null && schema.path("properties").has("altText");
			Gen<String> altText = Gen.oneOf(HostileValues.text(), Gen.letters(20));
			return (random) -> multipart(hasAltText ? altText.next(random) : null, random.nextBoolean());
		}
		JsonNode json = content.has("application/json") ? content.get("application/json")
				: content.properties().iterator().next().getValue();
		Gen<Body> value = value("body", json.get("schema"), 0)
			.map((v) -> new Body(JSON.writeValueAsBytes(v), "application/json"));
		Gen<String> rawText = Gen.of("", "{", "[]", "null", "42", "{\"a\":", "\u0000", "{\"text\":\"\\ud800\"}", "<a/>",
				"a=b&c");
		Gen<String> contentType = Gen.of("application/json", "text/plain", "application/xml",
				"multipart/form-data; boundary=xyz", "application/x-www-form-urlencoded",
				"application/json; charset=bogus");
		Gen<Body> raw = (random) -> new Body(rawText.next(random).getBytes(StandardCharsets.UTF_8),
				contentType.next(random));
		return Gen.weighted(8, value, 1, raw);
	}

	/**
	 * A plausible or a hostile value for a field of this schema.
	 */
	private Gen<Object> value(String name, JsonNode schema, int depth) {
		JsonNode resolved = resolve(schema);
		if (depth > 5 || resolved == null) {
			return HostileValues.anyJson();
		}
		return Gen.weighted(3, plausible(name, resolved, depth), 2, hostile(name, resolved, depth));
	}

	private Gen<Object> plausible(String name, JsonNode schema, int depth) {
		String type = schema.path("type").asString("");
		String format = schema.path("format").asString("");
		if (schema.has("enum")) {
			List<Object> values = new ArrayList<>();
			schema.get("enum").forEach((v) -> values.add(v.asString()));
			return Gen.of(values);
		}
		if ("uuid".equals(format)) {
			String known = this.known.get(name);
			Gen<Object> random = (r) -> new UUID(r.nextLong(), r.nextLong()).toString();
			return (known != null) ? Gen.oneOf(Gen.just(known), random) : random;
		}
		if ("date-time".equals(format) || isTime(name)) {
			return Gen.of("2030-01-01T10:00:00Z", "2030-06-15T09:30", "2026-01-01T00:00:00+02:00");
		}
		return switch (type) {
			case "integer", "number" -> Gen.integers(0, 300).map((i) -> (Object) i);
			case "boolean" -> Gen.of(true, false);
			case "array" -> value(name, schema.get("items"), depth + 1).list(3).map((l) -> (Object) l);
			case "object" -> fields(schema, depth).map((o) -> (Object) o);
			default -> switch (name) {
				case "timeZone" -> Gen.of("Europe/Berlin", "UTC", "America/New_York");
				case "network" -> Gen.of("sandbox");
				case "email" -> Gen.letters(10).map((s) -> s + "x@example.com");
				default -> Gen.letters(30).map((s) -> (Object) s);
			};
		};
	}

	private Gen<Object> hostile(String name, JsonNode schema, int depth) {
		String type = schema.path("type").asString("");
		String format = schema.path("format").asString("");
		if ("uuid".equals(format)) {
			return HostileValues.uuids().map((s) -> (Object) s);
		}
		if ("date-time".equals(format) || isTime(name)) {
			return HostileValues.instants().map((s) -> (Object) s);
		}
		return switch (type) {
			case "integer", "number" -> Gen.oneOf(HostileValues.numbers(), HostileValues.anyJson());
			case "array" -> HostileValues.arrayOf(value(name, schema.get("items"), depth + 1));
			case "object" -> Gen.oneOf(HostileValues.anyJson(), fields(schema, depth).map((o) -> (Object) o));
			case "string" -> Gen.oneOf(HostileValues.text().map((s) -> (Object) s), HostileValues.anyJson());
			default -> HostileValues.anyJson();
		};
	}

	private Gen<Map<String, Object>> fields(JsonNode schema, int depth) {
		Map<String, Gen<Object>> fields = new LinkedHashMap<>();
		schema.path("properties")
			.properties()
			.forEach((p) -> fields.put(p.getKey(), value(p.getKey(), p.getValue(), depth + 1)));
		return HostileValues.object(fields);
	}

	private JsonNode resolve(JsonNode schema) {
		if (schema == null || schema.isMissingNode() || schema.isNull()) {
			return null;
		}
		if (schema.has("$ref")) {
			String name = schema.get("$ref").asString().substring("#/components/schemas/".length());
			return this.openApi.get("components").get("schemas").get(name);
		}
		if (schema.has("allOf")) {
			return resolve(schema.get("allOf").get(0));
		}
		return schema;
	}

	private Gen<UiRequest> uiRoute(String method, String pattern, Set<String> fields) {
		Gen<String> path = uiPath(pattern);
		Gen<String> value = Gen.oneOf(HostileValues.parameter(), HostileValues.dates(),
				Gen.of(this.known.get("accountId"), this.known.get("postId"), this.known.get("assetId")),
				Gen.letters(10));
		Gen<String> name = Gen.of(List.copyOf(fields));
		Gen<List<Map.Entry<String, String>>> form = ((Gen<Map.Entry<String, String>>) (random) -> Map
			.entry(name.next(random), value.next(random))).list(6);
		return (random) -> new UiRequest(method, path.next(random), form.next(random));
	}

	private Gen<String> uiPath(String pattern) {
		Matcher matcher = PATH_VARIABLE.matcher(pattern);
		if (!matcher.find()) {
			return Gen.just(pattern);
		}
		String prefix = pattern.substring(0, matcher.start());
		Gen<String> value = Gen.oneOf(Gen.just(knownIdFor(prefix, matcher.group(1))), HostileValues.parameter(),
				Gen.of("sandbox", "x", "oauthtest", "tokentest"));
		Gen<String> rest = uiPath(pattern.substring(matcher.end()));
		return (random) -> prefix + encode(value.next(random)) + rest.next(random);
	}

	private String upload() {
		Body body = multipart("An asset", true);
		return this.api.post("/api/v1/assets")
			.token(this.tenant.token())
			.body(body.bytes(), body.contentType())
			.send()
			.json()
			.get("id")
			.asString();
	}

	private static Body multipart(String altText, boolean png) {
		String boundary = "hostile-" + UUID.randomUUID();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
				+ "Content-Type: image/png\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		out.writeBytes(png ? Base64.getDecoder()
			.decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
				: "not an image".getBytes(StandardCharsets.UTF_8));
		if (altText != null) {
			out.writeBytes(
					("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"altText\"\r\n\r\n" + altText)
						.getBytes(StandardCharsets.UTF_8));
		}
		out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return new Body(out.toByteArray(), "multipart/form-data; boundary=" + boundary);
	}

	private static boolean isTime(String name) {
		return name.endsWith("At") || name.equals("from") || name.equals("to") || name.equals("date");
	}

	private static Object text(Object value) {
		return (value instanceof String) ? value : JSON.writeValueAsString(value);
	}

	private static String encode(Object value) {
		return URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8);
	}

	private static Iterable<JsonNode> iterable(JsonNode node) {
		return (node != null) ? node : List.of();
	}

	record Body(byte[] bytes, String contentType) {
	}

	record ApiRequest(String method, String path, Map<String, String> headers, byte[] body, String contentType) {

		@Override
		public String toString() {
			String shown = (this.body != null) ? new String(this.body, StandardCharsets.UTF_8) : "";
			return this.method + " " + this.path + " " + this.headers + " "
					+ ((shown.length() > 300) ? shown.substring(0, 300) + "…" : shown);
		}

	}

	record UiRequest(String method, String path, List<Map.Entry<String, String>> fields) {

		String pathAndQuery() {
			StringBuilder uri = new StringBuilder(this.path);
			String separator = "?";
			for (Map.Entry<String, String> field : this.fields) {
				uri.append(separator).append(encode(field.getKey())).append('=').append(encode(field.getValue()));
				separator = "&";
			}
			return uri.toString();
		}

	}

}
