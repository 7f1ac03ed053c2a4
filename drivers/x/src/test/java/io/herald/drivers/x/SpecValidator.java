package io.herald.drivers.x;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;

import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.MultipartReader;
import okio.Buffer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks requests and responses against the official X API v2 OpenAPI document vendored
 * in {@code src/test/resources/x-openapi}. Every message is an error, including query
 * parameters the spec does not define.
 */
final class SpecValidator {

	static final String SPEC = "/x-openapi/openapi.json";

	/** The part's field name, not its {@code filename}. */
	private static final Pattern FIELD_NAME = Pattern.compile("(?<![A-Za-z])name=\"([^\"]*)\"");

	private final OpenApiInteractionValidator validator;

	/**
	 * The operations the driver calls. The validator copies every component schema into
	 * each schema it compiles, which makes the whole 800 kB document slow to use; so it
	 * gets these operations with every component they reference, unchanged. A request to
	 * any other operation is a violation.
	 */
	static final Map<String, Set<String>> OPERATIONS = Map.of("/2/tweets", Set.of("post"), "/2/users/me", Set.of("get"),
			"/2/users/{id}/tweets", Set.of("get"), "/2/media/upload", Set.of("get"), "/2/media/upload/initialize",
			Set.of("post"), "/2/media/upload/{id}/append", Set.of("post"), "/2/media/upload/{id}/finalize",
			Set.of("post"), "/2/media/metadata", Set.of("post"));

