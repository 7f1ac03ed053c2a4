package io.herald.api.web.posts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The read side of the post pages: what the list, detail and calendar show, in a few
 * queries, always scoped by workspace.
 */
@Component
public class PostQueries {

	static final Set<String> STATUSES = Set.of("DRAFT", "SCHEDULED", "PUBLISHING", "PUBLISHED", "FAILED", "CANCELED");

	private static final int LIMIT = 200;

	private final NamedParameterJdbcTemplate jdbc;

	PostQueries(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Posts matching a filter, latest first.
	 * @param workspaceId the workspace
	 * @param filter the filter
	 * @param zone the zone the filter's dates are in
	 * @return up to 200 posts with their targets
	 */
	@Transactional(readOnly = true)
	public List<PostRow> list(UUID workspaceId, PostFilter filter, ZoneId zone) {
		MapSqlParameterSource params = new MapSqlParameterSource("ws", workspaceId).addValue("limit", LIMIT);
		StringBuilder sql = new StringBuilder("SELECT p.* FROM post p WHERE p.workspace_id = :ws");
		if (filter.status() != null && STATUSES.contains(filter.status())) {
			sql.append(" AND (p.status = :status OR EXISTS (SELECT 1 FROM post_target t WHERE t.post_id = p.id")
				.append(" AND t.status = :status))");
			params.addValue("status", filter.status());
		}
		if (filter.account() != null) {
			sql.append(" AND EXISTS (SELECT 1 FROM post_target t WHERE t.post_id = p.id AND t.account_id = :account)");
			params.addValue("account", filter.account());
		}
		if (filter.from() != null) {
			sql.append(" AND coalesce(p.scheduled_at, p.created_at) >= :from");
			params.addValue("from", Timestamp.from(filter.from().atStartOfDay(zone).toInstant()));
		}
		if (filter.to() != null) {
			sql.append(" AND coalesce(p.scheduled_at, p.created_at) < :to");
			params.addValue("to", Timestamp.from(filter.to().plusDays(1).atStartOfDay(zone).toInstant()));
		}
		if (filter.q() != null && !filter.q().isBlank()) {
			sql.append(" AND (p.text ILIKE :q ESCAPE '\\' OR EXISTS (SELECT 1 FROM post_target t")
				.append(" WHERE t.post_id = p.id AND t.text_override ILIKE :q ESCAPE '\\'))");
			params.addValue("q", "%" + filter.q().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
		}
		sql.append(" ORDER BY coalesce(p.scheduled_at, p.created_at) DESC, p.id LIMIT :limit");
		return withTargets(workspaceId, this.jdbc.query(sql.toString(), params, PostQueries::post), false);
	}

	/**
	 * Posts scheduled (or published) in a time range, for the calendar.
	 * @param workspaceId the workspace
	 * @param from start, inclusive
	 * @param to end, exclusive
	 * @return the posts, earliest first
	 */
	@Transactional(readOnly = true)
	public List<PostRow> between(UUID workspaceId, Instant from, Instant to) {
		MapSqlParameterSource params = new MapSqlParameterSource("ws", workspaceId)
			.addValue("from", Timestamp.from(from))
			.addValue("to", Timestamp.from(to));
		return withTargets(workspaceId,
				this.jdbc.query(
						"SELECT p.* FROM post p WHERE p.workspace_id = :ws AND p.scheduled_at >= :from"
								+ " AND p.scheduled_at < :to ORDER BY p.scheduled_at, p.id LIMIT 1000",
						params, PostQueries::post),
				false);
	}

	/**
	 * One post with its targets and their attempts.
	 * @param workspaceId the workspace
	 * @param id the post
	 * @return the post, if it exists in this workspace
	 */
	@Transactional(readOnly = true)
	public Optional<PostRow> get(UUID workspaceId, UUID id) {
		List<PostRow> found = this.jdbc.query("SELECT p.* FROM post p WHERE p.workspace_id = :ws AND p.id = :id",
				new MapSqlParameterSource("ws", workspaceId).addValue("id", id), PostQueries::post);
		return withTargets(workspaceId, found, true).stream().findFirst();
	}

	/**
	 * A post's media in order: file name and alt text.
	 * @param workspaceId the workspace
	 * @param postId the post
	 * @return the media, empty when none
	 */
	@Transactional(readOnly = true)
	public List<MediaRow> media(UUID workspaceId, UUID postId) {
		return this.jdbc.query(
				"SELECT pa.asset_id, coalesce(pa.alt_text, a.alt_text) AS alt_text, a.original_filename,"
						+ " a.content_type FROM post_asset pa JOIN asset a ON a.id = pa.asset_id"
						+ " WHERE pa.workspace_id = :ws AND pa.post_id = :id ORDER BY pa.position",
				new MapSqlParameterSource("ws", workspaceId).addValue("id", postId),
				(rs, row) -> new MediaRow(rs.getObject("asset_id", UUID.class), rs.getString("original_filename"),
						rs.getString("content_type"), rs.getString("alt_text")));
	}

	private List<PostRow> withTargets(UUID workspaceId, List<PostRow> posts, boolean attempts) {
		if (posts.isEmpty()) {
			return posts;
		}
		Map<UUID, List<TargetRow>> byPost = new LinkedHashMap<>();
		List<UUID> ids = posts.stream().map(PostRow::id).toList();
		MapSqlParameterSource params = new MapSqlParameterSource("ws", workspaceId).addValue("ids", ids);
		this.jdbc.query(
				"SELECT t.*, a.handle FROM post_target t JOIN account a ON a.id = t.account_id"
						+ " WHERE t.workspace_id = :ws AND t.post_id IN (:ids) ORDER BY t.network, a.handle",
				params, (ResultSet rs) -> {
					byPost.computeIfAbsent(rs.getObject("post_id", UUID.class), (k) -> new ArrayList<>())
						.add(target(rs));
				});
		Map<UUID, List<AttemptRow>> history = attempts
				? attempts(workspaceId, byPost.values().stream().flatMap(List::stream).map(TargetRow::id).toList())
				: Map.of();
		List<PostRow> result = new ArrayList<>();
		for (PostRow post : posts) {
			List<TargetRow> targets = byPost.getOrDefault(post.id(), List.of())
				.stream()
				.map((t) -> t.withHistory(history.getOrDefault(t.id(), List.of())))
				.toList();
			result.add(new PostRow(post.id(), post.status(), post.text(), post.parts(), post.scheduledAt(),
					post.timeZone(), post.localScheduledAt(), post.publishNow(), post.createdAt(), post.version(),
					targets));
		}
		return result;
	}

	private Map<UUID, List<AttemptRow>> attempts(UUID workspaceId, Collection<UUID> targetIds) {
		Map<UUID, List<AttemptRow>> byTarget = new LinkedHashMap<>();
		if (targetIds.isEmpty()) {
			return byTarget;
		}
		this.jdbc.query(
				"SELECT * FROM publish_attempt WHERE workspace_id = :ws AND target_id IN (:ids) ORDER BY started_at",
				new MapSqlParameterSource("ws", workspaceId).addValue("ids", targetIds), (ResultSet rs) -> {
					AttemptRow row = new AttemptRow(rs.getObject("target_id", UUID.class), instant(rs, "started_at"),
							instant(rs, "finished_at"), rs.getString("outcome"), rs.getString("error_kind"),
							(Integer) rs.getObject("http_status"), rs.getString("message"));
					byTarget.computeIfAbsent(row.targetId(), (k) -> new ArrayList<>()).add(row);
				});
		return byTarget;
	}

	private static PostRow post(ResultSet rs, int row) throws SQLException {
		return new PostRow(rs.getObject("id", UUID.class), rs.getString("status"), rs.getString("text"),
				Parts.texts(rs.getString("parts")), instant(rs, "scheduled_at"), rs.getString("time_zone"),
				rs.getObject("local_scheduled_at", LocalDateTime.class), rs.getBoolean("publish_now"),
				instant(rs, "created_at"), rs.getLong("version"), List.of());
	}

	private static TargetRow target(ResultSet rs) throws SQLException {
		return new TargetRow(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
				rs.getString("network"), rs.getString("handle"), rs.getString("status"), rs.getString("text_override"),
				instant(rs, "due_at"), rs.getInt("attempts"), instant(rs, "next_attempt_at"),
				rs.getString("remote_url"), instant(rs, "published_at"), rs.getString("last_error_kind"),
				rs.getString("last_error"), List.of());
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

}
