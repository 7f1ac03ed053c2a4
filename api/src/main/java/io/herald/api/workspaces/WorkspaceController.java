package io.herald.api.workspaces;

import java.time.Duration;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
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
import org.springframework.web.bind.annotation.PatchMapping;
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

	@PatchMapping("/current")
	@Operation(summary = "Change the workspace's settings (owners only)",
			description = "`maxLateness` (ISO-8601 duration, 1 minute to 7 days): how late after its due time a"
					+ " post may still go out; later ones fail as LATE. Null or absent restores the node's default"
					+ " (`herald.worker.max-lateness`). Waits for a network's rate limit do not count.")
	WorkspaceView update(@AuthenticationPrincipal Caller caller, @RequestBody WorkspaceSettings settings) {
		caller.require(Role.OWNER);
		return WorkspaceView.of(this.users.setMaxLateness(caller.workspaceId(), settings.maxLateness()));
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

	record WorkspaceSettings(Duration maxLateness) {
	}

	record WorkspaceView(UUID id, String name, String timeZone,
			@Schema(description = "How late after its due time a post may still go out; null: the node's default",
					nullable = true, example = "PT6H") Duration maxLateness) {

		static WorkspaceView of(Workspace workspace) {
			return new WorkspaceView(workspace.getId(), workspace.getName(), workspace.getTimeZone(),
					workspace.getMaxLateness().orElse(null));
		}

	}

	record MemberRequest(@NotBlank @Size(max = 254) String email, @NotNull Role role, String password) {
	}

	record MemberView(UUID userId, String email, Role role, String generatedPassword) {
	}

}
