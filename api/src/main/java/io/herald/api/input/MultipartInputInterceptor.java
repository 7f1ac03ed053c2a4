package io.herald.api.input;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

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
			InputPolicy.parameters(request.getParameterMap()).ifPresent((rejection) -> {
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

}
