package io.herald.api.assets;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herald.api.problems.ProblemType;
import io.herald.api.problems.ProblemWriter;
import io.herald.core.media.AssetInUseException;
import io.herald.core.media.AssetNotFoundException;
import io.herald.core.media.ImageTooLargeException;
import io.herald.core.media.InvalidMediaLinkException;
import io.herald.core.media.MediaObjectNotFoundException;
import io.herald.core.media.MediaTooLargeException;
import io.herald.core.media.UnsupportedMediaException;
import io.herald.core.media.UploadIncompleteException;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The problem document for each media failure. The media controllers answer them with
 * their own exception handlers, which run before the application-wide advice.
 */
@Component
class MediaProblems {

	private static final Logger log = LoggerFactory.getLogger(MediaProblems.class);

	private final ProblemWriter problems;

	MediaProblems(ProblemWriter problems) {
		this.problems = problems;
	}

	ResponseEntity<ProblemDetail> respond(RuntimeException ex, HttpServletRequest request) {
		if (ex instanceof AssetNotFoundException || ex instanceof MediaObjectNotFoundException
				|| ex instanceof InvalidMediaLinkException) {
			return respond(ProblemType.NOT_FOUND, "Nothing at this path.", Map.of(), request);
		}
		if (ex instanceof MediaTooLargeException tooLarge) {
			return respond(ProblemType.PAYLOAD_TOO_LARGE, ex.getMessage() + ".",
					Map.of("limitBytes", tooLarge.maxBytes()), request);
		}
		if (ex instanceof ImageTooLargeException tooMany) {
			return respond(ProblemType.IMAGE_TOO_LARGE, ex.getMessage() + ".",
					Map.of("width", tooMany.width(), "height", tooMany.height(), "maxPixels", tooMany.maxPixels()),
					request);
		}
		if (ex instanceof UnsupportedMediaException) {
			return respond(ProblemType.UNSUPPORTED_MEDIA, ex.getMessage() + ".", Map.of(), request);
		}
		if (ex instanceof UploadIncompleteException || ex instanceof AssetInUseException) {
			return respond(ProblemType.CONFLICT, ex.getMessage() + ".", Map.of(), request);
		}
		log.error("Media store failure for {} {}", request.getMethod(), request.getRequestURI(), ex);
		return respond(ProblemType.SERVICE_UNAVAILABLE, "The media store is unavailable; retry shortly.", Map.of(),
				request);
	}

	ResponseEntity<ProblemDetail> respond(ProblemType type, String detail, Map<String, Object> properties,
			HttpServletRequest request) {
		return ResponseEntity.status(type.status())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(this.problems.build(type, detail, properties, request));
	}

}
