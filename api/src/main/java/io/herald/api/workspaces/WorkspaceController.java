package io.herald.api.workspaces;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.herald.api.problems.ApiException;
import io.herald.api.security.Caller;
import io.herald.api.users.UserService;
import io.herald.core.workspaces.Role;
import io.herald.core.workspaces.Workspace;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/workspaces")
@Tag(name = "Workspaces", description = "Workspaces and their members")
class WorkspaceController {

	private final UserService users;

	WorkspaceController(UserService users) {
		this.users = users;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create a workspace; you become its owner")
	WorkspaceView create(@AuthenticationPrincipal Caller caller, @Valid @RequestBody WorkspaceRequest request) {
		Workspace workspace = this.users.createWorkspace(caller.userId(), request.name().trim(), request.timeZone());
		return WorkspaceView.of(workspace);
	}

	@GetMapping("/current")
	@Operation(summary = "The workspace this call acts in")
	WorkspaceView current(@AuthenticationPrincipal Caller caller) {
		return WorkspaceView.of(this.users.workspace(caller.workspaceId()));
	}

	@PostMapping("/{id}/members")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Add a member (owners only)",
			description = "Creates the user when the email is new; a generated password is returned once when none"
					+ " is given.")
	MemberView addMember(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
			@Valid @RequestBody MemberRequest request) {
		if (!id.equals(caller.workspaceId())) {
			throw ApiException.notFound("Workspace");
		}
		caller.require(Role.OWNER);
		UserService.NewMember member = this.users.addMember(id, request.email(), request.role(), request.password());
		return new MemberView(member.user().getId(), member.user().getEmail(), member.role(),
				member.generatedPassword());
	}

	record WorkspaceRequest(@NotBlank @Size(max = 100) String name, String timeZone) {
	}

	record WorkspaceView(UUID id, String name, String timeZone) {

		static WorkspaceView of(Workspace workspace) {
			return new WorkspaceView(workspace.getId(), workspace.getName(), workspace.getTimeZone());
		}

	}

	record MemberRequest(@NotBlank @Size(max = 254) String email, @NotNull Role role, String password) {
	}

	record MemberView(UUID userId, String email, Role role, String generatedPassword) {
	}

}
