package io.herald.api.posts;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.persistence.EntityManager;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import io.herald.api.posts.PostPayloads.MediaRef;
import io.herald.api.posts.PostPayloads.Part;
import io.herald.api.posts.PostPayloads.PostPatch;
import io.herald.api.posts.PostPayloads.PostRequest;
import io.herald.api.posts.PostPayloads.TargetIssue;
import io.herald.api.posts.PostPayloads.TargetRequest;
import io.herald.api.problems.ApiException;
import io.herald.api.problems.ProblemType;
import io.herald.core.accounts.AccountStatus;
import io.herald.core.networks.NetworkRegistry;
import io.herald.core.posts.Post;
import io.herald.core.posts.PostAsset;
import io.herald.core.posts.PostRepository;
import io.herald.core.posts.PostStatus;
import io.herald.core.posts.PostTarget;
import io.herald.core.posts.TargetOverrides;
import io.herald.core.posts.TargetStatus;
import io.herald.core.time.AcceptedInstants;
import io.herald.worker.api.PublicationScheduler;
import io.herald.worker.dispatch.DispatcherPublicationScheduler;
import io.herald.worker.dispatch.TargetRequeue;
import io.herald.drivers.spi.BaseSocialBackend;
import io.herald.drivers.spi.MediaItem;
import io.herald.drivers.spi.PublishRequest;
import io.herald.drivers.spi.ValidationResult;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates, edits, lists and cancels posts. Scheduling a post means writing its targets as
 * SCHEDULED with a due time; the engine takes it from there.
 */
@Service
class PostService {

	/**
	 * How far in the past a schedule may be and still count as "now" (clock skew, slow
	 * typing).
	 */
	static final Duration PAST_GRACE = Duration.ofMinutes(1);

	static final Duration MAX_AHEAD = Duration.ofDays(3 * 366);

	private static final int FLUSH_EVERY = 100;

	private static final int LOOKUP_CHUNK = 1000;

	private static final TypeReference<List<Part>> PARTS = new TypeReference<>() {
	};

	private static final TypeReference<List<MediaRef>> MEDIA = new TypeReference<>() {
	};

	private final PostRepository posts;

	private final NetworkRegistry networks;

	private final AssetCatalog assets;

	private final NamedParameterJdbcTemplate jdbc;

	private final JsonMapper json;

	private final Clock clock;

	private final PublicationScheduler scheduler;

	private final TransactionTemplate transactions;

	private final EntityManager entities;

	PostService(PostRepository posts, NetworkRegistry networks, AssetCatalog assets, NamedParameterJdbcTemplate jdbc,
			JsonMapper json, Clock clock, ObjectProvider<PublicationScheduler> scheduler,
			TransactionTemplate transactions, EntityManager entities) {
		this.posts = posts;
		this.networks = networks;
		this.assets = assets;
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.transactions = transactions;
		this.entities = entities;
		// An api-only node (HERALD_WORKER_ENABLED=false) has no engine; in dispatcher
		// mode
		// the engine needs no notice, and re-queueing is plain SQL any node can run.
		this.scheduler = scheduler.getIfAvailable(() -> new DispatcherPublicationScheduler(
				new TargetRequeue(jdbc.getJdbcTemplate(), transactions, clock)));
	}

	/**
	 * Puts the post's failed targets back in the queue, due now.
	 * @return the post as it is now
	 */
	Post retry(UUID workspaceId, UUID id) {
		Post post = this.transactions.execute((status) -> get(workspaceId, id));
		if (post.getTargets().stream().noneMatch((t) -> t.getStatus() == TargetStatus.FAILED)) {
			throw new ApiException(ProblemType.CONFLICT, "This post has no failed targets to retry.");
		}
		this.scheduler.requeueFailed(workspaceId, id);
		return this.transactions.execute((status) -> get(workspaceId, id));
	}

	@Transactional
	Post create(UUID workspaceId, UUID authorId, PostRequest request) {
		Instant now = this.clock.instant();
		return createOne(workspaceId, authorId, request, now, new Lookups(workspaceId));
	}

