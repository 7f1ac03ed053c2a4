package io.herald.api.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.herald.api.problems.ProblemWriter;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The HTML face of {@code /error} for browsers (the API keeps its problem documents):
 * what went wrong in plain words and a way back.
 */
@Controller
class ErrorPages {

	@RequestMapping(path = "/error", produces = MediaType.TEXT_HTML_VALUE)
	String error(HttpServletRequest request, HttpServletResponse response, Model model) {
		return UiErrors.page(ProblemWriter.errorStatus(request), null, model, request, response);
	}

	static String title(HttpStatus status) {
		return switch (status) {
			case NOT_FOUND -> "We couldn't find that page";
			case FORBIDDEN -> "You can't do that here";
			case UNAUTHORIZED -> "Please sign in";
			case CONFLICT, PRECONDITION_FAILED -> "Someone changed this in the meantime";
			default -> status.is4xxClientError() ? "That didn't work" : "Something went wrong on our side";
		};
	}

	static String explanation(HttpStatus status) {
		return switch (status) {
			case NOT_FOUND -> "The page or post does not exist in this workspace, or it was deleted.";
			case FORBIDDEN -> "Your role in this workspace does not allow this, or the form expired."
					+ " Reload the page and try again.";
			default -> status.is4xxClientError() ? "Check what you entered and try again."
					: "The error was logged. Try again in a moment.";
		};
	}

}
