package io.herald.worker.publish;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import io.herald.drivers.spi.PublishException;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static io.herald.worker.publish.SqlTime.ts;

/**
 * Writes what happened to a target. Every change of a claimed target is fenced by the
 * lease ({@code status = 'PUBLISHING' AND lease_owner = node}): a node whose lease was
 * swept cannot overwrite the newer owner's work. Attempt starts and outcomes of targets
 * published at the same time share transactions ({@link GroupCommit}): each caller still
 * returns only once its own row is committed, but a busy node commits once per batch
 * instead of once per target.
 */
public class TargetRecorder {

	private static final int MAX_MESSAGE = 2000;

	private static final String FENCE = " WHERE id = ? AND status = 'PUBLISHING' AND lease_owner = ?";

	private static final String FINISH_ATTEMPT = "UPDATE publish_attempt SET finished_at = ?, outcome = ?,"
			+ " error_kind = ?, http_status = ?, message = ? WHERE id = ?";

	private static final String START_ATTEMPT = "WITH t AS (UPDATE post_target SET attempts = attempts + 1,"
			+ " uncertain_since = ?, updated_at = ?" + FENCE
			+ " RETURNING id, workspace_id) INSERT INTO publish_attempt"
			+ " (id, workspace_id, target_id, node, started_at) SELECT ?, workspace_id, id, ?, ? FROM t";

	private static final String COMMON = "lease_owner = NULL, lease_until = NULL, updated_at = ?, version = version + 1";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private static final int MAX_BATCH = 256;

	private final String node;

	private final GroupCommit<Start, Boolean> starts = new GroupCommit<>(MAX_BATCH, this::writeStarts);