	/**
	 * Creates each post on its own: one that breaks a rule is reported at its index and
	 * does not stop the others. The valid ones are written together in this one
	 * transaction (Hibernate batches their inserts), and each is handed to the engine
	 * after commit exactly as {@link #create} does.
	 * @param workspaceId the workspace
	 * @param authorId the author
	 * @param requests the posts, each already checked against its bean constraints
	 * @return per request, the created post or the refusal
	 */
	@Transactional
	List<Created> createAll(UUID workspaceId, UUID authorId, List<PostRequest> requests) {
		Instant now = this.clock.instant();
		Lookups lookups = new Lookups(workspaceId);
		lookups.preload(requests);
		List<Created> results = new ArrayList<>(requests.size());
		int pending = 0;
		for (PostRequest request : requests) {
			try {
				results.add(new Created(createOne(workspaceId, authorId, request, now, lookups), null));
				if (++pending == FLUSH_EVERY) {
					// Bounds the persistence context of a large bulk request; the
					// transaction stays one.
					this.entities.flush();
					this.entities.clear();
					pending = 0;
				}
			}
			catch (ApiException refused) {
				results.add(new Created(null, refused));
			}
		}
		return results;
	}

	/**
	 * Validation never goes through a transactional proxy here, so a refused post does
	 * not mark the shared transaction rollback-only.
	 */
	private Post createOne(UUID workspaceId, UUID authorId, PostRequest request, Instant now, Lookups lookups) {
		Post post = new Post(UUID.randomUUID(), workspaceId, authorId, now);
		apply(post, request, now, lookups);
		// persist, not save: a new post has an assigned id, which save would take for an
		// existing row and merge (a SELECT per post and per target) before inserting.
		this.entities.persist(post);
		return post;
	}

	@Transactional
	Post update(UUID workspaceId, UUID id, long expectedVersion, PostPatch patch) {
		Post post = get(workspaceId, id);
		List<PostTarget> locked = this.posts.lockTargets(id, workspaceId);
		if (post.getVersion() != expectedVersion) {
			throw new ApiException(ProblemType.PRECONDITION_FAILED, "The post changed since you read it (now version "
					+ post.getVersion() + "); read it again and reapply your change.");
		}
		refuseIfLocked(post, locked, "edited");
		PostRequest merged = merge(post, patch);
		apply(post, merged, this.clock.instant(), new Lookups(workspaceId));
		return post;
	}

	@Transactional
	void cancelOrDelete(UUID workspaceId, UUID id) {
		Post post = get(workspaceId, id);
		List<PostTarget> locked = this.posts.lockTargets(id, workspaceId);
		if (post.getStatus() == PostStatus.CANCELED) {
			return;
		}
		refuseIfLocked(post, locked, "canceled");
		if (post.getStatus() == PostStatus.DRAFT) {
			this.posts.delete(post);
			return;
		}
		Instant now = this.clock.instant();
		List<UUID> canceled = new ArrayList<>();
		for (PostTarget target : post.getTargets()) {
			if (target.getStatus() == TargetStatus.SCHEDULED || target.getStatus() == TargetStatus.DRAFT) {
				target.cancel("Canceled by a user.", now);
				canceled.add(target.getId());
			}
		}
		post.setStatus(PostStatus.CANCELED, now);
		afterCommit(() -> this.scheduler.canceled(canceled));
	}

	@Transactional(readOnly = true)
	Post get(UUID workspaceId, UUID id) {
		return loaded(this.posts.findInWorkspace(id, workspaceId).orElseThrow(() -> ApiException.notFound("Post")));
	}

	/** Loads what the response shows, so it can be rendered after the transaction. */
	private static Post loaded(Post post) {
		post.getTargets().size();
		post.getAssets().size();
		return post;
	}

