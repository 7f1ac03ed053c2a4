package io.herald.api.security;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The path security decisions are made on: the container's decoded and normalised one
 * ({@code /%61pi/./v1} is {@code /api/v1}), never the raw request URI, so an encoded
 * spelling of a path cannot slip past a rule written for its plain spelling.
 */
final class RequestPaths {

	private RequestPaths() {
	}

	static String of(HttpServletRequest request) {
		String servletPath = request.getServletPath();
		String pathInfo = request.getPathInfo();
		String path = ((servletPath != null) ? servletPath : "") + ((pathInfo != null) ? pathInfo : "");
		return path.isEmpty() ? "/" : path;
	}

}
