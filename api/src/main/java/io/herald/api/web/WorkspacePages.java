package io.herald.api.web;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.herald.api.security.Caller;
import io.herald.api.security.WorkspaceSwitcher;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The workspace switcher in the header.
 */
@Controller
class WorkspacePages extends UiErrors {

	private final WorkspaceSwitcher switcher;

	WorkspacePages(WorkspaceSwitcher switcher) {
		this.switcher = switcher;
	}

	@PostMapping("/workspace")
	String switchTo(@AuthenticationPrincipal Caller caller, @RequestParam UUID workspace, HttpServletRequest request,
			HttpServletResponse response) {
		this.switcher.switchTo(caller, workspace, request, response);
		return "redirect:/posts";
	}

}