	@Transactional(readOnly = true)
	Page list(UUID workspaceId, PostStatus status, Instant from, Instant to, String cursor, int limit) {
		MapSqlParameterSource params = new MapSqlParameterSource("ws", workspaceId).addValue("limit", limit + 1);
		StringBuilder sql = new StringBuilder(
				"SELECT id, coalesce(scheduled_at, created_at) AS sort_at FROM post WHERE workspace_id = :ws");
		if (status != null) {
			sql.append(" AND status = :status");
			params.addValue("status", status.name());
		}
		if (from != null) {
			sql.append(" AND scheduled_at >= :from");
			params.addValue("from", java.sql.Timestamp.from(from));
		}
		if (to != null) {
			sql.append(" AND scheduled_at < :to");
			params.addValue("to", java.sql.Timestamp.from(to));
		}
		if (cursor != null && !cursor.isBlank()) {
			Cursor position = Cursor.decode(cursor);
			sql.append(" AND (coalesce(scheduled_at, created_at), id) > (:cursorAt, :cursorId)");
			params.addValue("cursorAt", java.sql.Timestamp.from(position.sortAt())).addValue("cursorId", position.id());
		}
		sql.append(" ORDER BY coalesce(scheduled_at, created_at), id LIMIT :limit");
		List<Cursor> rows = this.jdbc.query(sql.toString(), params,
				(rs, i) -> new Cursor(rs.getTimestamp("sort_at").toInstant(), rs.getObject("id", UUID.class)));
		boolean more = rows.size() > limit;
		List<Cursor> page = more ? rows.subList(0, limit) : rows;
		Map<UUID, Post> loaded = new HashMap<>();
		if (!page.isEmpty()) {
			this.posts.findAllInWorkspace(workspaceId, page.stream().map(Cursor::id).toList())
				.forEach((p) -> loaded.put(p.getId(), p));
		}
		List<Post> items = page.stream()
			.map((c) -> loaded.get(c.id()))
			.filter(Objects::nonNull)
			.map(PostService::loaded)
			.toList();
		return new Page(items, more ? page.get(page.size() - 1).encode() : null);
	}

	@Transactional(readOnly = true)
	List<TargetIssue> validate(UUID workspaceId, PostRequest request) {
		Lookups lookups = new Lookups(workspaceId);
		Map<UUID, TargetAccount> targetAccounts = accountsOf(request.targets(), false, lookups);
		Map<UUID, MediaItem> media = mediaOf(request, lookups);
		return contentIssues(request, targetAccounts, media);
	}

	List<Part> parts(String partsJson) {
		if ("[]".equals(partsJson)) {
			return List.of();
		}
		return this.json.readValue(partsJson, PARTS);
	}

	List<MediaRef> media(String mediaJson) {
		return (mediaJson != null) ? this.json.readValue(mediaJson, MEDIA) : null;
	}

