package io.herald.api.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated {@link Caller}, whether from an API token or a browser session.
 */
class HeraldAuthentication extends AbstractAuthenticationToken {

	private static final long serialVersionUID = 1L;

	private final Caller caller;

	HeraldAuthentication(Caller caller) {
		super(List.of(new SimpleGrantedAuthority("ROLE_" + caller.role().name())));
		this.caller = caller;
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public Caller getPrincipal() {
		return this.caller;
	}

	@Override
	public String getName() {
		return this.caller.email();
	}

}