	private final GroupCommit<Outcome, Boolean> outcomes = new GroupCommit<>(MAX_BATCH, this::writeOutcomes);

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
		return this.starts.submit(new Start(target.id(), attemptId, now));
	}

	/**
	 * One transaction, one JDBC batch (a single round trip) of per-target statements in
	 * target id order. Per-target statements keep the primary-key plan whatever the
	 * statistics say; set-based {@code unnest} joins measured slower here.
	 */
	private List<Boolean> writeStarts(List<Start> batch) {
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < batch.size(); i++) {
			order.add(i);
		}
		order.sort((a, b) -> batch.get(a).targetId().compareTo(batch.get(b).targetId()));
		List<Object[]> args = new ArrayList<>(batch.size());
		for (int i : order) {
			Start start = batch.get(i);
			args.add(new Object[] { ts(start.at()), ts(start.at()), start.targetId(), this.node, start.attemptId(),
					this.node, ts(start.at()) });
		}
		int[] counts = this.transactions.execute((status) -> this.jdbc.batchUpdate(START_ATTEMPT, args));
		Boolean[] started = new Boolean[batch.size()];
		for (int k = 0; k < order.size(); k++) {
			started[order.get(k)] = counts[k] == 1;
		}
		return List.of(started);
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
		return this.outcomes.submit(new Outcome(target, attemptId, transition, failure, now));
	}

	/**
	 * One transaction for a batch of outcomes; if it fails (one bad row, say), each
	 * outcome is tried in a transaction of its own so the others still land.
	 */
	private List<Boolean> writeOutcomes(List<Outcome> batch) {
		try {
			return this.transactions.execute((status) -> writeInTransaction(batch));
		}
		catch (RuntimeException ex) {
			if (batch.size() == 1) {
				throw ex;
			}
			List<Boolean> applied = new ArrayList<>(batch.size());
			for (Outcome outcome : batch) {
				applied.add(this.transactions.execute((status) -> writeInTransaction(List.of(outcome))).get(0));
			}
			return applied;
		}
	}

	private List<Boolean> writeInTransaction(List<Outcome> batch) {
		List<Object[]> attempts = new ArrayList<>();
		TreeSet<UUID> terminalPosts = new TreeSet<>();
		for (Outcome outcome : batch) {
			if (outcome.attemptId() != null) {
				attempts.add(attemptArgs(outcome.attemptId(), outcome.transition(), outcome.failure(), outcome.at()));
			}
			if (outcome.terminal()) {
				terminalPosts.add(outcome.target().postId());
			}
		}
		if (!attempts.isEmpty()) {
			this.jdbc.batchUpdate(FINISH_ATTEMPT, attempts);
		}
		if (!terminalPosts.isEmpty()) {
			// Serialises the "all targets terminal?" check per post; sorted, so two nodes
			// locking overlapping sets cannot deadlock.
			this.jdbc.queryForList("SELECT id FROM post WHERE id = ANY (?) ORDER BY id FOR UPDATE", UUID.class,
					(Object) terminalPosts.toArray(new UUID[0]));
		}
		// Locks the batch's targets in id order first, so batches never wait on each
		// other
		// in a cycle.
		this.jdbc.queryForList("SELECT id FROM post_target WHERE id = ANY (?) ORDER BY id FOR UPDATE", UUID.class,
				(Object) batch.stream().map((outcome) -> outcome.target().id()).toArray(UUID[]::new));
		Map<String, List<Integer>> bySql = new LinkedHashMap<>();
		Map<String, List<Object[]>> argsBySql = new LinkedHashMap<>();
		for (int i = 0; i < batch.size(); i++) {
			Update update = targetUpdate(batch.get(i));
			bySql.computeIfAbsent(update.sql(), (key) -> new ArrayList<>()).add(i);
			argsBySql.computeIfAbsent(update.sql(), (key) -> new ArrayList<>()).add(update.args());
		}
		boolean[] applied = new boolean[batch.size()];
		bySql.forEach((sql, indexes) -> {
			int[] counts = this.jdbc.batchUpdate(sql, argsBySql.get(sql));
			for (int k = 0; k < counts.length; k++) {
				applied[indexes.get(k)] = counts[k] != 0;
			}
		});
		TreeSet<UUID> done = new TreeSet<>();
		Instant latest = null;
		for (int i = 0; i < batch.size(); i++) {
			Outcome outcome = batch.get(i);
			if (applied[i] && outcome.terminal()) {
				done.add(outcome.target().postId());
				latest = (latest == null || outcome.at().isAfter(latest)) ? outcome.at() : latest;
			}
		}
		if (!done.isEmpty()) {
			this.jdbc.update("UPDATE post SET status = 'DONE', updated_at = ?, version = version + 1"
					+ " WHERE id = ANY (?) AND status = 'SCHEDULED' AND NOT EXISTS (SELECT 1 FROM post_target pt"
					+ " WHERE pt.post_id = post.id AND pt.status IN ('DRAFT', 'SCHEDULED', 'PUBLISHING'))", ts(latest),
					done.toArray(new UUID[0]));
		}
		List<Boolean> result = new ArrayList<>(batch.size());
		for (boolean one : applied) {
			result.add(one);
		}
		return result;
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
		this.jdbc.update(FINISH_ATTEMPT, attemptArgs(attemptId, transition, failure, now));
	}

	private static Object[] attemptArgs(UUID attemptId, Transition transition, PublishException failure, Instant now) {
		String outcome = (transition instanceof Transition.Published) ? "PUBLISHED"
				: (transition instanceof Transition.Resume) ? "IN_PROGRESS" : "FAILED";
		return new Object[] { ts(now), outcome, (failure != null) ? failure.kind().name() : null,
				(failure != null) ? failure.httpStatus().orElse(null) : null,
				(failure != null) ? truncate(failure.getMessage()) : null, attemptId };
	}

	private Update targetUpdate(Outcome outcome) {
		ClaimedTarget target = outcome.target();
		Transition transition = outcome.transition();
		Instant now = outcome.at();
		if (transition instanceof Transition.Published published) {
			return new Update("UPDATE post_target SET status = 'PUBLISHED', remote_id = ?, remote_url = ?,"
					+ " published_at = ?, next_attempt_at = NULL, in_progress_token = NULL, uncertain_since = NULL,"
					+ " last_error = NULL, last_error_kind = NULL, " + COMMON + FENCE, published.remoteId(),
					(published.url() != null) ? published.url().toString() : null, ts(now), ts(now), target.id(),
					this.node);
		}
		if (transition instanceof Transition.Failed failed) {
			return fail(target, failed.kind(), failed.reason(), failed.uncertain(), now);
		}
		if (transition instanceof Transition.Reconnect reconnect) {
			return fail(target, "AUTH_REVOKED", reconnect.reason(), reconnect.uncertain(), now);
		}
		if (transition instanceof Transition.Recheck recheck) {
			return new Update(
					"UPDATE post_target SET status = 'SCHEDULED', next_attempt_at = ?,"
							+ " attempts = attempts + 1, last_error_kind = ?, last_error = ?, " + COMMON + FENCE,
					ts(recheck.at()), recheck.kind().name(), truncate(recheck.message()), ts(now), target.id(),
					this.node);
		}
		if (transition instanceof Transition.Retry retry) {
			return new Update("UPDATE post_target SET status = 'SCHEDULED', next_attempt_at = ?,"
					+ " last_error_kind = ?, last_error = ?, uncertain_since = CASE WHEN ? THEN uncertain_since END, "
					+ COMMON + FENCE, ts(retry.at()), retry.kind().name(), truncate(retry.message()), retry.uncertain(),
					ts(now), target.id(), this.node);
		}
		if (transition instanceof Transition.Resume resume) {
			// Looking at a publication the network is still processing is not a failed
			// attempt: a Reel may take minutes, and polls must not use up the attempts.
			return new Update(
					"UPDATE post_target SET status = 'SCHEDULED', next_attempt_at = ?, attempts = attempts - 1,"
							+ " in_progress_token = ?, uncertain_since = NULL, " + COMMON + FENCE,
					ts(resume.at()), resume.token(), ts(now), target.id(), this.node);
		}
		if (transition instanceof Transition.Wait wait) {
			// A refusal for a rate limit proves nothing was published and costs no
			// attempt.
			int call = (outcome.attemptId() != null) ? 1 : 0;
			return new Update("UPDATE post_target SET status = 'SCHEDULED', next_attempt_at = ?, waited_until = ?,"
					+ " last_error_kind = 'RATE_LIMITED', last_error = ?, attempts = attempts - ?,"
					+ " uncertain_since = CASE WHEN ? = 1 THEN NULL ELSE uncertain_since END, " + COMMON + FENCE,
					ts(wait.until()), ts(wait.until()), truncate(wait.reason()), call, call, ts(now), target.id(),
					this.node);
		}
		if (transition instanceof Transition.Release release) {
			return new Update("UPDATE post_target SET status = 'SCHEDULED', next_attempt_at = ?, " + COMMON + FENCE,
					ts(release.at()), ts(now), target.id(), this.node);
		}
		throw new IllegalArgumentException("Not a recordable transition: " + transition);
	}

	private Update fail(ClaimedTarget target, String kind, String reason, boolean uncertain, Instant now) {
		return new Update(
				"UPDATE post_target SET status = 'FAILED', last_error_kind = ?, last_error = ?,"
						+ " next_attempt_at = NULL, in_progress_token = NULL,"
						+ " uncertain_since = CASE WHEN ? THEN uncertain_since END, " + COMMON + FENCE,
				kind, truncate(reason), uncertain, ts(now), target.id(), this.node);
	}

	private static String truncate(String message) {
		return (message != null && message.length() > MAX_MESSAGE) ? message.substring(0, MAX_MESSAGE) : message;
	}

	private record Start(UUID targetId, UUID attemptId, Instant at) {
	}

	private record Outcome(ClaimedTarget target, UUID attemptId, Transition transition, PublishException failure,
			Instant at) {

		boolean terminal() {
			return this.transition instanceof Transition.Published || this.transition instanceof Transition.Failed
					|| this.transition instanceof Transition.Reconnect;
		}

	}

	private record Update(String sql, Object... args) {
	}

}
