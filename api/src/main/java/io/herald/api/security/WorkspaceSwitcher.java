package io.herald.api.security;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.herald.core.workspaces.Membership;
import io.herald.core.workspaces.MembershipRepository;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Moves a browser session to another workspace the user belongs to, with the role they
 * have there.
 */
@Component
public class WorkspaceSwitcher {

	private final MembershipRepository memberships;

	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	WorkspaceSwitcher(MembershipRepository memberships) {
		this.memberships = memberships;
	}

	/**
	 * Switches the session's caller to a workspace.
	 * @param current the caller now
	 * @param workspaceId the workspace to act in
	 * @param request the request
	 * @param response the response
	 * @return the caller in that workspace
	 */
	public Caller switchTo(Caller current, UUID workspaceId, HttpServletRequest request, HttpServletResponse response) {
		if (current.tokenId() != null) {
			throw new ForbiddenException("An API token is bound to its workspace.");
		}
		Membership membership = this.memberships.find(workspaceId, current.userId())
			.orElseThrow(() -> new ForbiddenException("You are not a member of that workspace."));
		Caller caller = new Caller(current.userId(), current.email(), workspaceId, membership.getRole(), null);
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(new HeraldAuthentication(caller));
		SecurityContextHolder.setContext(context);
		this.contexts.saveContext(context, request, response);
		return caller;
	}

}