	SpecValidator() {
		try (InputStream in = SpecValidator.class.getResourceAsStream(SPEC)) {
			String spec = prune(new String(in.readAllBytes(), StandardCharsets.UTF_8), OPERATIONS);
			this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(spec)
				.withLevelResolver(LevelResolver.create()
					.withLevel("validation.request.parameter.query.unexpected", ValidationReport.Level.ERROR)
					.build())
				.withStrictOperationPathMatching()
				.build();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The document with only the given operations and the components they reference.
	 * @param spec the OpenAPI document
	 * @param operations the methods to keep per path
	 * @return the reduced document
	 */
	static String prune(String spec, Map<String, Set<String>> operations) {
		JsonMapper json = JsonMapper.builder().build();
		ObjectNode root = (ObjectNode) json.readTree(spec);
		ObjectNode paths = json.createObjectNode();
		operations.forEach((path, methods) -> {
			JsonNode item = root.path("paths").path(path);
			if (item.isMissingNode()) {
				throw new IllegalStateException("The X OpenAPI document has no path " + path);
			}
			ObjectNode kept = paths.putObject(path);
			item.properties().forEach((entry) -> {
				if (methods.contains(entry.getKey()) || entry.getKey().equals("parameters")) {
					kept.set(entry.getKey(), entry.getValue());
				}
			});
		});
		Set<String> refs = new LinkedHashSet<>();
		Deque<JsonNode> work = new ArrayDeque<>(List.of(paths));
		while (!work.isEmpty()) {
			JsonNode node = work.pop();
			if (node.isObject() && node.path("$ref").isString()) {
				String ref = node.path("$ref").asString();
				if (refs.add(ref)) {
					work.push(root.at(ref.substring(1)));
				}
			}
			node.forEach(work::push);
		}
		ObjectNode components = json.createObjectNode();
		components.set("securitySchemes", root.path("components").path("securitySchemes"));
		for (String ref : refs) {
			String[] parts = ref.split("/");
			ObjectNode section = (components.get(parts[2]) instanceof ObjectNode existing) ? existing
					: components.putObject(parts[2]);
			section.set(parts[3], root.at(ref.substring(1)));
		}
		root.set("paths", paths);
		root.set("components", components);
		root.remove("tags");
		return json.writeValueAsString(root);
	}

	/**
	 * Validates a request as the fake received it. The validator checks JSON and
	 * url-encoded bodies against their schema but only the content type of multipart
	 * ones; so a multipart body is also checked part by part, as the JSON object of the
	 * same schema (the spec accepts both forms with one schema).
	 * @param recorded the request
	 * @return the problems found
	 */
	List<String> validateRequest(RecordedRequest recorded) {
		ValidationReport report = this.validator.validateRequest(toRequest(recorded, null));
		String contentType = recorded.getHeaders().get("Content-Type");
		if (contentType != null && contentType.startsWith("multipart/form-data")) {
			report = report.merge(this.validator.validateRequest(toRequest(recorded, multipartAsJson(recorded))));
		}
		return messages(report);
	}

	/**
	 * Validates a response the fake is about to send.
	 * @param recorded the request it answers
	 * @param status the status
	 * @param contentType the content type, or {@code null} for no body
	 * @param body the body
	 * @return the problems found
	 */
	List<String> validateResponse(RecordedRequest recorded, int status, String contentType, String body) {
		SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
		if (contentType != null) {
			response.withContentType(contentType).withBody(body);
		}
		Request.Method method = Request.Method.valueOf(recorded.getMethod());
		return messages(this.validator.validateResponse(recorded.getUrl().encodedPath(), method, response.build()));
	}

	private static Request toRequest(RecordedRequest recorded, String jsonBody) {
		HttpUrl url = recorded.getUrl();
		SimpleRequest.Builder request = new SimpleRequest.Builder(recorded.getMethod(), url.encodedPath());
		for (String name : url.queryParameterNames()) {
			request.withQueryParam(name, url.queryParameterValues(name));
		}
		for (String name : recorded.getHeaders().names()) {
			if (jsonBody != null && name.equalsIgnoreCase("Content-Type")) {
				continue;
			}
			request.withHeader(name, recorded.getHeaders().values(name));
		}
		if (jsonBody != null) {
			request.withContentType("application/json").withBody(jsonBody);
		}
		else if (recorded.getBody() != null && recorded.getBody().size() > 0) {
			request.withBody(recorded.getBody().toByteArray());
		}
		return request.build();
	}

	private static String multipartAsJson(RecordedRequest recorded) {
		StringBuilder json = new StringBuilder("{");
		String boundary = okhttp3.MediaType.get(recorded.getHeaders().get("Content-Type")).parameter("boundary");
		try (MultipartReader reader = new MultipartReader(new Buffer().write(recorded.getBody()), boundary)) {
			MultipartReader.Part part;
			while ((part = reader.nextPart()) != null) {
				String disposition = part.headers().get("Content-Disposition");
				Matcher matcher = FIELD_NAME.matcher(disposition);
				String name = matcher.find() ? matcher.group(1) : disposition;
				byte[] value = part.body().readByteArray();
				if (json.length() > 1) {
					json.append(',');
				}
				json.append('"').append(name).append("\":");
				if (name.equals("segment_index") && new String(value, StandardCharsets.UTF_8).matches("-?[0-9]+")) {
					json.append(new String(value, StandardCharsets.UTF_8));
				}
				else if (name.equals("segment_index")) {
					json.append('"').append(new String(value, StandardCharsets.UTF_8)).append('"');
				}
				else {
					json.append('"').append(Base64.getEncoder().encodeToString(value)).append('"');
				}
			}
		}
		catch (IOException ex) {
			return "{\"unreadable multipart\":true}";
		}
		return json.append('}').toString();
	}

	private static List<String> messages(ValidationReport report) {
		return report.getMessages()
			.stream()
			.filter((message) -> message.getLevel() == ValidationReport.Level.ERROR)
			.map((message) -> message.getKey() + ": " + message.getMessage()
					+ (message.getNestedMessages().isEmpty() ? ""
							: message.getNestedMessages()
								.stream()
								.map(ValidationReport.Message::getMessage)
								.collect(Collectors.joining("; ", " [", "]"))))
			.toList();
	}

}
