package io.herald.api.problems;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's answer to a request it refuses before Spring sees it (an encoded {@code /} or
 * {@code %00} in the path, headers over the size limit, a malformed request line): a
 * problem document with the headers every other answer carries, instead of Tomcat's HTML
 * page without them. Answers that the application already wrote are left alone.
 */
class ProblemReportValve extends ErrorReportValve {

	/**
	 * The security headers of every answer. The policy is the strictest one: a problem
	 * document loads nothing and is never framed.
	 */
	static final Map<String, String> HEADERS = Map.of("X-Content-Type-Options", "nosniff", "X-Frame-Options", "DENY",
			"Content-Security-Policy",
			"default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'", "Referrer-Policy",
			"strict-origin-when-cross-origin", "Cache-Control", "no-store");

	private final ProblemWriter problems;

	ProblemReportValve(ProblemWriter problems) {
		this.problems = problems;
		setShowReport(false);
		setShowServerInfo(false);
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int code = response.getStatus();
		if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		HttpStatus status = HttpStatus.resolve(code);
		ProblemType type = ProblemType.forStatus((status != null) ? status : HttpStatus.BAD_REQUEST);
		String detail = (code < 500)
				? "The request was refused before it reached Herald: it is not well-formed HTTP (for example an"
						+ " encoded '/' or a NUL character in the path, or headers larger than the limit)."
				: type.description();
		// The request line may be what is broken, so it is not echoed as the instance.
		ProblemDetail problem = this.problems.build(type, detail, Map.of(), null);
		problem.setStatus(code);
		try {
			response.reset();
			response.setStatus(code);
			HEADERS.forEach(response::setHeader);
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			// As Tomcat's own report: null when the response can no longer take a body.
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(new String(this.problems.serialize(problem), StandardCharsets.UTF_8));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the response is committed: nothing more to say.
		}
	}

}
