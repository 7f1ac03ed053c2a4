package io.herald.api.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import io.herald.api.security.LoginThrottledException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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
			HttpSession session, HttpServletResponse response, Model model) {
		if (error != null) {
			Object last = (session != null) ? session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) : null;
			// The provider's messages are written for users and reveal nothing.
			model.addAttribute("error", (last instanceof AuthenticationException ex && ex.getMessage() != null)
					? ex.getMessage() : "Wrong email or password.");
			if (last instanceof LoginThrottledException throttled) {
				// The form stays usable; the status and header tell scripts how long to
				// wait.
				response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
				response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
			}
		}
		model.addAttribute("loggedOut", logout != null);
		return "login";
	}

}
