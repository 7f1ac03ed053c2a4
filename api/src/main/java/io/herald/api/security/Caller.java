package io.herald.api.security;

import java.util.UUID;

import io.herald.core.workspaces.Role;

/**
 * Who is calling and in which workspace. Every controller takes it, and every query it
 * leads to is scoped by {@link #workspaceId()}.
 *
 * @param userId the user
 * @param email the user's email
 * @param workspaceId the workspace the call acts in
 * @param role the user's role there
 * @param tokenId the API token used, or {@code null} for a browser session
 */
public record Caller(UUID userId, String email, UUID workspaceId, Role role,
		UUID tokenId) implements java.io.Serializable {

	/**
	 * Refuses the call unless the caller has at least this role.
	 * @param needed the least role allowed
	 */
	public void require(Role needed) {
		if (!this.role.atLeast(needed)) {
			throw new ForbiddenException(
					"This needs the " + needed + " role in this workspace; you are " + this.role + ".");
		}
	}

}
