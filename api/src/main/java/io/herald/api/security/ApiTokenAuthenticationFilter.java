package io.herald.api.security;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.herald.api.tokens.TokenHasher;
import io.herald.core.users.ApiToken;
import io.herald.core.users.ApiTokenRepository;
import io.herald.core.users.AppUserRepository;
import io.herald.core.workspaces.MembershipRepository;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer hrld_...} requests. A token acts for its
 * user in its workspace with the user's current role there, so removing a member disables
 * their tokens at once.
 */
class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

	private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

	private final ApiTokenRepository tokens;

	private final AppUserRepository users;

	private final MembershipRepository memberships;

	private final TokenHasher hasher;

	private final Clock clock;

	private final AuthenticationEntryPoint entryPoint;

	ApiTokenAuthenticationFilter(ApiTokenRepository tokens, AppUserRepository users, MembershipRepository memberships,
			TokenHasher hasher, Clock clock, AuthenticationEntryPoint entryPoint) {
		this.tokens = tokens;
		this.users = users;
		this.memberships = memberships;
		this.hasher = hasher;
		this.clock = clock;
		this.entryPoint = entryPoint;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			chain.doFilter(request, response);
			return;
		}
		Optional<Caller> caller = authenticate(header.substring(7).trim());
		if (caller.isEmpty()) {
			SecurityContextHolder.clearContext();
			this.entryPoint.commence(request, response,
					new BadCredentialsException("The API token is unknown, expired or revoked."));
			return;
		}
		SecurityContextHolder.getContext().setAuthentication(new HeraldAuthentication(caller.get()));
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	private Optional<Caller> authenticate(String token) {
		if (!token.startsWith(TokenHasher.PREFIX)) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		Optional<ApiToken> found = this.tokens.findByTokenHash(this.hasher.hash(token)).filter((t) -> t.usableAt(now));
		return found.flatMap((t) -> this.memberships.find(t.getWorkspaceId(), t.getUserId()).flatMap((m) -> {
			this.tokens.touch(t.getId(), now, now.minus(TOUCH_EVERY));
			return this.users.findById(t.getUserId())
				.map((u) -> new Caller(u.getId(), u.getEmail(), t.getWorkspaceId(), m.getRole(), t.getId()));
		}));
	}

}
