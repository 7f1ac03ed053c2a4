package io.herald.api.posts;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.herald.core.posts.PostStatus;
import io.herald.core.posts.TargetStatus;

/**
 * The post API's request and response bodies.
 */
final class PostPayloads {

	static final int MAX_TEXT = 10_000;

	private PostPayloads() {
	}

	@Schema(description = "A media item on a post, with the alt text to use for this post")
	record MediaRef(@NotNull @Schema(description = "Asset id from POST /api/v1/assets") UUID assetId,
			@Size(max = 2000) @Schema(example = "A red bicycle leaning on a wall") String altText) {
	}

	@Schema(description = "A further part of a thread, published as a reply to the previous part")
	record Part(@Size(max = MAX_TEXT) String text, @Size(max = 10) List<@NotNull @Valid MediaRef> assets) {
	}

	@Schema(description = "Publish to one account; text, assets and parts override the post's for this account only")
	record TargetRequest(@NotNull UUID accountId,
			@Size(max = MAX_TEXT) @Schema(description = "Per-network text; omit to use the post's text") String text,
			@Size(max = 10) @Schema(
					description = "Per-network media; omit to use the post's") List<@NotNull @Valid MediaRef> assets,
			@Size(max = 25) @Schema(
					description = "Per-network thread parts; omit (or null) to use the post's, [] for no thread on this network") List<@NotNull @Valid Part> parts) {
	}

	@Schema(description = "A post to create (or validate)")
	record PostRequest(
			@Size(max = MAX_TEXT) @Schema(example = "Spring sale starts now! https://example.com/sale") String text,
			@Size(max = 10) List<@NotNull @Valid MediaRef> assets, @Size(max = 25) List<@NotNull @Valid Part> parts,
			@Size(max = 50) List<@NotNull @Valid TargetRequest> targets,
			@Schema(description = "An instant with offset (2026-05-01T09:30:00Z) or a local date-time"
					+ " (2026-05-01T09:30) read in timeZone", example = "2026-05-01T09:30") String scheduledAt,
			@Schema(description = "IANA zone id; defaults to the workspace's",
					example = "Europe/Berlin") String timeZone,
			@Schema(description = "Publish as soon as possible instead of at scheduledAt") Boolean publishNow,
			@Schema(description = "Save without scheduling") Boolean draft) {

		boolean isDraft() {
			return Boolean.TRUE.equals(this.draft);
		}

		boolean isPublishNow() {
			return Boolean.TRUE.equals(this.publishNow);
		}

	}

	@Schema(description = "Changes to a post; fields left out keep their value. targets, when given, replace the"
			+ " list (targets for the same account keep their id).")
	record PostPatch(@Size(max = MAX_TEXT) String text, @Size(max = 10) List<@NotNull @Valid MediaRef> assets,
			@Size(max = 25) List<@NotNull @Valid Part> parts,
			@Size(max = 50) List<@NotNull @Valid TargetRequest> targets, String scheduledAt, String timeZone,
			Boolean publishNow, Boolean draft) {
	}

	record TargetView(UUID id, UUID accountId, String network, String text, List<MediaRef> assets, List<Part> parts,
			TargetStatus status, Instant dueAt, int attempts, Instant nextAttemptAt, String remoteId, URI remoteUrl,
			Instant publishedAt, String lastErrorKind, String lastError,
			@Schema(description = "Why a SCHEDULED target waits: the network's rate limit or publishing quota"
					+ " message; it goes out at nextAttemptAt. A wait is not a failure and uses no attempt.",
					nullable = true) String waitReason) {
	}

	record PostView(UUID id, PostStatus status, String text, List<MediaRef> assets, List<Part> parts,
			Instant scheduledAt, String timeZone, LocalDateTime localScheduledAt, boolean publishNow,
			List<TargetView> targets, long version, Instant createdAt, Instant updatedAt) {
	}

	record PostPage(List<PostView> items, String nextCursor) {
	}

	@Schema(description = "Several posts to create in one request")
	record BulkRequest(@ArraySchema(minItems = 1, maxItems = PostController.MAX_BULK,
			schema = @Schema(implementation = PostRequest.class,
					description = "Exactly what POST /api/v1/posts takes")) List<PostRequest> posts) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	@Schema(description = "The outcome for one post of a bulk request: the post (201) or a problem document")
	record BulkResult(@Schema(description = "Position of the post in the request, from 0") int index,
			@Schema(description = "The status POST /api/v1/posts would have answered with", example = "201") int status,
			@Schema(description = "The created post, when status is 201") PostView post,
			@Schema(description = "An RFC 9457 problem document, when the post was refused",
					implementation = Object.class) Map<String, Object> problem) {
	}

	@Schema(description = "One result per post, in request order")
	record BulkResponse(List<BulkResult> results) {
	}

	record ValidationReport(boolean valid, List<TargetIssue> errors) {
	}

	record TargetIssue(UUID accountId, String network, String field, String code, String message) {
	}

}
