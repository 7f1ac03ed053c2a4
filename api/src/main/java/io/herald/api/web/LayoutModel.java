package io.herald.api.web;

import jakarta.servlet.http.HttpServletRequest;

import io.herald.api.security.Caller;
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

	LayoutModel(WorkspaceRepository workspaces) {
		this.workspaces = workspaces;
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

	@ModelAttribute("currentPath")
	String currentPath(HttpServletRequest request) {
		return request.getRequestURI();
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
