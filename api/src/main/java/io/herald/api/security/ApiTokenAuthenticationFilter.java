package io.herald.api.security;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.herald.api.tokens.TokenHasher;
import io.herald.core.workspaces.Role;

import org.springframework.jdbc.core.JdbcTemplate;
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

	/**
	 * The token, its membership and its user in one round trip: no cache, so a revoked
	 * token, an expired one or a removed member is refused on the very next request.
	 */
	private static final String LOOKUP = "SELECT t.id, t.workspace_id, t.user_id, t.last_used_at, u.email, m.role"
			+ " FROM api_token t JOIN membership m ON m.workspace_id = t.workspace_id AND m.user_id = t.user_id"
			+ " JOIN app_user u ON u.id = t.user_id"
			+ " WHERE t.token_hash = ? AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ?)";

	private final JdbcTemplate jdbc;

	private final TokenHasher hasher;

	private final Clock clock;

	private final AuthenticationEntryPoint entryPoint;

	ApiTokenAuthenticationFilter(JdbcTemplate jdbc, TokenHasher hasher, Clock clock,
			AuthenticationEntryPoint entryPoint) {
		this.jdbc = jdbc;
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
		List<Found> found = this.jdbc
			.query(LOOKUP,
					(rs, i) -> new Found(new Caller(rs.getObject("user_id", UUID.class), rs.getString("email"),
							rs.getObject("workspace_id", UUID.class), Role.valueOf(rs.getString("role")),
							rs.getObject("id", UUID.class)),
							(rs.getTimestamp("last_used_at") != null) ? rs.getTimestamp("last_used_at").toInstant()
									: null),
					this.hasher.hash(token), Timestamp.from(now));
		if (found.isEmpty()) {
			return Optional.empty();
		}
		Found hit = found.get(0);
		Instant notSince = now.minus(TOUCH_EVERY);
		if (hit.lastUsedAt() == null || hit.lastUsedAt().isBefore(notSince)) {
			// Last use is kept to the minute, so most requests write nothing.
			this.jdbc.update(
					"UPDATE api_token SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)",
					Timestamp.from(now), hit.caller().tokenId(), Timestamp.from(notSince));
		}
		return Optional.of(hit.caller());
	}

	private record Found(Caller caller, Instant lastUsedAt) {
	}

}
