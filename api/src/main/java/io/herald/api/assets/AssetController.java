package io.herald.api.assets;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import io.herald.api.problems.ApiException;
import io.herald.api.problems.ProblemType;
import io.herald.api.security.Caller;
import io.herald.core.media.Asset;
import io.herald.core.media.AssetPage;
import io.herald.core.media.AssetService;
import io.herald.core.media.AssetStatus;
import io.herald.core.media.InvalidMediaLinkException;
import io.herald.core.media.MediaException;
import io.herald.core.media.MediaStoreException;
import io.herald.core.media.PresignedUpload;
import io.herald.core.media.StartedUpload;
import io.herald.core.workspaces.Role;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/v1/assets")
@Tag(name = "Assets", description = "Images and videos to attach to posts")
class AssetController {

	private static final int MAX_ALT_TEXT = 5000;

	private final AssetService assets;

	private final MediaProblems problems;

	AssetController(AssetService assets, MediaProblems problems) {
		this.assets = assets;
		this.problems = problems;
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Upload an image or video",
			description = "Multipart with a `file` part and an optional `altText` field. The type is read from the"
					+ " bytes (JPEG, PNG, GIF, WebP, MP4, MOV), not from the file name or the part's Content-Type;"
					+ " size, dimensions, duration and SHA-256 are recorded. Larger files than the limit go through"
					+ " POST /api/v1/assets/uploads.")
	ResponseEntity<AssetView> upload(@AuthenticationPrincipal Caller caller, @RequestPart("file") MultipartFile file,
			@RequestParam(name = "altText", required = false) @Size(max = MAX_ALT_TEXT) String altText)
			throws IOException {
		caller.require(Role.EDITOR);
		Asset asset;
		try (InputStream content = file.getInputStream()) {
			asset = this.assets.upload(caller.workspaceId(), caller.userId(), file.getOriginalFilename(),
					file.getContentType(), content, altText);
		}
		return ResponseEntity.created(URI.create("/api/v1/assets/" + asset.getId())).body(view(asset));
	}

	@PostMapping("/uploads")
	@Operation(summary = "Start a direct upload of a large file",
			description = "Creates the asset (UPLOADING) and answers where to PUT the bytes: a presigned URL on the"
					+ " object store, or a signed URL on Herald when media is kept on local disk. Send exactly"
					+ " `bytes` bytes with the given headers, then POST /api/v1/assets/{id}/complete.")
	ResponseEntity<StartedUploadView> startUpload(@AuthenticationPrincipal Caller caller,
			@Valid @RequestBody StartUploadRequest request) {
		caller.require(Role.EDITOR);
		StartedUpload started = this.assets.startUpload(caller.workspaceId(), caller.userId(), request.filename(),
				request.contentType(), request.bytes(), request.altText());
		return ResponseEntity.created(URI.create("/api/v1/assets/" + started.asset().getId()))
			.body(new StartedUploadView(view(started.asset()), UploadView.of(started.upload())));
	}

