package io.herald.api.support;

import java.util.UUID;

import io.herald.api.users.UserService;
import io.herald.core.users.AppUser;
import io.herald.core.workspaces.Role;
import io.herald.core.workspaces.Workspace;

import org.springframework.boot.test.context.TestComponent;

/**
 * Makes users, workspaces and tokens for tests through the real services.
 */
@TestComponent
public class Fixtures {

	private final UserService users;

	public Fixtures(UserService users) {
		this.users = users;
	}

	/**
	 * A new workspace with an owner.
	 * @return the tenant
	 */
	public Tenant tenant(Api api) {
		String email = "owner-" + UUID.randomUUID() + "@test.local";
		String password = "password-" + UUID.randomUUID();
		AppUser user = this.users.createUser(email, password);
		Workspace workspace = this.users.createWorkspace(user.getId(), "WS " + email, "Europe/Berlin");
		String token = api.post("/api/v1/auth/tokens")
			.basic(email, password)
			.json("{\"name\":\"test\",\"workspaceId\":\"" + workspace.getId() + "\"}")
			.send()
			.json()
			.get("token")
			.asString();
		return new Tenant(workspace.getId(), user.getId(), email, password, token);
	}

	/**
	 * A sandbox account connected through the API in a tenant's workspace.
	 * @return the account's id
	 */
	public String sandboxAccount(Api api, Tenant tenant, String handle) {
		Api.Response response = api.post("/api/v1/accounts")
			.token(tenant.token())
			.json("{\"network\":\"sandbox\",\"identifier\":\"" + handle + "\"}")
			.send();
		if (response.status() != 201) {
			throw new AssertionError("Could not connect sandbox account " + handle + ": " + response);
		}
		return response.json().get("id").asString();
	}

	/**
	 * A member with a role in an existing tenant's workspace.
	 * @return the member as a tenant of the same workspace
	 */
	public Tenant member(Api api, Tenant tenant, Role role) {
		String email = role.name().toLowerCase() + "-" + UUID.randomUUID() + "@test.local";
		String password = "password-" + UUID.randomUUID();
		UserService.NewMember member = this.users.addMember(tenant.workspaceId(), email, role, password);
		String token = api.post("/api/v1/auth/tokens")
			.basic(email, password)
			.json("{\"name\":\"test\",\"workspaceId\":\"" + tenant.workspaceId() + "\"}")
			.send()
			.json()
			.get("token")
			.asString();
		return new Tenant(tenant.workspaceId(), member.user().getId(), email, password, token);
	}

	/**
	 * A user with their workspace and an API token.
	 *
	 * @param workspaceId the workspace
	 * @param userId the user
	 * @param email the email
	 * @param password the password
	 * @param token an API token for the workspace
	 */
	public record Tenant(UUID workspaceId, UUID userId, String email, String password, String token) {
	}

}
