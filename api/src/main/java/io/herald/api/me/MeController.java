package io.herald.api.me;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import io.herald.api.security.Caller;
import io.herald.api.users.UserService;
import io.herald.core.workspaces.Role;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "Auth")
class MeController {

	private final UserService users;

	MeController(UserService users) {
		this.users = users;
	}

	@GetMapping
	@Operation(summary = "Who am I, in which workspace, and which others can I use")
	Me me(@AuthenticationPrincipal Caller caller) {
		List<WorkspaceRef> workspaces = this.users.memberships(caller.userId()).stream().map((m) -> {
			var workspace = this.users.workspace(m.getWorkspaceId());
			return new WorkspaceRef(workspace.getId(), workspace.getName(), workspace.getTimeZone(), m.getRole());
		}).toList();
		return new Me(caller.userId(), caller.email(), caller.workspaceId(), caller.role(), workspaces);
	}

	record Me(UUID userId, String email, UUID workspaceId, Role role, List<WorkspaceRef> workspaces) {
	}

	record WorkspaceRef(UUID id, String name, String timeZone, Role role) {
	}

}
