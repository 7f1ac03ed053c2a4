package io.herald.api.security;

import java.time.Clock;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import io.herald.api.problems.ProblemType;
import io.herald.api.problems.ProblemWriter;
import io.herald.api.tokens.TokenHasher;
import io.herald.core.users.AppUserRepository;
import io.herald.core.workspaces.MembershipRepository;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Who may call what. The API takes bearer tokens (no CSRF: nothing ambient) or the
 * browser session (CSRF protected); HTTP Basic is accepted only on
 * {@code POST /api/v1/auth/tokens}, so a first token can be made with email and password.
 * Everything else is the web UI behind a login form. Requests with credentials of their
 * own go through a stateless chain; the rest through the session chain. Paths are matched
 * as the container decoded and normalised them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LoginThrottleProperties.class)
class SecurityConfiguration {

	private static final Pattern SIGNED_UPLOAD = Pattern.compile("/api/v1/assets/[^/]+/content");

	static final String CSP = "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline';"
			+ " script-src 'self'; connect-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'self';"
			+ " form-action 'self'";

	@Bean
	PasswordEncoder passwordEncoder() {
		// Argon2id with OWASP's minimum parameters (19 MiB, 2 passes, 1 lane); Spring's
		// v5.8 defaults use 16 MiB. Older hashes are upgraded at the next sign-in.
		return new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
	}

	@Bean
	AuthenticationManager authenticationManager(AppUserRepository users, MembershipRepository memberships,
			PasswordEncoder encoder, LoginThrottle throttle) {
		return new ProviderManager(new PasswordAuthenticationProvider(users, memberships, encoder, throttle));
	}

	/**
	 * Requests that carry their own credentials (a bearer token, or Basic to make one):
	 * stateless, so no session is read or written, and no CSRF, login form, logout or
	 * saved-request filters run on the API's hot path.
	 */
	@Bean
	@Order(1)
	SecurityFilterChain credentialsFilterChain(HttpSecurity http, AuthenticationManager authenticationManager,
			JdbcTemplate jdbc, TokenHasher hasher, Clock clock, ProblemWriter problems) throws Exception {
		AuthenticationEntryPoint apiEntryPoint = apiEntryPoint(problems);
		http.securityMatcher(SecurityConfiguration::carriesCredentials)
			.authenticationManager(authenticationManager)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.securityContext(
					(context) -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
			.requestCache((cache) -> cache.disable())
			.csrf((csrf) -> csrf.disable())
			.logout((logout) -> logout.disable())
			.addFilterBefore(new ApiTokenAuthenticationFilter(jdbc, hasher, clock, apiEntryPoint),
					BasicAuthenticationFilter.class)
			.addFilterBefore(new BasicOnlyForTokensFilter(apiEntryPoint), BasicAuthenticationFilter.class)
			.httpBasic((basic) -> basic.authenticationEntryPoint(apiEntryPoint));
		return common(http, apiEntryPoint, problems).build();
	}

	/** The web UI's browser session (CSRF protected) and unauthenticated requests. */
	@Bean
	@Order(2)
	SecurityFilterChain sessionFilterChain(HttpSecurity http, AuthenticationManager authenticationManager,
			ProblemWriter problems) throws Exception {
		// A direct upload's target on Herald: its signed token is the authorisation, as
		// with a presigned object-store URL, and it carries no ambient credentials, so no
		// CSRF.
		http.authenticationManager(authenticationManager)
			.formLogin((form) -> form.loginPage("/login").defaultSuccessUrl("/", false))
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout"))
			.csrf((csrf) -> csrf.ignoringRequestMatchers(SecurityConfiguration::isSignedUpload));
		return common(http, apiEntryPoint(problems), problems).build();
	}

	private static HttpSecurity common(HttpSecurity http, AuthenticationEntryPoint apiEntryPoint,
			ProblemWriter problems) throws Exception {
		return http
			.authorizeHttpRequests((auth) -> auth.requestMatchers(SecurityConfiguration::isSignedUpload)
				.permitAll()
				.requestMatchers("/healthz", "/readyz", "/actuator/health/**", "/actuator/prometheus",
						"/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/problems/**", "/media/**", "/login",
						"/error", "/favicon.ico", "/css/**", "/js/**", "/webjars/**")
				.permitAll()
				.anyRequest()
				.authenticated())
			.exceptionHandling(
					(ex) -> ex.defaultAuthenticationEntryPointFor(apiEntryPoint, SecurityConfiguration::isApi)
						.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
								(r) -> !isApi(r))
						.accessDeniedHandler((request, response, denied) -> {
							if (!isApi(request)) {
								// Browser pages get the friendly HTML error page.
								response.sendError(HttpStatus.FORBIDDEN.value());
								return;
							}
							problems.write(request, response, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
									"The request was refused (missing or invalid CSRF token, or not allowed).");
						}))
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CSP))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
				.frameOptions((frame) -> frame.deny()));
	}

	private static AuthenticationEntryPoint apiEntryPoint(ProblemWriter problems) {
		return (request, response, ex) -> {
			if (ex instanceof LoginThrottledException throttled) {
				response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
				problems.write(request, response, ProblemType.LOGIN_THROTTLED, throttled.getMessage(),
						Map.of("retryAfterSeconds", throttled.retryAfterSeconds()));
				return;
			}
			problems.write(request, response, HttpStatus.UNAUTHORIZED, "unauthorized", "Authentication required",
					(ex.getMessage() != null) ? ex.getMessage() : "Send Authorization: Bearer <API token>.");
		};
	}

	static boolean carriesCredentials(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		return header != null
				&& (header.regionMatches(true, 0, "Bearer ", 0, 7) || BasicOnlyForTokensFilter.isBasic(request));
	}

	private static boolean isSignedUpload(HttpServletRequest request) {
		return "PUT".equals(request.getMethod()) && SIGNED_UPLOAD.matcher(RequestPaths.of(request)).matches();
	}

	static boolean isApi(HttpServletRequest request) {
		String path = RequestPaths.of(request);
		return path.startsWith("/api/") || path.startsWith("/actuator/");
	}

}