	private void apply(Post post, PostRequest request, Instant now, Lookups lookups) {
		boolean draft = request.isDraft();
		List<TargetRequest> targets = (request.targets() != null) ? request.targets() : List.of();
		if (!draft && targets.isEmpty()) {
			throw validation("targets", "must list at least one account (or save the post as a draft)");
		}
		if (!draft && !request.isPublishNow() && (request.scheduledAt() == null || request.scheduledAt().isBlank())) {
			throw validation("scheduledAt", "is required unless publishNow or draft is true");
		}
		Set<UUID> seen = new HashSet<>();
		for (TargetRequest target : targets) {
			if (!seen.add(target.accountId())) {
				throw validation("targets", "lists account " + target.accountId() + " twice");
			}
		}
		ZoneId zone = ScheduleResolver.zone(request.timeZone(), lookups::workspaceZone);
		ScheduleResolver.Resolved schedule = null;
		if (request.isPublishNow() && !draft) {
			schedule = new ScheduleResolver.Resolved(now, java.time.LocalDateTime.ofInstant(now, zone), zone);
		}
		else if (request.scheduledAt() != null && !request.scheduledAt().isBlank()) {
			schedule = ScheduleResolver.resolve(request.scheduledAt(), zone)
				.keepingEntered(post.getScheduledAt(), post.getLocalScheduledAt());
			if (!draft && schedule.instant().isBefore(now.minus(PAST_GRACE))) {
				throw new ApiException(ProblemType.SCHEDULE_IN_PAST,
						"scheduledAt " + schedule.instant() + " is in the past (now " + now
								+ "); use publishNow to publish at once.",
						Map.of("field", "scheduledAt", "resolvedInstant", schedule.instant().toString()));
			}
			if (schedule.instant().isAfter(now.plus(MAX_AHEAD))) {
				throw validation("scheduledAt", "is more than three years ahead");
			}
		}
		Map<UUID, TargetAccount> targetAccounts = accountsOf(targets, !draft, lookups);
		Map<UUID, MediaItem> media = mediaOf(request, lookups);
		if (!draft) {
			List<TargetIssue> issues = contentIssues(request, targetAccounts, media);
			if (!issues.isEmpty()) {
				throw new ApiException(ProblemType.CONTENT_REJECTED,
						issues.size() + " problem(s) with the content; see errors.", Map.of("errors", issues));
			}
		}
		post.setContent(request.text(), writeParts(request.parts()), now);
		List<MediaRef> baseMedia = (request.assets() != null) ? request.assets() : List.of();
		if (!post.getAssets().isEmpty()) {
			post.getAssets().clear();
			// Flush removals first: positions are the key, and a reorder would reuse
			// them.
			this.posts.flush();
		}
		for (int i = 0; i < baseMedia.size(); i++) {
			post.getAssets().add(new PostAsset(post, i, baseMedia.get(i).assetId(), baseMedia.get(i).altText()));
		}
		PostStatus status = draft ? PostStatus.DRAFT : PostStatus.SCHEDULED;
		post.setSchedule(status, (schedule != null) ? schedule.instant() : null,
				(schedule != null) ? schedule.zone().getId() : zone.getId(),
				(schedule != null) ? schedule.local() : null, request.isPublishNow() && !draft, now);
		List<UUID> before = post.getTargets().stream().map(PostTarget::getId).toList();
		syncTargets(post, targets, targetAccounts, draft ? TargetStatus.DRAFT : TargetStatus.SCHEDULED,
				(schedule != null) ? schedule.instant() : null, now);
		List<UUID> kept = post.getTargets().stream().map(PostTarget::getId).toList();
		List<UUID> removed = before.stream().filter((id) -> !kept.contains(id)).toList();
		afterCommit(() -> {
			if (!removed.isEmpty() || draft) {
				this.scheduler.canceled(draft ? kept : removed);
			}
			if (!draft) {
				this.scheduler.scheduled(kept);
			}
		});
	}

