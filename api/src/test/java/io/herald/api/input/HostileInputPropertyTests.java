package io.herald.api.input;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.BeforeProperty;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.herald.api.support.Api;
import io.herald.api.support.ApiIntegrationTest;
import io.herald.api.support.Fixtures.Tenant;
import io.herald.api.web.UiSession;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.test.context.TestContextManager;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated hostile input against every operation of the OpenAPI document and every UI
 * route: each field, parameter and path variable gets plausible or hostile values of its
 * type (see {@link HostileValues}). Whatever is sent, Herald answers without a 5xx, and
 * the API answers every 4xx with a problem document.
 * <p>
 * jqwik runs these properties; the Spring context is the one every API test shares
 * (Spring's test context cache), prepared here by hand since jqwik is not JUnit Jupiter.
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

	/** Routes that would end the session the properties run in. */
	private static final Set<String> UI_SKIPPED = Set.of("/logout");

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	private Tenant tenant;

	private Map<String, String> known;

	private JsonNode openApi;

	private UiSession browser;

	@BeforeProperty
	void prepare() throws Exception {
		new TestContextManager(getClass()).prepareTestInstance(this);
		this.api = new Api("http://localhost:" + this.port);
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

	@Property(tries = 400, shrinking = ShrinkingMode.OFF)
	void no_api_operation_answers_hostile_input_with_a_5xx_or_without_a_problem(
			@ForAll("apiRequests") ApiRequest request) {
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
			return;
		}
		assertThat(response.status()).as(request + " -> " + response).isLessThan(500);
		if (response.status() >= 400) {
			assertThat(response.contentType()).as(request + " -> " + response).startsWith("application/problem+json");
		}
		assertThat(response.body()).as(request + " -> " + response).doesNotContain("Exception", "\tat ");
	}

	@Property(tries = 250, shrinking = ShrinkingMode.OFF)
	void no_ui_route_answers_hostile_input_with_a_5xx(@ForAll("uiRequests") UiRequest request) {
		HttpResponse<String> response = "GET".equals(request.method()) ? this.browser.get(request.pathAndQuery())
				: this.browser.postAll(request.path(), request.fields(), true);
		assertThat(response.statusCode()).as(request + " -> " + response.body()).isLessThan(500);
		assertThat(response.body()).as(request.toString()).doesNotContain("Exception", "\tat ");
	}

	@Provide
	Arbitrary<ApiRequest> apiRequests() {
		List<Arbitrary<ApiRequest>> operations = new ArrayList<>();
		this.openApi.get("paths").properties().forEach((path) -> path.getValue().properties().forEach((operation) -> {
			String method = operation.getKey().toUpperCase();
			if (List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
				operations.add(operation(method, path.getKey(), operation.getValue()));
			}
		}));
		assertThat(operations).as("operations in the OpenAPI document").hasSizeGreaterThan(20);
		return Arbitraries.oneOf(operations);
	}

	@Provide
	Arbitrary<UiRequest> uiRequests() {
		List<Arbitrary<UiRequest>> routes = new ArrayList<>();
		Set<String> fields = new TreeSet<>(UI_FIELDS);
		for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : this.mappings.getHandlerMethods().entrySet()) {
			if (!mapping.getValue().getBeanType().getPackageName().startsWith("io.herald.api.web")) {
				continue;
			}
			for (MethodParameter parameter : mapping.getValue().getMethodParameters()) {
				RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
				if (param != null) {
					fields.add(!param.name().isEmpty() ? param.name() : parameter.getParameterName());
				}
			}
		}
		for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : this.mappings.getHandlerMethods().entrySet()) {
			if (!mapping.getValue().getBeanType().getPackageName().startsWith("io.herald.api.web")) {
				continue;
			}
			Set<String> methods = new LinkedHashSet<>();
			mapping.getKey().getMethodsCondition().getMethods().forEach((m) -> methods.add(m.name()));
			if (methods.isEmpty()) {
				methods.add("GET");
			}
			for (String pattern : mapping.getKey().getPatternValues()) {
				if (UI_SKIPPED.contains(pattern) || pattern.equals("/error")) {
					continue;
				}
				for (String method : methods) {
					routes.add(uiRoute(method, pattern, fields));
				}
			}
		}
		assertThat(routes).as("UI routes").hasSizeGreaterThan(10);
		return Arbitraries.oneOf(routes);
	}

	private Arbitrary<ApiRequest> operation(String method, String template, JsonNode operation) {
		Arbitrary<String> path = path(template);
		Map<String, Arbitrary<Object>> query = new LinkedHashMap<>();
		Map<String, Arbitrary<Object>> headers = new LinkedHashMap<>();
		for (JsonNode parameter : iterable(operation.get("parameters"))) {
			String in = parameter.get("in").asString();
			String name = parameter.get("name").asString();
			Arbitrary<Object> value = value(name, parameter.get("schema"), 0).map(HostileInputPropertyTests::text);
			if ("query".equals(in)) {
				query.put(name, value);
			}
			else if ("header".equals(in)) {
				headers.put(name, value);
			}
		}
		Arbitrary<Object> queryValues = HostileValues.object(query);
		Arbitrary<Object> headerValues = HostileValues.object(headers);
		Arbitrary<Body> body = body(operation.get("requestBody"));
		return Combinators.combine(path, queryValues, headerValues, body).as((p, q, h, b) -> {
			@SuppressWarnings("unchecked")
			Map<String, Object> queryMap = (Map<String, Object>) q;
			@SuppressWarnings("unchecked")
			Map<String, Object> headerMap = (Map<String, Object>) h;
			StringBuilder uri = new StringBuilder(p);
			String separator = "?";
			for (Map.Entry<String, Object> parameter : queryMap.entrySet()) {
				uri.append(separator).append(parameter.getKey()).append('=').append(encode(parameter.getValue()));
				separator = "&";
			}
			Map<String, String> headerText = new LinkedHashMap<>();
			headerMap.forEach((name, value) -> headerText.put(name, String.valueOf(value)));
			return new ApiRequest(method, uri.toString(), headerText, (b != null) ? b.bytes() : null,
					(b != null) ? b.contentType() : null);
		});
	}

	private Arbitrary<String> path(String template) {
		Matcher matcher = PATH_VARIABLE.matcher(template);
		if (!matcher.find()) {
			return Arbitraries.just(template);
		}
		String variable = matcher.group(1);
		String prefix = template.substring(0, matcher.start());
		String rest = template.substring(matcher.end());
		Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.just(knownIdFor(prefix, variable)),
				HostileValues.parameter(),
				Arbitraries.of("sandbox", "x", "bluesky", "instagram", "oauthtest", "invalid-field", "malformed-json"));
		return Combinators.combine(value, path(rest)).as((v, r) -> prefix + encode(v) + r);
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

	private Arbitrary<Body> body(JsonNode requestBody) {
		if (requestBody == null || requestBody.isMissingNode() || requestBody.isNull()) {
			return Arbitraries.just(null);
		}
		JsonNode content = requestBody.get("content");
		if (content.has("multipart/form-data")) {
			JsonNode schema = resolve(content.get("multipart/form-data").get("schema"));
			Arbitrary<String> altText = Arbitraries.oneOf(HostileValues.text(),
					Arbitraries.strings().alpha().ofMaxLength(20));
			boolean hasAltText = schema.has("properties") && schema.get("properties").has("altText");
			return Combinators.combine(altText, Arbitraries.of(true, false))
				.as((alt, png) -> multipart(hasAltText ? alt : null, png));
		}
		JsonNode json = content.has("application/json") ? content.get("application/json")
				: content.properties().iterator().next().getValue();
		Arbitrary<Object> value = value("body", json.get("schema"), 0);
		Arbitrary<Object> raw = Arbitraries.of("", "{", "[]", "null", "42", "{\"a\":", "\u0000",
				"{\"text\":\"\\ud800\"}");
		return Arbitraries.frequencyOf(
				Tuple.of(8, value.map((v) -> new Body(JSON.writeValueAsBytes(v), "application/json"))), Tuple.of(1, raw
					.map((r) -> new Body(String.valueOf(r).getBytes(StandardCharsets.UTF_8), "application/json"))));
	}

	/**
	 * A plausible or a hostile value for a field of this schema.
	 */
	private Arbitrary<Object> value(String name, JsonNode schema, int depth) {
		JsonNode resolved = resolve(schema);
		if (depth > 5 || resolved == null) {
			return HostileValues.anyJson();
		}
		return Arbitraries.frequencyOf(Tuple.of(3, plausible(name, resolved, depth)),
				Tuple.of(2, hostile(name, resolved, depth)));
	}

	private Arbitrary<Object> plausible(String name, JsonNode schema, int depth) {
		String type = schema.path("type").asString("");
		String format = schema.path("format").asString("");
		if (schema.has("enum")) {
			List<Object> values = new ArrayList<>();
			schema.get("enum").forEach((v) -> values.add(v.asString()));
			return Arbitraries.of(values);
		}
		if ("uuid".equals(format)) {
			return Arbitraries.of(this.known.getOrDefault(name, UUID.randomUUID().toString()),
					UUID.randomUUID().toString());
		}
		if ("date-time".equals(format) || isTime(name)) {
			return Arbitraries.of("2030-01-01T10:00:00Z", "2030-06-15T09:30", "2026-01-01T00:00:00+02:00");
		}
		return switch (type) {
			case "integer", "number" -> Arbitraries.integers().between(0, 300).map((i) -> (Object) i);
			case "boolean" -> Arbitraries.of(true, false);
			case "array" -> value(name, schema.get("items"), depth + 1).list().ofMaxSize(3).map((l) -> (Object) l);
			case "object" -> fields(schema, depth);
			default -> switch (name) {
				case "timeZone" -> Arbitraries.of("Europe/Berlin", "UTC", "America/New_York");
				case "network" -> Arbitraries.of("sandbox");
				case "email" ->
					Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10).map((s) -> s + "@example.com");
				default -> Arbitraries.strings().alpha().ofMaxLength(30).map((s) -> (Object) s);
			};
		};
	}

	private Arbitrary<Object> hostile(String name, JsonNode schema, int depth) {
		String type = schema.path("type").asString("");
		String format = schema.path("format").asString("");
		if ("uuid".equals(format)) {
			return HostileValues.uuids().map((s) -> (Object) s);
		}
		if ("date-time".equals(format) || isTime(name)) {
			return HostileValues.instants().map((s) -> (Object) s);
		}
		return switch (type) {
			case "integer", "number" -> Arbitraries.oneOf(HostileValues.numbers(), HostileValues.anyJson());
			case "array" -> HostileValues.arrayOf(value(name, schema.get("items"), depth + 1));
			case "object" -> Arbitraries.oneOf(HostileValues.anyJson(), fields(schema, depth));
			case "string" -> Arbitraries.oneOf(HostileValues.text().map((s) -> (Object) s), HostileValues.anyJson());
			default -> HostileValues.anyJson();
		};
	}

	private Arbitrary<Object> fields(JsonNode schema, int depth) {
		Map<String, Arbitrary<Object>> fields = new LinkedHashMap<>();
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

	private Arbitrary<UiRequest> uiRoute(String method, String pattern, Set<String> fields) {
		Arbitrary<String> path = uiPath(pattern);
		Arbitrary<String> value = Arbitraries.oneOf(HostileValues.parameter(), HostileValues.dates(),
				Arbitraries.of(this.known.get("accountId"), this.known.get("postId"), this.known.get("assetId")),
				Arbitraries.strings().alpha().ofMaxLength(10));
		Arbitrary<List<Map.Entry<String, String>>> form = Combinators
			.combine(Arbitraries.of(List.copyOf(fields)), value)
			.as(Map::entry)
			.list()
			.ofMaxSize(6);
		return Combinators.combine(path, form).as((p, f) -> new UiRequest(method, p, f));
	}

	private Arbitrary<String> uiPath(String pattern) {
		Matcher matcher = PATH_VARIABLE.matcher(pattern);
		if (!matcher.find()) {
			return Arbitraries.just(pattern);
		}
		String prefix = pattern.substring(0, matcher.start());
		String rest = pattern.substring(matcher.end());
		Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.just(knownIdFor(prefix, matcher.group(1))),
				HostileValues.parameter(), Arbitraries.of("sandbox", "x", "oauthtest", "tokentest"));
		return Combinators.combine(value, uiPath(rest)).as((v, r) -> prefix + encode(v) + r);
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
