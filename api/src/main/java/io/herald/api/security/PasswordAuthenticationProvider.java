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

/**
 * Email and password, for the login form and for HTTP Basic on the token endpoint. The
 * caller acts in their first workspace until they switch.
 */
class PasswordAuthenticationProvider implements AuthenticationProvider {

	private final AppUserRepository users;

	private final MembershipRepository memberships;

	private final PasswordEncoder encoder;

	/**
	 * Unknown emails still cost one hash, so response time does not reveal which exist.
	 * Made on first use rather than at startup, where an Argon2 hash costs a second of a
	 * cold JVM; two threads racing to make it both get a valid hash.
	 */
	private volatile String dummyHash;

	PasswordAuthenticationProvider(AppUserRepository users, MembershipRepository memberships, PasswordEncoder encoder) {
		this.users = users;
		this.memberships = memberships;
		this.encoder = encoder;
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
		Optional<AppUser> user = this.users.findByEmail(email);
		if (user.isEmpty()) {
			this.encoder.matches(password, dummyHash());
			throw new BadCredentialsException("Wrong email or password.");
		}
		if (!this.encoder.matches(password, user.get().getPasswordHash())) {
			throw new BadCredentialsException("Wrong email or password.");
		}
		List<Membership> member = this.memberships.findByUser(user.get().getId());
		if (member.isEmpty()) {
			throw new BadCredentialsException("This user belongs to no workspace.");
		}
		Membership first = member.get(0);
		return new HeraldAuthentication(
				new Caller(user.get().getId(), user.get().getEmail(), first.getWorkspaceId(), first.getRole(), null));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
