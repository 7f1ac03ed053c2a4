package io.herald.api.posts;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import io.herald.api.idempotency.IdempotencyService;
import io.herald.api.posts.PostPayloads.BulkRequest;
import io.herald.api.posts.PostPayloads.BulkResponse;
import io.herald.api.posts.PostPayloads.BulkResult;
import io.herald.api.posts.PostPayloads.MediaRef;
import io.herald.api.posts.PostPayloads.PostPage;
import io.herald.api.posts.PostPayloads.PostPatch;
import io.herald.api.posts.PostPayloads.PostRequest;
import io.herald.api.posts.PostPayloads.PostView;
import io.herald.api.posts.PostPayloads.TargetIssue;
import io.herald.api.posts.PostPayloads.TargetView;
import io.herald.api.posts.PostPayloads.ValidationReport;
import io.herald.api.problems.ApiException;
import io.herald.api.problems.ProblemType;
import io.herald.api.security.Caller;
import io.herald.core.posts.Post;
import io.herald.core.posts.PostStatus;
import io.herald.core.posts.PostTarget;
import io.herald.core.posts.TargetStatus;
import io.herald.core.workspaces.Role;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/posts")
@Tag(name = "Posts", description = "Compose once, publish to many accounts")
class PostController {

	static final int MAX_BULK = 500;

	private final PostService posts;

	private final BulkPosts bulk;

	private final IdempotencyService idempotency;

	PostController(PostService posts, BulkPosts bulk, IdempotencyService idempotency) {
		this.posts = posts;
		this.bulk = bulk;
		this.idempotency = idempotency;
	}

	@PostMapping
	@Operation(summary = "Create a post",
			description = "Schedules it (scheduledAt or publishNow) or saves a draft. Every target is validated"
					+ " against its network's rules; violations come back as a content-rejected problem. Send"
					+ " Idempotency-Key to make retries safe.")
	ResponseEntity<?> create(@AuthenticationPrincipal Caller caller,
			@Parameter(description = "Makes a retried create return the first response") @RequestHeader(
					name = "Idempotency-Key", required = false) String idempotencyKey,
			@Valid @RequestBody PostRequest request) {
		caller.require(Role.EDITOR);
		return this.idempotency.execute(caller.workspaceId(), "posts.create", idempotencyKey, request, () -> {
			Post post = this.posts.create(caller.workspaceId(), caller.userId(), request);
			return ResponseEntity.created(URI.create("/api/v1/posts/" + post.getId()))
				.eTag(etag(post))
				.body(view(post));
		});
	}

	@PostMapping("/bulk")
	@Operation(summary = "Create up to 500 posts in one request",
			description = "Each post is exactly what POST /api/v1/posts takes and gets the same checks, on its own:"
					+ " a refused post is reported at its index with its problem document (and the status a single"
					+ " create would have answered), and every valid post is created and scheduled all the same."
					+ " The answer is 200 with one result per post, in request order. The valid posts are written"
					+ " in one transaction. A body that is not valid JSON for this shape, or that has 0 or more"
					+ " than 500 posts, is refused as a whole. Send Idempotency-Key to make retries safe.")
	ResponseEntity<?> createMany(@AuthenticationPrincipal Caller caller,
			@Parameter(description = "Makes a retried bulk request return the first response") @RequestHeader(
					name = "Idempotency-Key", required = false) String idempotencyKey,
			@RequestBody BulkRequest request, HttpServletRequest http) {
		caller.require(Role.EDITOR);
		int count = (request.posts() != null) ? request.posts().size() : 0;
		if (count < 1 || count > MAX_BULK) {
			throw new ApiException(ProblemType.BULK_SIZE,
					"A bulk request carries 1 to " + MAX_BULK + " posts; this one has " + count + ".",
					Map.of("limit", MAX_BULK, "count", count));
		}
		return this.idempotency.execute(caller.workspaceId(), "posts.bulk", idempotencyKey, request, () -> {
			List<BulkResult> results = this.bulk.create(caller.workspaceId(), caller.userId(), request.posts(), http)
				.stream()
				.map((o) -> new BulkResult(o.index(), o.status(), (o.post() != null) ? view(o.post()) : null,
						o.problem()))
				.toList();
			return ResponseEntity.ok(new BulkResponse(results));
		});
	}

	@PostMapping("/validate")
	@Operation(summary = "Check a post against every target network's rules without saving it")
	ValidationReport validate(@AuthenticationPrincipal Caller caller, @Valid @RequestBody PostRequest request) {
		List<TargetIssue> issues = this.posts.validate(caller.workspaceId(), request);
		return new ValidationReport(issues.isEmpty(), issues);
	}

