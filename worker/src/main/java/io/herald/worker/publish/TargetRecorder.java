package io.herald.worker.publish;

import java.time.Instant;
import java.util.UUID;

import io.herald.drivers.spi.PublishException;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static io.herald.worker.publish.SqlTime.ts;

/**
 * Writes what happened to a target. Every change of a claimed target is fenced by the
 * lease ({@code status = 'PUBLISHING' AND lease_owner = node}): a node whose lease was
 * swept cannot overwrite the newer owner's work.
 */
public class TargetRecorder {

	private static final int MAX_MESSAGE = 2000;

	private static final String FENCE = " WHERE id = ? AND status = 'PUBLISHING' AND lease_owner = ?";

	private static final String COMMON = "lease_owner = NULL, lease_until = NULL, updated_at = ?, version = version + 1";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final String node;

	public TargetRecorder(JdbcTemplate jdbc, TransactionTemplate transactions, String node) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.node = node;
	}

	public String node() {
		return this.node;
	}

	/**
	 * Writes (and commits) the attempt row before a network call, and marks the target
	 * uncertain until the call's outcome is recorded.
	 * @param target the target
	 * @param attemptId the new attempt's id
	 * @param now when the call starts
	 * @return false when this node no longer holds the lease: do not call
	 */
	public boolean startAttempt(ClaimedTarget target, UUID attemptId, Instant now) {
		int rows = this.jdbc.update(
				"WITH t AS (UPDATE post_target SET attempts = attempts + 1, uncertain_since = ?," + " updated_at = ?"
						+ FENCE + " RETURNING id, workspace_id) INSERT INTO publish_attempt"
						+ " (id, workspace_id, target_id, node, started_at) SELECT ?, workspace_id, id, ?, ? FROM t",
				ts(now), ts(now), target.id(), this.node, attemptId, this.node, ts(now));
		return rows == 1;
	}

	/**
	 * Records a transition, and the outcome of the attempt that led to it.
	 * @param target the target
	 * @param attemptId the attempt, or {@code null} when no call was made
	 * @param transition where the target goes
	 * @param failure the network's failure, or {@code null}
	 * @param now the current instant
	 * @return false when this node no longer held the lease (nothing changed)
	 */
	public boolean record(ClaimedTarget target, UUID attemptId, Transition transition, PublishException failure,
			Instant now) {
		Boolean applied = this.transactions.execute((status) -> {
			if (attemptId != null) {
				finishAttempt(attemptId, transition, failure, now);
			}
			boolean terminal = transition instanceof Transition.Published || transition instanceof Transition.Failed
					|| transition instanceof Transition.Reconnect;
			if (terminal) {
				// Serialises the "all targets terminal?" check per post.
				this.jdbc.queryForList("SELECT id FROM post WHERE id = ? FOR UPDATE", target.postId());
			}
			if (updateTarget(target, transition, now) == 0) {
				return false;
			}
			if (terminal) {
				completePostIfDone(target.postId(), now);
			}
			return true;
		});
		return Boolean.TRUE.equals(applied);
	}

	/**
	 * Records a failed call whose execution goes on (the refresh-then-retry path).
	 * @param attemptId the attempt
	 * @param failure the failure
	 * @param now the current instant
	 */
	public void finishAttempt(UUID attemptId, PublishException failure, Instant now) {
		finishAttempt(attemptId, null, failure, now);
	}

	private void finishAttempt(UUID attemptId, Transition transition, PublishException failure, Instant now) {
		String outcome = (transition instanceof Transition.Published) ? "PUBLISHED"
				: (transition instanceof Transition.Resume) ? "IN_PROGRESS" : "FAILED";
		this.jdbc.update(
				"UPDATE publish_attempt SET finished_at = ?, outcome = ?, error_kind = ?, http_status = ?, message = ?"
						+ " WHERE id = ?",
				ts(now), outcome, (failure != null) ? failure.kind().name() : null,
				(failure != null) ? failure.httpStatus().orElse(null) : null,
				(failure != null) ? truncate(failure.getMessage()) : null, attemptId);
	}

	private int updateTarget(ClaimedTarget target, Transition transition, Instant now) {
		if (transition instanceof Transition.Published published) {
			return this.jdbc.update("UPDATE post_target SET status = 'PUBLISHED', remote_id = ?, remote_url = ?,"
					+ " published_at = ?, next_attempt_at = NULL, in_progress_token = NULL, uncertain_since = NULL,"
					+ " last_error = NULL, last_error_kind = NULL, " + COMMON + FENCE, published.remoteId(),
					(published.url() != null) ? published.url().toString() : null, ts(now), ts(now), target.id(),
					this.node);
		}
		if (transition instanceof Transition.Failed failed) {
			return fail(target, failed.kind(), failed.reason(), now);
		}
		if (transition instanceof Transition.Reconnect reconnect) {
			return fail(target, "AUTH_REVOKED", reconnect.reason(), now);
		}
		if (transition instanceof Transition.Retry retry) {
			return this.jdbc.update("UPDATE post_target SET status = 'SCHEDULED', next_attempt_at = ?,"
					+ " last_error_kind = ?, last_error = ?, uncertain_since = CASE WHEN ? THEN uncertain_since END, "
					+ COMMON + FENCE, ts(retry.at()), retry.kind().name(), truncate(retry.message()), retry.uncertain(),
					ts(now), target.id(), this.node);
		}
		if (transition instanceof Transition.Resume resume) {
			return this.jdbc.update(
					"UPDATE post_target SET status = 'SCHEDULED', next_attempt_at = ?,"
							+ " in_progress_token = ?, uncertain_since = NULL, " + COMMON + FENCE,
					ts(resume.at()), resume.token(), ts(now), target.id(), this.node);
		}
		if (transition instanceof Transition.Release release) {
			return this.jdbc.update(
					"UPDATE post_target SET status = 'SCHEDULED', next_attempt_at = ?, " + COMMON + FENCE,
					ts(release.at()), ts(now), target.id(), this.node);
		}
		throw new IllegalArgumentException("Not a recordable transition: " + transition);
	}

	private int fail(ClaimedTarget target, String kind, String reason, Instant now) {
		return this.jdbc.update("UPDATE post_target SET status = 'FAILED', last_error_kind = ?, last_error = ?,"
				+ " next_attempt_at = NULL, in_progress_token = NULL, uncertain_since = NULL, " + COMMON + FENCE, kind,
				truncate(reason), ts(now), target.id(), this.node);
	}

	private void completePostIfDone(UUID postId, Instant now) {
		this.jdbc.update(
				"UPDATE post SET status = 'DONE', updated_at = ?, version = version + 1"
						+ " WHERE id = ? AND status = 'SCHEDULED' AND NOT EXISTS (SELECT 1 FROM post_target"
						+ " WHERE post_id = ? AND status IN ('DRAFT', 'SCHEDULED', 'PUBLISHING'))",
				ts(now), postId, postId);
	}

	private static String truncate(String message) {
		return (message != null && message.length() > MAX_MESSAGE) ? message.substring(0, MAX_MESSAGE) : message;
	}

}
