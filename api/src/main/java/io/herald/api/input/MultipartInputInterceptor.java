package io.herald.api.input;

import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.herald.api.problems.ApiException;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Holds the {@link InputPolicy} for the text fields of multipart bodies (an upload's alt
 * text), once Spring has parsed them for an authenticated caller. A breach is thrown, so
 * the API answers a problem document and the UI its error page.
 */
@Component
class MultipartInputInterceptor implements HandlerInterceptor {

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (isMultipart(request)) {
			parameters(request.getParameterMap()).ifPresent((rejection) -> {
				throw rejection;
			});
		}
		return true;
	}

	static boolean isMultipart(HttpServletRequest request) {
		String type = request.getContentType();
		return type != null && type.regionMatches(true, 0, MediaType.MULTIPART_FORM_DATA_VALUE, 0,
				MediaType.MULTIPART_FORM_DATA_VALUE.length());
	}

	static Optional<ApiException> parameters(Map<String, String[]> parameters) {
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			Optional<String> violation = InputPolicy.textViolation(parameter.getKey());
			if (violation.isPresent()) {
				return Optional.of(InputPolicy.rejection("parameter name", violation.get()));
			}
			for (String value : parameter.getValue()) {
				violation = (value != null) ? InputPolicy.textViolation(value) : Optional.empty();
				if (violation.isPresent()) {
					return Optional.of(InputPolicy.rejection(parameter.getKey(), violation.get()));
				}
			}
		}
		return Optional.empty();
	}

}
