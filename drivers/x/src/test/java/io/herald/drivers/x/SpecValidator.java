package io.herald.drivers.x;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
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

/**
 * Checks requests and responses against the official X API v2 OpenAPI document vendored
 * in {@code src/test/resources/x-openapi}. Every message is an error, including query
 * parameters the spec does not define.
 */
final class SpecValidator {

	static final String SPEC = "/x-openapi/openapi.json";

	private final OpenApiInteractionValidator validator;

	SpecValidator() {
		URL spec = SpecValidator.class.getResource(SPEC);
		try {
			this.validator = OpenApiInteractionValidator.createForSpecificationUrl(spec.toURI().toString())
				.withLevelResolver(LevelResolver.create()
					.withLevel("validation.request.parameter.query.unexpected", ValidationReport.Level.ERROR)
					.build())
				.withStrictOperationPathMatching()
				.build();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
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
				String name = disposition.replaceAll(".*name=\"([^\"]*)\".*", "$1");
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
		catch (java.io.IOException ex) {
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
