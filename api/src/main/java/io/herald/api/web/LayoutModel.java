package io.herald.api.web;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import io.herald.api.security.Caller;
import io.herald.core.workspaces.MembershipRepository;
import io.herald.core.workspaces.Role;
import io.herald.core.workspaces.WorkspaceRepository;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page's layout shows: who is signed in, in which workspace, and which page is
 * current.
 */
@ControllerAdvice(basePackages = "io.herald.api.web")
class LayoutModel {

	private final WorkspaceRepository workspaces;

	private final MembershipRepository memberships;

	LayoutModel(WorkspaceRepository workspaces, MembershipRepository memberships) {
		this.workspaces = workspaces;
		this.memberships = memberships;
	}

	/** Where the error handlers find the layout's user, as their model starts empty. */
	static final String ME_ATTRIBUTE = LayoutModel.class.getName() + ".me";

	@ModelAttribute("me")
	Me me(@AuthenticationPrincipal Object principal, HttpServletRequest request) {
		if (!(principal instanceof Caller caller)) {
			return null;
		}
		var workspace = this.workspaces.findById(caller.workspaceId());
		Me me = new Me(caller.email(), workspace.map((w) -> w.getName()).orElse("Workspace"),
				workspace.map((w) -> w.getTimeZone()).orElse("UTC"), caller.role().name(),
				caller.role().atLeast(Role.EDITOR));
		request.setAttribute(ME_ATTRIBUTE, me);
		return me;
	}

	@ModelAttribute("workspaces")
	List<WorkspaceChoice> workspaces(@AuthenticationPrincipal Object principal) {
		if (!(principal instanceof Caller caller) || caller.tokenId() != null) {
			return List.of();
		}
		List<UUID> ids = this.memberships.findByUser(caller.userId()).stream().map((m) -> m.getWorkspaceId()).toList();
		if (ids.size() < 2) {
			return List.of();
		}
		return this.workspaces.findAllById(ids)
			.stream()
			.map((w) -> new WorkspaceChoice(w.getId(), w.getName(), w.getId().equals(caller.workspaceId())))
			.sorted(Comparator.comparing(WorkspaceChoice::name))
			.toList();
	}

	@ModelAttribute("currentPath")
	String currentPath(HttpServletRequest request) {
		return request.getRequestURI();
	}

	/**
	 * A workspace the user can switch to.
	 *
	 * @param id the workspace
	 * @param name its name
	 * @param current whether the session acts in it now
	 */
	public record WorkspaceChoice(UUID id, String name, boolean current) {
	}

	/**
	 * The signed-in user as the layout shows them.
	 *
	 * @param email the email
	 * @param workspace the workspace name
	 * @param timeZone the workspace's time zone
	 * @param role the role
	 * @param canEdit whether the user may compose and connect
	 */
	public record Me(String email, String workspace, String timeZone, String role, boolean canEdit) {
	}

}
