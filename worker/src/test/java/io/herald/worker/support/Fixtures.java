package io.herald.worker.support;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.herald.core.accounts.AccountSessionStore;
import io.herald.drivers.spi.AccountSession;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows as the API would write them: a workspace, sandbox accounts, posts and their
 * SCHEDULED targets.
 */
public final class Fixtures {

	private final JdbcTemplate jdbc;

	private final AccountSessionStore sessions;

	/**
	 * Fixtures.
	 * @param dataSource the database
	 * @param sessions core's encrypted session store, or {@code null} to keep sessions in
	 * plain account columns (see {@link TestAccountSessions})
	 */
	public Fixtures(DataSource dataSource, AccountSessionStore sessions) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.sessions = sessions;
	}

	public JdbcTemplate jdbc() {
		return this.jdbc;
	}

	public UUID workspace() {
		UUID id = UUID.randomUUID();
		this.jdbc.update("INSERT INTO workspace (id, name) VALUES (?, 'Test')", id);
		return id;
	}

	public UUID account(UUID workspaceId, String handle, String faults) {
		return account(workspaceId, handle, faults, null);
	}

	public UUID account(UUID workspaceId, String handle, String faults, Instant tokenExpiresAt) {
		UUID id = UUID.randomUUID();
		String remoteId = "sandbox:" + handle + "-" + id;
		this.jdbc.update("INSERT INTO account (id, workspace_id, network, handle, remote_user_id, credentials, status,"
				+ " settings, token_expires_at) VALUES (?, ?, 'sandbox', ?, ?, '\\x00', 'CONNECTED', ?::jsonb, ?)", id,
				workspaceId, handle, remoteId, (faults != null) ? "{\"faults\": \"" + faults + "\"}" : "{}",
				(tokenExpiresAt != null) ? tokenExpiresAt.atOffset(ZoneOffset.UTC) : null);
		if (this.sessions != null) {
			this.sessions.save(workspaceId, id, new AccountSession(remoteId, handle, null, "access", "refresh",
					tokenExpiresAt, (faults != null) ? Map.of("faults", faults) : Map.of()));
		}
		return id;
	}

	public UUID post(UUID workspaceId, String text) {
		UUID id = UUID.randomUUID();
		this.jdbc.update("INSERT INTO post (id, workspace_id, text, status) VALUES (?, ?, ?, 'SCHEDULED')", id,
				workspaceId, text);
		return id;
	}

	public UUID target(UUID workspaceId, UUID postId, UUID accountId, Instant dueAt) {
		UUID id = UUID.randomUUID();
		this.jdbc.update(
				"INSERT INTO post_target (id, workspace_id, post_id, account_id, network, status, due_at,"
						+ " idempotency_key) VALUES (?, ?, ?, ?, 'sandbox', 'SCHEDULED', ?, ?)",
				id, workspaceId, postId, accountId, dueAt.atOffset(ZoneOffset.UTC), "tk-" + id);
		return id;
	}

	/**
	 * Many posts with one target each, spread over the given accounts, in one statement.
	 */
	public void bulkTargets(UUID workspaceId, List<UUID> accounts, int count, Instant from, long spreadMillis) {
		this.jdbc.update(
				"INSERT INTO post (id, workspace_id, text, status) SELECT md5('p' || g || ?)::uuid, ?,"
						+ " 'Bulk post ' || g, 'SCHEDULED' FROM generate_series(1, ?) g",
				workspaceId.toString(), workspaceId, count);
		this.jdbc.update("INSERT INTO post_target (id, workspace_id, post_id, account_id, network, status, due_at,"
				+ " idempotency_key) SELECT md5('t' || g || ?)::uuid, ?, md5('p' || g || ?)::uuid,"
				+ " (?::uuid[])[1 + g % ?], 'sandbox', 'SCHEDULED', ?::timestamptz + (g % ?) * interval '1 millisecond',"
				+ " 'bulk-' || g || ?  FROM generate_series(1, ?) g", workspaceId.toString(), workspaceId,
				workspaceId.toString(), accounts.toArray(new UUID[0]), accounts.size(), from.atOffset(ZoneOffset.UTC),
				Math.max(1, spreadMillis), workspaceId.toString(), count);
	}

	public Map<String, Object> target(UUID id) {
		return this.jdbc.queryForMap("SELECT * FROM post_target WHERE id = ?", id);
	}

	public String status(UUID targetId) {
		return this.jdbc.queryForObject("SELECT status FROM post_target WHERE id = ?", String.class, targetId);
	}

	public String postStatus(UUID postId) {
		return this.jdbc.queryForObject("SELECT status FROM post WHERE id = ?", String.class, postId);
	}

	public long publications(UUID targetId) {
		return this.jdbc.queryForObject("SELECT count(*) FROM sandbox_publication WHERE target_id = ?", Long.class,
				targetId.toString());
	}

}