	@GetMapping
	@Operation(summary = "List posts", description = "Sorted by schedule time (drafts by creation), oldest first;"
			+ " pass nextCursor back as cursor for the next page.")
	PostPage list(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) PostStatus status,
			@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
			@RequestParam(required = false) String cursor, @RequestParam(defaultValue = "50") int limit) {
		if (limit < 1 || limit > 200) {
			throw new ApiException(ProblemType.INVALID_FIELD, "limit must be between 1 and 200.",
					Map.of("field", "limit"));
		}
		PostService.Page page = this.posts.list(caller.workspaceId(), status, from, to, cursor, limit);
		return new PostPage(page.items().stream().map(this::view).toList(), page.nextCursor());
	}

	@GetMapping("/{id}")
	@Operation(summary = "Get a post with each target's status, attempts, link and error")
	ResponseEntity<PostView> get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
		Post post = this.posts.get(caller.workspaceId(), id);
		return ResponseEntity.ok().eTag(etag(post)).body(view(post));
	}

	@PatchMapping("/{id}")
	@Operation(summary = "Change a post",
			description = "Needs If-Match with the ETag of your last read. Refused once a target is publishing or"
					+ " published.")
	ResponseEntity<PostView> update(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody PostPatch patch) {
		caller.require(Role.EDITOR);
		Post post = this.posts.update(caller.workspaceId(), id, expectedVersion(ifMatch), patch);
		return ResponseEntity.ok().eTag(etag(post)).body(view(post));
	}

	@PostMapping("/{id}/retry")
	@Operation(summary = "Retry the post's failed targets",
			description = "Puts every FAILED target back in the queue, due now, with a fresh attempt count."
					+ " A target whose last call may have gone through is checked with the network first,"
					+ " so a retry never publishes twice. A conflict problem when nothing failed.")
	ResponseEntity<PostView> retry(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
		caller.require(Role.EDITOR);
		Post post = this.posts.retry(caller.workspaceId(), id);
		return ResponseEntity.ok().eTag(etag(post)).body(view(post));
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Cancel a scheduled post, or delete a draft",
			description = "Refused once a target is publishing or published.")
	void delete(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
		caller.require(Role.EDITOR);
		this.posts.cancelOrDelete(caller.workspaceId(), id);
	}

	private static long expectedVersion(String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank()) {
			throw new ApiException(ProblemType.PRECONDITION_REQUIRED,
					"Send If-Match with the ETag from GET /api/v1/posts/{id}.");
		}
		String value = ifMatch.trim();
		if (value.startsWith("W/")) {
			value = value.substring(2);
		}
		try {
			return Long.parseLong(value.replace("\"", ""));
		}
		catch (NumberFormatException ex) {
			throw new ApiException(ProblemType.PRECONDITION_FAILED,
					"If-Match " + ifMatch + " is not this post's ETag.");
		}
	}

	private static String etag(Post post) {
		return "\"" + post.getVersion() + "\"";
	}

	private PostView view(Post post) {
		List<MediaRef> assets = post.getAssets()
			.stream()
			.map((a) -> new MediaRef(a.getAssetId(), a.getAltText()))
			.toList();
		List<TargetView> targets = post.getTargets().stream().map(this::view).toList();
		return new PostView(post.getId(), post.getStatus(), post.getText(), assets, this.posts.parts(post.getParts()),
				post.getScheduledAt(), post.getTimeZone(), post.getLocalScheduledAt(), post.isPublishNow(), targets,
				post.getVersion(), post.getCreatedAt(), post.getUpdatedAt());
	}

	private TargetView view(PostTarget t) {
		return new TargetView(t.getId(), t.getAccountId(), t.getNetwork(), t.getTextOverride(),
				this.posts.media(t.getAssetsOverride()), (t.getParts() != null) ? this.posts.parts(t.getParts()) : null,
				t.getStatus(), t.getDueAt(), t.getAttempts(), t.getNextAttemptAt(), t.getRemoteId(),
				(t.getRemoteUrl() != null) ? URI.create(t.getRemoteUrl()) : null, t.getPublishedAt(),
				t.getLastErrorKind(), t.getLastError(),
				(t.getStatus() == TargetStatus.SCHEDULED && "RATE_LIMITED".equals(t.getLastErrorKind()))
						? t.getLastError() : null);
	}

}
