package io.herald.worker.dispatch;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static io.herald.worker.publish.SqlTime.ts;

/**
 * Re-queues failed targets for the retry endpoint.
 */
public class TargetRequeue {

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	public TargetRequeue(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Puts a post's failed targets back, due now (the lateness window counts from now).
	 * Their {@code uncertain_since} stays: a target whose earlier call may have gone
	 * through (a timeout, then the account had to be reconnected) is reconciled before it
	 * is sent again.
	 * @param workspaceId the workspace
	 * @param postId the post
	 * @return the re-queued target ids
	 */
	public List<UUID> requeueFailed(UUID workspaceId, UUID postId) {
		Instant now = this.clock.instant();
		return this.transactions.execute((status) -> {
			this.jdbc.queryForList("SELECT id FROM post WHERE id = ? AND workspace_id = ? FOR UPDATE", postId,
					workspaceId);
			List<UUID> ids = this.jdbc.queryForList(
					"UPDATE post_target SET status = 'SCHEDULED', due_at = ?,"
							+ " next_attempt_at = NULL, attempts = 0, in_progress_token = NULL,"
							+ " last_error = NULL, last_error_kind = NULL, updated_at = ?, version = version + 1"
							+ " WHERE workspace_id = ? AND post_id = ? AND status = 'FAILED' RETURNING id",
					UUID.class, ts(now), ts(now), workspaceId, postId);
			if (!ids.isEmpty()) {
				this.jdbc.update(
						"UPDATE post SET status = 'SCHEDULED', updated_at = ?, version = version + 1"
								+ " WHERE id = ? AND workspace_id = ? AND status = 'DONE'",
						ts(now), postId, workspaceId);
			}
			return ids;
		});
	}

}