	/**
	 * The engine hears of a change only once it is committed, so it never sees a
	 * rolled-back one.
	 */
	private static void afterCommit(Runnable action) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			action.run();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				action.run();
			}
		});
	}

	private void syncTargets(Post post, List<TargetRequest> requested, Map<UUID, TargetAccount> targetAccounts,
			TargetStatus status, Instant dueAt, Instant now) {
		Map<UUID, PostTarget> existing = new HashMap<>();
		post.getTargets().forEach((t) -> existing.put(t.getAccountId(), t));
		Set<UUID> keep = new HashSet<>();
		for (TargetRequest request : requested) {
			TargetAccount account = targetAccounts.get(request.accountId());
			PostTarget target = existing.get(request.accountId());
			if (target == null) {
				target = new PostTarget(UUID.randomUUID(), post, account.id(), account.network(), now);
				post.getTargets().add(target);
			}
			target.setOverrides(request.text(), writeMedia(request.assets()),
					(request.parts() != null) ? writeParts(request.parts()) : null, now);
			target.schedule(status, dueAt, now);
			keep.add(request.accountId());
		}
		post.getTargets().removeIf((t) -> !keep.contains(t.getAccountId()));
	}

	private List<TargetIssue> contentIssues(PostRequest request, Map<UUID, TargetAccount> targetAccounts,
			Map<UUID, MediaItem> media) {
		List<TargetIssue> issues = new ArrayList<>();
		List<TargetRequest> targets = (request.targets() != null) ? request.targets() : List.of();
		for (TargetRequest target : targets) {
			TargetAccount account = targetAccounts.get(target.accountId());
			if (account == null) {
				continue;
			}
			BaseSocialBackend backend = this.networks.find(account.network()).orElse(null);
			if (backend == null) {
				issues.add(new TargetIssue(account.id(), account.network(), "accountId", "network_unavailable",
						"No driver for " + account.network() + " is installed."));
				continue;
			}
			ValidationResult result = backend.validate(publishRequest(request, target, media));
			result.violations()
				.forEach((v) -> issues
					.add(new TargetIssue(account.id(), account.network(), v.field(), v.code(), v.message())));
		}
		return issues;
	}

	/** The request a driver would get, without bytes or URLs: what validation needs. */
	private PublishRequest publishRequest(PostRequest request, TargetRequest target, Map<UUID, MediaItem> media) {
		String text = TargetOverrides.resolve(target.text(), request.text());
		List<MediaRef> refs = TargetOverrides.resolve(target.assets(), request.assets());
		List<Part> parts = TargetOverrides.resolve(target.parts(), request.parts());
		List<PublishRequest.ThreadPart> thread = (parts != null)
				? parts.stream().map((p) -> new PublishRequest.ThreadPart(p.text(), items(p.assets(), media))).toList()
				: List.of();
		return new PublishRequest("validation", "validation", text, items(refs, media), thread, null, null, null,
				List.of());
	}

	private static List<MediaItem> items(List<MediaRef> refs, Map<UUID, MediaItem> media) {
		if (refs == null) {
			return List.of();
		}
		return refs.stream().map((ref) -> {
			MediaItem item = media.get(ref.assetId());
			String alt = (ref.altText() != null) ? ref.altText() : item.altText();
			return new MediaItem(item.assetId(), item.kind(), item.contentType(), item.bytes(), item.width(),
					item.height(), item.duration(), alt, null, null);
		}).toList();
	}

	private Map<UUID, TargetAccount> accountsOf(List<TargetRequest> targets, boolean mustBeConnected, Lookups lookups) {
		if (targets == null || targets.isEmpty()) {
			return Map.of();
		}
		Set<UUID> ids = new LinkedHashSet<>();
		targets.forEach((t) -> ids.add(t.accountId()));
		Map<UUID, TargetAccount> found = lookups.accounts(ids);
		for (UUID id : ids) {
			TargetAccount account = found.get(id);
			if (account == null || account.status() == AccountStatus.DISABLED) {
				throw new ApiException(ProblemType.UNKNOWN_ACCOUNT,
						"Account " + id + " does not exist in this workspace.", Map.of("accountId", id.toString()));
			}
			if (mustBeConnected && account.status() != AccountStatus.CONNECTED) {
				throw new ApiException(ProblemType.ACCOUNT_NOT_CONNECTED, "Account " + account.handle() + " on "
						+ account.network() + " needs reconnecting: " + account.statusReason(),
						Map.of("accountId", id.toString()));
			}
		}
		return found;
	}

	private Map<UUID, MediaItem> mediaOf(PostRequest request, Lookups lookups) {
		Set<UUID> ids = assetIds(request);
		Map<UUID, MediaItem> found = lookups.media(ids);
		for (UUID id : ids) {
			if (!found.containsKey(id)) {
				throw new ApiException(ProblemType.UNKNOWN_ASSET,
						"Asset " + id + " does not exist in this workspace or is not uploaded completely.",
						Map.of("assetId", id.toString()));
			}
		}
		return found;
	}

	private static Set<UUID> assetIds(PostRequest request) {
		Set<UUID> ids = new LinkedHashSet<>();
		Stream
			.concat(refs(request.assets(), request.parts()),
					(request.targets() != null) ? request.targets().stream().flatMap((t) -> refs(t.assets(), t.parts()))
							: Stream.empty())
			.filter((ref) -> ref.assetId() != null)
			.forEach((ref) -> ids.add(ref.assetId()));
		return ids;
	}

	private static Stream<MediaRef> refs(List<MediaRef> media, List<Part> parts) {
		Stream<MediaRef> own = (media != null) ? media.stream() : Stream.empty();
		Stream<MediaRef> inParts = (parts != null)
				? parts.stream().flatMap((p) -> (p.assets() != null) ? p.assets().stream() : Stream.empty())
				: Stream.empty();
		return Stream.concat(own, inParts);
	}

	private PostRequest merge(Post post, PostPatch patch) {
		List<TargetRequest> targets = (patch.targets() != null) ? patch.targets()
				: post.getTargets()
					.stream()
					.filter((t) -> t.getStatus() != TargetStatus.CANCELED)
					.map((t) -> new TargetRequest(t.getAccountId(), t.getTextOverride(), media(t.getAssetsOverride()),
							(t.getParts() != null) ? parts(t.getParts()) : null))
					.toList();
		List<MediaRef> assets = (patch.assets() != null) ? patch.assets()
				: post.getAssets().stream().map((a) -> new MediaRef(a.getAssetId(), a.getAltText())).toList();
		String scheduledAt = (patch.scheduledAt() != null) ? patch.scheduledAt()
				: (post.getScheduledAt() != null && !post.isPublishNow()) ? post.getScheduledAt().toString() : null;
		Boolean publishNow = (patch.publishNow() != null) ? patch.publishNow()
				: (patch.scheduledAt() == null && post.isPublishNow());
		Boolean draft = (patch.draft() != null) ? patch.draft() : post.getStatus() == PostStatus.DRAFT;
		return new PostRequest((patch.text() != null) ? patch.text() : post.getText(), assets,
				(patch.parts() != null) ? patch.parts() : parts(post.getParts()), targets, scheduledAt,
				(patch.timeZone() != null) ? patch.timeZone() : post.getTimeZone(), publishNow, draft);
	}

	private static void refuseIfLocked(Post post, List<PostTarget> targets, String action) {
		if (!post.getStatus().editable()) {
			throw new ApiException(ProblemType.POST_LOCKED,
					"This post is " + post.getStatus() + " and can no longer be " + action + ".");
		}
		for (PostTarget target : targets) {
			if (target.getStatus().locked()) {
				throw new ApiException(ProblemType.POST_LOCKED,
						"The post's target for account " + target.getAccountId() + " is " + target.getStatus()
								+ ", so the post can no longer be " + action + ".",
						Map.of("targetId", target.getId().toString()));
			}
		}
	}

	/**
	 * What checking posts reads from the database (accounts, assets, the workspace's
	 * zone), read once per request: a bulk request reads each in one query for all its
	 * posts instead of one per post.
	 */
	private final class Lookups {

		private final UUID workspaceId;

		private final Map<UUID, Optional<TargetAccount>> accounts = new HashMap<>();

		private final Map<UUID, Optional<MediaItem>> media = new HashMap<>();

		private String zone;

		Lookups(UUID workspaceId) {
			this.workspaceId = workspaceId;
		}

		void preload(List<PostRequest> requests) {
			Set<UUID> accountIds = new HashSet<>();
			Set<UUID> assetIds = new HashSet<>();
			boolean needsZone = false;
			for (PostRequest request : requests) {
				if (request.targets() != null) {
					request.targets().forEach((t) -> accountIds.add(t.accountId()));
				}
				assetIds.addAll(assetIds(request));
				needsZone |= request.timeZone() == null || request.timeZone().isBlank();
			}
			accounts(accountIds);
			media(assetIds);
			if (needsZone) {
				workspaceZone();
			}
		}

		Map<UUID, TargetAccount> accounts(Set<UUID> ids) {
			List<UUID> missing = ids.stream().filter((id) -> !this.accounts.containsKey(id)).toList();
			if (!missing.isEmpty()) {
				missing.forEach((id) -> this.accounts.put(id, Optional.empty()));
				// Plain SQL: Hibernate translates an IN-list query anew for every list
				// size,
				// which cost more CPU than the rest of a create.
				chunks(missing).forEach((chunk) -> PostService.this.jdbc.query(
						"SELECT id, network, handle, status, status_reason FROM account"
								+ " WHERE workspace_id = :ws AND id IN (:ids)",
						new MapSqlParameterSource("ws", this.workspaceId).addValue("ids", chunk), (rs) -> {
							UUID id = rs.getObject("id", UUID.class);
							this.accounts.put(id,
									Optional.of(new TargetAccount(id, rs.getString("network"), rs.getString("handle"),
											AccountStatus.valueOf(rs.getString("status")),
											rs.getString("status_reason"))));
						}));
			}
			Map<UUID, TargetAccount> found = new HashMap<>();
			ids.forEach((id) -> this.accounts.get(id).ifPresent((a) -> found.put(id, a)));
			return found;
		}

		Map<UUID, MediaItem> media(Set<UUID> ids) {
			List<UUID> missing = ids.stream().filter((id) -> !this.media.containsKey(id)).toList();
			if (!missing.isEmpty()) {
				missing.forEach((id) -> this.media.put(id, Optional.empty()));
				chunks(missing).forEach((chunk) -> PostService.this.assets.readyAssets(this.workspaceId, chunk)
					.forEach((id, item) -> this.media.put(id, Optional.of(item))));
			}
			Map<UUID, MediaItem> found = new HashMap<>();
			ids.forEach((id) -> this.media.get(id).ifPresent((m) -> found.put(id, m)));
			return found;
		}

		/** Keeps each IN list well below Postgres' limit of bind parameters. */
		private static List<List<UUID>> chunks(List<UUID> ids) {
			List<List<UUID>> chunks = new ArrayList<>();
			for (int i = 0; i < ids.size(); i += LOOKUP_CHUNK) {
				chunks.add(ids.subList(i, Math.min(ids.size(), i + LOOKUP_CHUNK)));
			}
			return chunks;
		}

		/** Read only when a post names no zone of its own. */
		String workspaceZone() {
			if (this.zone == null) {
				this.zone = PostService.this.jdbc
					.query("SELECT time_zone FROM workspace WHERE id = :ws",
							new MapSqlParameterSource("ws", this.workspaceId), (rs, i) -> rs.getString(1))
					.stream()
					.findFirst()
					.orElse("UTC");
			}
			return this.zone;
		}

	}

	private String writeParts(List<Part> parts) {
		return this.json.writeValueAsString((parts != null) ? parts : List.of());
	}

	private String writeMedia(List<MediaRef> media) {
		return (media != null) ? this.json.writeValueAsString(media) : null;
	}

	private static ApiException validation(String field, String message) {
		return new ApiException(ProblemType.VALIDATION_FAILED, field + " " + message + ".",
				Map.of("errors", List.of(Map.of("field", field, "message", message))));
	}

	record Page(List<Post> items, String nextCursor) {
	}

	/** What checking a target needs of its account. */
	private record TargetAccount(UUID id, String network, String handle, AccountStatus status, String statusReason) {
	}

	/**
	 * One post of a bulk request: created, or refused.
	 *
	 * @param post the new post, or {@code null} when refused
	 * @param refusal why it was refused, or {@code null}
	 */
	record Created(Post post, ApiException refusal) {
	}

	/** A keyset position: the sort time and id of the last row of a page. */
	record Cursor(Instant sortAt, UUID id) {

		String encode() {
			String raw = this.sortAt.getEpochSecond() + "." + this.sortAt.getNano() + "." + this.id;
			return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
		}

		static Cursor decode(String cursor) {
			try {
				String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
				String[] parts = raw.split("\\.", 3);
				Instant sortAt = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
				if (!AcceptedInstants.contains(sortAt)) {
					throw new IllegalArgumentException("not a time Herald stores");
				}
				return new Cursor(sortAt, UUID.fromString(parts[2]));
			}
			catch (RuntimeException ex) {
				throw new ApiException(ProblemType.BAD_CURSOR, "The cursor is not one this API handed out.",
						Map.of("field", "cursor"));
			}
		}

	}

}
