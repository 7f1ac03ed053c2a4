package io.herald.api.problems;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Builds problem documents, and writes them where no controller advice reaches (security
 * filters, the error page).
 */
@Component
public class ProblemWriter {

	private final JsonMapper json;

	public ProblemWriter(JsonMapper json) {
		this.json = json;
	}

	public ProblemDetail build(ProblemType type, String detail, Map<String, Object> properties,
			HttpServletRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
		problem.setType(type.uri());
		problem.setTitle(type.title());
		if (request != null) {
			problem.setInstance(java.net.URI.create(request.getRequestURI()));
			Object requestId = request.getAttribute(RequestIdFilter.ATTRIBUTE);
			if (requestId != null) {
				problem.setProperty("requestId", requestId);
			}
		}
		properties.forEach(problem::setProperty);
		return problem;
	}

	public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String slug,
			String title, String detail) throws IOException {
		ProblemType type = ProblemType.bySlug(slug).orElse(ProblemType.BAD_REQUEST);
		ProblemDetail problem = build(type, detail, Map.of(), request);
		problem.setStatus(status.value());
		problem.setTitle(title);
		send(response, problem);
	}

	public void write(HttpServletRequest request, HttpServletResponse response, ProblemType type, String detail,
			Map<String, Object> properties) throws IOException {
		send(response, build(type, detail, properties, request));
	}

	private void send(HttpServletResponse response, ProblemDetail problem) throws IOException {
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(serialize(problem));
	}

	/**
	 * Writes the problem of a refusal where no controller advice reaches.
	 * @param request the request
	 * @param response the response to write to
	 * @param refusal what to answer
	 * @throws IOException when the response cannot be written
	 */
	public void write(HttpServletRequest request, HttpServletResponse response, ApiException refusal)
			throws IOException {
		ProblemDetail problem = build(refusal.type(), refusal.getMessage(), refusal.properties(), request);
		response.setStatus(refusal.type().status().value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(serialize(problem));
	}

	byte[] serialize(ProblemDetail problem) {
		return this.json.writeValueAsBytes(flatten(problem));
	}

	/**
	 * The status of the failure the error page is showing. Opened directly, with no
	 * failure behind it, the error page is a page that does not exist.
	 * @param request the error dispatch (or a direct request for {@code /error})
	 * @return the status to answer with
	 */
	public static HttpStatus errorStatus(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (!(code instanceof Integer value)) {
			return HttpStatus.NOT_FOUND;
		}
		HttpStatus status = HttpStatus.resolve(value);
		return (status != null) ? status : HttpStatus.INTERNAL_SERVER_ERROR;
	}

	/**
	 * A problem as the JSON object it is sent as, for embedding in another document.
	 * @param problem the problem
	 * @return its members, extension members included
	 */
	public static Map<String, Object> flatten(ProblemDetail problem) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", String.valueOf(problem.getType()));
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		if (problem.getInstance() != null) {
			body.put("instance", problem.getInstance().toString());
		}
		if (problem.getProperties() != null) {
			body.putAll(problem.getProperties());
		}
		return body;
	}

}