	@PutMapping("/{id}/content")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Receive a direct upload's bytes (media on local disk)",
			description = "The upload URL from POST /api/v1/assets/uploads, used as is: its signed token authorises"
					+ " the request, as a presigned object-store URL would.")
	void receiveUpload(@PathVariable UUID id,
			@Parameter(description = "The signed token from the upload URL") @RequestParam String token,
			HttpServletRequest request) throws IOException {
		try (InputStream content = request.getInputStream()) {
			this.assets.receiveUpload(id, token, content);
		}
	}

	@PostMapping("/{id}/complete")
	@Operation(summary = "Finish a direct upload",
			description = "Checks the uploaded bytes (size, type read from the bytes), records dimensions and"
					+ " SHA-256 and makes the asset READY. Completing a READY asset again returns it unchanged.")
	AssetView complete(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
		caller.require(Role.EDITOR);
		return view(this.assets.complete(caller.workspaceId(), id));
	}

	@GetMapping
	@Operation(summary = "List assets", description = "Newest first; pass nextCursor back as cursor for the next page.")
	AssetPageView list(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) AssetStatus status,
			@RequestParam(required = false) String cursor, @RequestParam(defaultValue = "50") int limit) {
		if (limit < 1 || limit > 100) {
			throw new ApiException(ProblemType.INVALID_FIELD, "limit must be between 1 and 100.",
					Map.of("field", "limit"));
		}
		AssetPage page;
		try {
			page = this.assets.list(caller.workspaceId(), status, cursor, limit);
		}
		catch (IllegalArgumentException ex) {
			throw new ApiException(ProblemType.BAD_CURSOR, "The cursor is not one this API issued.");
		}
		return new AssetPageView(page.items().stream().map(this::view).toList(), page.nextCursor());
	}

	@GetMapping("/{id}")
	@Operation(summary = "Get an asset", description = "A READY asset carries `url`, a signed link that expires.")
	AssetView get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
		return view(this.assets.get(caller.workspaceId(), id));
	}

	@PatchMapping("/{id}")
	@Operation(summary = "Change an asset's alt text", description = "`altText: null` clears it.")
	AssetView update(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
			@Valid @RequestBody AssetPatch patch) {
		caller.require(Role.EDITOR);
		return view(this.assets.updateAltText(caller.workspaceId(), id, patch.altText()));
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete an asset and its bytes", description = "Refused while a post uses it.")
	void delete(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
		caller.require(Role.EDITOR);
		this.assets.delete(caller.workspaceId(), id);
	}

	@ExceptionHandler(InvalidMediaLinkException.class)
	ResponseEntity<ProblemDetail> invalidUploadToken(InvalidMediaLinkException ex, HttpServletRequest request) {
		return this.problems.respond(ProblemType.FORBIDDEN,
				"The upload URL is invalid or has expired; start a new upload.", Map.of(), request);
	}

	@ExceptionHandler({ MediaException.class, MediaStoreException.class })
	ResponseEntity<ProblemDetail> media(RuntimeException ex, HttpServletRequest request) {
		return this.problems.respond(ex, request);
	}

	private AssetView view(Asset asset) {
		URI url = asset.isReady() ? this.assets.publicUrl(asset.getWorkspaceId(), asset.getId()) : null;
		return new AssetView(asset.getId(), asset.getStatus(), asset.getContentType(), asset.getBytes(),
				asset.getWidth(), asset.getHeight(), asset.getDurationMs(), asset.getSha256(), asset.getAltText(),
				asset.getOriginalFilename(), url, asset.getCreatedAt(), asset.getUpdatedAt());
	}

	@Schema(description = "A large file to upload straight to storage")
	record StartUploadRequest(@Schema(example = "launch.mp4") @Size(max = 255) String filename,
			@Schema(example = "video/mp4") @NotBlank @Size(max = 100) String contentType,
			@Schema(description = "Exact size in bytes", example = "73400320") @NotNull @Positive Long bytes,
			@Size(max = MAX_ALT_TEXT) String altText) {
	}

	record AssetPatch(@Size(max = MAX_ALT_TEXT) String altText) {
	}

	record AssetView(UUID id, AssetStatus status, String contentType, Long bytes, Integer width, Integer height,
			Long durationMs, String sha256, String altText, String filename,
			@Schema(description = "Signed, expiring link to the bytes (READY assets)") URI url, Instant createdAt,
			Instant updatedAt) {
	}

	record UploadView(String method, URI url, Map<String, String> headers, Instant expiresAt) {

		static UploadView of(PresignedUpload upload) {
			return new UploadView(upload.method(), upload.url(), upload.headers(), upload.expiresAt());
		}

	}

	record StartedUploadView(AssetView asset, UploadView upload) {
	}

	record AssetPageView(List<AssetView> items, String nextCursor) {
	}

}
