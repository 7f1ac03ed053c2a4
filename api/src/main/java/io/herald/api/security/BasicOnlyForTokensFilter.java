package io.herald.api.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic exists to make a first token, so it is refused everywhere else before any
 * password is hashed: otherwise every request to any path could cost an Argon2 hash.
 */
class BasicOnlyForTokensFilter extends OncePerRequestFilter {

	static final String TOKENS = "/api/v1/auth/tokens";

	private final AuthenticationEntryPoint entryPoint;

	BasicOnlyForTokensFilter(AuthenticationEntryPoint entryPoint) {
		this.entryPoint = entryPoint;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (isBasic(request) && !("POST".equals(request.getMethod()) && TOKENS.equals(RequestPaths.of(request)))) {
			this.entryPoint.commence(request, response,
					new BadCredentialsException("HTTP Basic is accepted only on POST " + TOKENS
							+ " (to create a token); send Authorization:" + " Bearer <API token>."));
			return;
		}
		chain.doFilter(request, response);
	}

	static boolean isBasic(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
	}

}
