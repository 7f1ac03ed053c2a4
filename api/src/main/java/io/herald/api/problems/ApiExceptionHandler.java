package io.herald.api.problems;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import io.herald.api.input.CheckedInstantParameter;
import io.herald.api.input.InputPolicy;
import io.herald.api.input.InputRejectedException;
import io.herald.api.security.ForbiddenException;
import io.herald.core.accounts.AccountNotFoundException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure into an RFC 9457 problem document with a stable type. Client
 * mistakes never become a 500, and no response carries a stack trace.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	private final ProblemWriter problems;

	ApiExceptionHandler(ProblemWriter problems) {
		this.problems = problems;
	}

	@ExceptionHandler(ApiException.class)
	ResponseEntity<ProblemDetail> api(ApiException ex, HttpServletRequest request) {
		return respond(ex.type(), ex.getMessage(), ex.properties(), request);
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex, HttpServletRequest request) {
		Throwable cause = ex.getCause();
		if (cause instanceof InputRejectedException rejected) {
			return api(InputPolicy.rejection(path(rejected), rejected.reason()), request);
		}
		if (cause instanceof UnrecognizedPropertyException unknown) {
			List<String> known = (unknown.getKnownPropertyIds() != null)
					? unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList() : List.of();
			return respond(ProblemType.UNKNOWN_FIELD, "Unknown field '" + path(unknown) + "'.",
					Map.of("field", path(unknown), "knownFields", known), request);
		}
		if (cause instanceof InvalidFormatException invalid) {
			Class<?> target = invalid.getTargetType();
			if (target != null && target.isEnum()) {
				List<String> allowed = Arrays.stream(target.getEnumConstants()).map(String::valueOf).toList();
				return respond(
						ProblemType.INVALID_FIELD, "'" + invalid.getValue() + "' is not allowed for '" + path(invalid)
								+ "'; use one of " + allowed + ".",
						Map.of("field", path(invalid), "allowedValues", allowed), request);
			}
			return respond(ProblemType.INVALID_FIELD,
					"'" + invalid.getValue() + "' is not a valid " + typeName(target) + " for '" + path(invalid) + "'.",
					Map.of("field", path(invalid)), request);
		}
		if (cause instanceof MismatchedInputException mismatched) {
			String field = path(mismatched);
			if (field.isEmpty()) {
				return respond(ProblemType.MALFORMED_JSON, "The body must be a JSON object.", Map.of(), request);
			}
			return respond(ProblemType.INVALID_FIELD,
					"'" + field + "' must be a " + typeName(mismatched.getTargetType()) + ".", Map.of("field", field),
					request);
		}
		if (cause instanceof DatabindException databind && !path(databind).isEmpty()) {
			String reason = (databind.getCause() != null && databind.getCause().getMessage() != null)
					? databind.getCause().getMessage() : "invalid value";
			return respond(ProblemType.INVALID_FIELD, "'" + path(databind) + "': " + reason + ".",
					Map.of("field", path(databind)), request);
		}
		if (cause instanceof StreamReadException syntax) {
			String location = (syntax.getLocation() != null)
					? " at line " + syntax.getLocation().getLineNr() + ", column " + syntax.getLocation().getColumnNr()
					: "";
			return respond(ProblemType.MALFORMED_JSON, "The body is not valid JSON" + location + ".", Map.of(),
					request);
		}
		return respond(ProblemType.MALFORMED_JSON, "A JSON body is required.", Map.of(), request);
	}

	@ExceptionHandler(MethodArgumentNotValidException.class)
	ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException ex, HttpServletRequest request) {
		List<Map<String, String>> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((FieldError error) -> Map.of("field", error.getField(), "message",
					String.valueOf(error.getDefaultMessage())))
			.toList();
		String summary = errors.stream()
			.map((e) -> e.get("field") + " " + e.get("message"))
			.collect(Collectors.joining("; "));
		return respond(ProblemType.VALIDATION_FAILED, summary + ".", Map.of("errors", errors), request);
	}

	@ExceptionHandler(HandlerMethodValidationException.class)
	ResponseEntity<ProblemDetail> invalidParameters(HandlerMethodValidationException ex, HttpServletRequest request) {
		List<Map<String, String>> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap((result) -> result.getResolvableErrors()
				.stream()
				.map((error) -> Map.of("field", String.valueOf(result.getMethodParameter().getParameterName()),
						"message", String.valueOf(error.getDefaultMessage()))))
			.toList();
		return respond(ProblemType.VALIDATION_FAILED, "Invalid parameters.", Map.of("errors", errors), request);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException ex, HttpServletRequest request) {
		Throwable outOfRange = ex;
		while (outOfRange != null && !(outOfRange instanceof CheckedInstantParameter.OutOfRange)) {
			outOfRange = outOfRange.getCause();
		}
		if (outOfRange != null) {
			return api(InputPolicy.rejection(ex.getName(), outOfRange.getMessage()), request);
		}
		if (ex.getParameter().hasParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class)) {
			return respond(ProblemType.NOT_FOUND, "Nothing at this path.", Map.of(), request);
		}
		return respond(ProblemType.INVALID_FIELD, "'" + ex.getValue() + "' is not a valid "
				+ typeName(ex.getRequiredType()) + " for '" + ex.getName() + "'.", Map.of("field", ex.getName()),
				request);
	}

	@ExceptionHandler({ MissingServletRequestParameterException.class, MissingRequestHeaderException.class,
			MissingServletRequestPartException.class })
	ResponseEntity<ProblemDetail> missing(Exception ex, HttpServletRequest request) {
		return respond(ProblemType.BAD_REQUEST, ex.getMessage(), Map.of(), request);
	}

	@ExceptionHandler(RequestRejectedException.class)
	ResponseEntity<ProblemDetail> rejected(RequestRejectedException ex, HttpServletRequest request) {
		return respond(ProblemType.BAD_REQUEST, "The request was rejected: " + ex.getMessage(), Map.of(), request);
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<ProblemDetail> contentType(HttpMediaTypeNotSupportedException ex, HttpServletRequest request) {
		List<String> supported = ex.getSupportedMediaTypes().stream().map(MediaType::toString).toList();
		return respond(ProblemType.UNSUPPORTED_MEDIA_TYPE,
				"Content-Type '" + ex.getContentType() + "' is not supported here; use " + supported + ".",
				Map.of("supported", supported), request);
	}

	@ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
	ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException ex, HttpServletRequest request) {
		return respond(ProblemType.NOT_ACCEPTABLE, "Accept application/json.", Map.of(), request);
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException ex, HttpServletRequest request) {
		return respond(ProblemType.METHOD_NOT_ALLOWED, ex.getMethod() + " is not supported here.", Map.of(), request);
	}

	@ExceptionHandler({ NoResourceFoundException.class, AccountNotFoundException.class })
	ResponseEntity<ProblemDetail> notFound(Exception ex, HttpServletRequest request) {
		return respond(ProblemType.NOT_FOUND, "Nothing at this path.", Map.of(), request);
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException ex, HttpServletRequest request) {
		Map<String, Object> limit = (ex.getMaxUploadSize() > 0) ? Map.of("limitBytes", ex.getMaxUploadSize())
				: Map.of();
		return respond(ProblemType.PAYLOAD_TOO_LARGE, "The upload is larger than the configured limit.", limit,
				request);
	}

	@ExceptionHandler(MultipartException.class)
	ResponseEntity<ProblemDetail> multipart(MultipartException ex, HttpServletRequest request) {
		return respond(ProblemType.BAD_REQUEST, "The multipart body could not be read: " + ex.getMessage(), Map.of(),
				request);
	}

	@ExceptionHandler({ ForbiddenException.class, AccessDeniedException.class })
	ResponseEntity<ProblemDetail> forbidden(RuntimeException ex, HttpServletRequest request) {
		return respond(ProblemType.FORBIDDEN, ex.getMessage(), Map.of(), request);
	}

	@ExceptionHandler(OptimisticLockingFailureException.class)
	ResponseEntity<ProblemDetail> concurrentEdit(OptimisticLockingFailureException ex, HttpServletRequest request) {
		return respond(ProblemType.PRECONDITION_FAILED, "Someone else changed this resource at the same time.",
				Map.of(), request);
	}

	/**
	 * No connection in time: the database is down, or every pooled connection is busy
	 * (overload). Either way the client may retry; nothing was written.
	 */
	@ExceptionHandler({ DataAccessResourceFailureException.class, CannotCreateTransactionException.class })
	ResponseEntity<ProblemDetail> unavailable(Exception ex, HttpServletRequest request) {
		log.error("Database unavailable for {} {}: {}", request.getMethod(), request.getRequestURI(), ex.toString());
		ResponseEntity<ProblemDetail> response = respond(ProblemType.SERVICE_UNAVAILABLE,
				"The database is unavailable or busy; retry shortly.", Map.of(), request);
		return ResponseEntity.status(response.getStatusCode())
			.headers(response.getHeaders())
			.header(HttpHeaders.RETRY_AFTER, "2")
			.body(response.getBody());
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex, HttpServletRequest request) {
		log.error("Unexpected failure for {} {}", request.getMethod(), request.getRequestURI(), ex);
		return respond(ProblemType.INTERNAL_ERROR, ProblemType.INTERNAL_ERROR.description(), Map.of(), request);
	}

	private ResponseEntity<ProblemDetail> respond(ProblemType type, String detail, Map<String, Object> properties,
			HttpServletRequest request) {
		return ResponseEntity.status(type.status())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(this.problems.build(type, detail, properties, request));
	}

	private static String path(DatabindException ex) {
		return ex.getPath()
			.stream()
			.map((ref) -> (ref.getPropertyName() != null) ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
			.collect(Collectors.joining("."))
			.replace(".[", "[");
	}

	private static String typeName(Class<?> type) {
		if (type == null) {
			return "value";
		}
		if (type == java.util.UUID.class) {
			return "UUID";
		}
		if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
			return "number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "boolean (true or false)";
		}
		if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
			return "JSON array";
		}
		if (type == String.class) {
			return "string";
		}
		if (type.getName().startsWith("java.time")) {
			return "ISO-8601 " + type.getSimpleName();
		}
		return "JSON object";
	}

}
