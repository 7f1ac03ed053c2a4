package io.herald.api.security;

import java.util.List;
import java.util.Optional;

import io.herald.core.users.AppUser;
import io.herald.core.users.AppUserRepository;
import io.herald.core.workspaces.Membership;
import io.herald.core.workspaces.MembershipRepository;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Email and password, for the login form and for HTTP Basic on the token endpoint. The
 * caller acts in their first workspace until they switch. Attempts pass the
 * {@link LoginThrottle} first, so a locked account or address costs no hash; a hash made
 * with weaker parameters than today's is replaced at the next successful sign-in.
 */
class PasswordAuthenticationProvider implements AuthenticationProvider {

	private final AppUserRepository users;

	private final MembershipRepository memberships;

	private final PasswordEncoder encoder;

	private final LoginThrottle throttle;

	/**
	 * Unknown emails still cost one hash, so response time does not reveal which exist.
	 * Made on first use rather than at startup, where an Argon2 hash costs a second of a
	 * cold JVM; two threads racing to make it both get a valid hash.
	 */
	private volatile String dummyHash;

	PasswordAuthenticationProvider(AppUserRepository users, MembershipRepository memberships, PasswordEncoder encoder,
			LoginThrottle throttle) {
		this.users = users;
		this.memberships = memberships;
		this.encoder = encoder;
		this.throttle = throttle;
	}

	private String dummyHash() {
		String hash = this.dummyHash;
		if (hash == null) {
			hash = this.encoder.encode("herald-timing-equaliser");
			this.dummyHash = hash;
		}
		return hash;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String email = String.valueOf(authentication.getName()).trim();
		String password = String.valueOf(authentication.getCredentials());
		LoginThrottle.Admission admission = this.throttle.admit(email, clientAddress(authentication));
		AppUser user = verify(email, password);
		admission.succeeded();
		if (this.encoder.upgradeEncoding(user.getPasswordHash())) {
			user.changePasswordHash(this.encoder.encode(password));
			this.users.save(user);
		}
		List<Membership> member = this.memberships.findByUser(user.getId());
		if (member.isEmpty()) {
			throw new BadCredentialsException("This user belongs to no workspace.");
		}
		Membership first = member.get(0);
		return new HeraldAuthentication(
				new Caller(user.getId(), user.getEmail(), first.getWorkspaceId(), first.getRole(), null));
	}

	/** Unknown emails and wrong passwords cost the same and read the same. */
	private AppUser verify(String email, String password) {
		Optional<AppUser> user = this.users.findByEmail(email);
		String hash = user.map(AppUser::getPasswordHash).orElseGet(this::dummyHash);
		if (!this.encoder.matches(password, hash) || user.isEmpty()) {
			throw new BadCredentialsException("Wrong email or password.");
		}
		return user.get();
	}

	private static String clientAddress(Authentication authentication) {
		return (authentication.getDetails() instanceof WebAuthenticationDetails details) ? details.getRemoteAddress()
				: null;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
