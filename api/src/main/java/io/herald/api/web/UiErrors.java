package io.herald.api.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herald.api.problems.ApiException;
import io.herald.api.security.ForbiddenException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.ui.Model;
import org.springframework.validation.BindException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Friendly error pages for the UI's controllers. Handlers declared on the controller win
 * over the API's problem-document advice, so a browser gets a page, never JSON or a stack
 * trace.
 */
public abstract class UiErrors {

	private static final Logger log = LoggerFactory.getLogger(UiErrors.class);

	@ExceptionHandler(ApiException.class)
	String api(ApiException ex, Model model, HttpServletRequest request, HttpServletResponse response) {
		return page(ex.type().status(), ex.getMessage(), model, request, response);
	}

	@ExceptionHandler({ ForbiddenException.class, AccessDeniedException.class })
	String forbidden(RuntimeException ex, Model model, HttpServletRequest request, HttpServletResponse response) {
		return page(HttpStatus.FORBIDDEN, ex.getMessage(), model, request, response);
	}

	/**
	 * A path id that is not an id ({@code /posts/zzz}) names nothing; a parameter of the
	 * wrong type is the user's mistake.
	 */
	@ExceptionHandler(TypeMismatchException.class)
	String mismatch(TypeMismatchException ex, Model model, HttpServletRequest request, HttpServletResponse response) {
		boolean path = ex instanceof MethodArgumentTypeMismatchException argument
				&& argument.getParameter().hasParameterAnnotation(PathVariable.class);
		return page(path ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST, null, model, request, response);
	}

	@ExceptionHandler(BindException.class)
	String unbound(BindException ex, Model model, HttpServletRequest request, HttpServletResponse response) {
		return page(HttpStatus.BAD_REQUEST, null, model, request, response);
	}

	@ExceptionHandler(Exception.class)
	String unexpected(Exception ex, Model model, HttpServletRequest request, HttpServletResponse response) {
		// Spring's own exceptions for a bad request (a missing parameter, a wrong method)
		// carry their status.
		if (ex instanceof ErrorResponse known && known.getStatusCode().is4xxClientError()) {
			HttpStatus status = HttpStatus.resolve(known.getStatusCode().value());
			return page((status != null) ? status : HttpStatus.BAD_REQUEST, null, model, request, response);
		}
		log.error("Unexpected failure in the web UI", ex);
		return page(HttpStatus.INTERNAL_SERVER_ERROR, null, model, request, response);
	}

	static String page(HttpStatus status, String detail, Model model, HttpServletRequest request,
			HttpServletResponse response) {
		response.setStatus(status.value());
		if (!model.containsAttribute("me")) {
			model.addAttribute("me", request.getAttribute(LayoutModel.ME_ATTRIBUTE));
		}
		if (!model.containsAttribute("currentPath")) {
			model.addAttribute("currentPath", request.getRequestURI());
		}
		model.addAttribute("status", status.value());
		model.addAttribute("heading", ErrorPages.title(status));
		model.addAttribute("detail", (detail != null) ? detail : ErrorPages.explanation(status));
		return "error";
	}

}
