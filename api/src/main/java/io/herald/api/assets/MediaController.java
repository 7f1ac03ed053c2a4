package io.herald.api.assets;

import java.time.Duration;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import io.herald.core.media.AssetService;
import io.herald.core.media.MediaContent;
import io.herald.core.media.MediaException;
import io.herald.core.media.MediaStoreException;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves media through signed, expiring links ({@code /media/{token}}): previews in the
 * UI, and networks that fetch media by URL when no public object-store endpoint is set.
 * The link is the authorisation; nothing is listable.
 */
@RestController
@Tag(name = "Media", description = "Signed media links")
class MediaController {

	private final AssetService assets;

	private final MediaProblems problems;

	MediaController(AssetService assets, MediaProblems problems) {
		this.assets = assets;
		this.problems = problems;
	}

	@GetMapping("/media/{token}")
	@Operation(summary = "Fetch media through a signed link", description = "Links come from an asset's `url`.")
	ResponseEntity<InputStreamResource> serve(@PathVariable String token) {
		MediaContent media = this.assets.openSignedLink(token);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(media.contentType()))
			.contentLength(media.size())
			// The bytes were checked to be this type; browsers must not guess another.
			.header("X-Content-Type-Options", "nosniff")
			.header(HttpHeaders.CONTENT_DISPOSITION, "inline")
			.cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePrivate())
			.body(new InputStreamResource(media.content()));
	}

	@ExceptionHandler({ MediaException.class, MediaStoreException.class })
	ResponseEntity<ProblemDetail> media(RuntimeException ex, HttpServletRequest request) {
		return this.problems.respond(ex, request);
	}

}
