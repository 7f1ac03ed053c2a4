package io.herald.api.input;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.herald.api.problems.ApiException;
import io.herald.api.problems.ProblemWriter;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds the {@link InputPolicy} for header values, HTTP Basic credentials (the user name
 * goes to a database query) and every query and form parameter. It runs before Spring
 * Security, which reads some of them itself (Basic, the login form). The text fields of
 * multipart bodies are left to {@link MultipartInputInterceptor}, so that no upload is
 * parsed before its sender is authenticated.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class InputPolicyFilter extends OncePerRequestFilter {

	private final ProblemWriter problems;

	InputPolicyFilter(ProblemWriter problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<ApiException> rejection = headers(request).or(() -> basic(request))
			.or(() -> MultipartInputInterceptor.isMultipart(request) ? Optional.empty()
					: InputPolicy.parameters(request.getParameterMap()));
		if (rejection.isPresent()) {
			this.problems.write(request, response, rejection.get());
			return;
		}
		chain.doFilter(request, response);
	}

	private static Optional<ApiException> headers(HttpServletRequest request) {
		for (String name : Collections.list(request.getHeaderNames())) {
			for (String value : Collections.list(request.getHeaders(name))) {
				Optional<String> violation = InputPolicy.textViolation(value);
				if (violation.isPresent()) {
					return Optional.of(InputPolicy.rejection(name, violation.get()));
				}
			}
		}
		return Optional.empty();
	}

	private static Optional<ApiException> basic(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
			return Optional.empty();
		}
		String credentials;
		try {
			credentials = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			// Not Base64: Spring Security answers that with its own 401.
			return Optional.empty();
		}
		return InputPolicy.parameters(Map.of(HttpHeaders.AUTHORIZATION, new String[] { credentials }));
	}

}
