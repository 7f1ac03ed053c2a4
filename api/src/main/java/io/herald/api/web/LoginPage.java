package io.herald.api.web;

import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in page; Spring Security handles the POST.
 */
@Controller
class LoginPage {

	@GetMapping("/login")
	String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
			HttpSession session, Model model) {
		if (error != null) {
			Object last = (session != null) ? session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) : null;
			// The provider's messages are written for users and reveal nothing.
			model.addAttribute("error", (last instanceof AuthenticationException ex && ex.getMessage() != null)
					? ex.getMessage() : "Wrong email or password.");
		}
		model.addAttribute("loggedOut", logout != null);
		return "login";
	}

}
