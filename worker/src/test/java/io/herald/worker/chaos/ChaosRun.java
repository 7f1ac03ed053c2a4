package io.herald.worker.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

import io.herald.worker.support.Poll;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What chaos tests ask the database during and after a run.
 */
final class ChaosRun {

	private final JdbcTemplate jdbc;

	ChaosRun(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	long count(String status) {
		return this.jdbc.queryForObject("SELECT count(*) FROM post_target WHERE status = ?", Long.class, status);
	}

	/** Targets due now that no node has claimed. */
	long dueUnclaimed() {
		return this.jdbc.queryForObject(
				"SELECT count(*) FROM post_target WHERE status = 'SCHEDULED' AND due_at <= now()", Long.class);
	}

	long terminal() {
		return this.jdbc.queryForObject(
				"SELECT count(*) FROM post_target WHERE status IN ('PUBLISHED', 'FAILED', 'CANCELED')", Long.class);
	}

	void awaitPublished(String what, Duration timeout, LongPredicate published) {
		Poll.until(timeout, what, () -> published.test(count("PUBLISHED")), this::summary);
	}

	void awaitAllTerminal(long targets, Duration timeout) {
		Poll.until(timeout, "all " + targets + " targets are terminal", () -> terminal() == targets, this::summary);
	}

	/** Publications of the same target seen more than once by the network. */
	List<Map<String, Object>> duplicates() {
		return this.jdbc.queryForList("SELECT idempotency_key, count(*) AS n FROM sandbox_publication"
				+ " GROUP BY idempotency_key HAVING count(*) > 1 LIMIT 20");
	}

	/** Published targets without exactly one publication, and failed ones with any. */
	long mismatches() {
		return this.jdbc.queryForObject("SELECT count(*) FROM post_target t LEFT JOIN (SELECT idempotency_key,"
				+ " count(*) AS n FROM sandbox_publication GROUP BY idempotency_key) s"
				+ " ON s.idempotency_key = t.idempotency_key"
				+ " WHERE (t.status = 'PUBLISHED' AND (s.n IS NULL OR s.n <> 1 OR t.remote_id IS NULL))"
				+ " OR (t.status = 'FAILED' AND s.n IS NOT NULL)", Long.class);
	}

	long publications() {
		return this.jdbc.queryForObject("SELECT count(*) FROM sandbox_publication", Long.class);
	}

	/** Targets with an attempt whose outcome was never written (its node died). */
	List<String> cutAttempts() {
		return this.jdbc.queryForList(
				"SELECT DISTINCT target_id::text FROM publish_attempt WHERE finished_at IS NULL ORDER BY 1",
				String.class);
	}

	/**
	 * Targets whose call's outcome Herald could not know: an attempt never finished, or
	 * finished as an unknown outcome (when no such fault is injected, a crash cut it).
	 */
	List<String> uncertainAttempts() {
		return this.jdbc.queryForList("SELECT DISTINCT target_id::text FROM publish_attempt"
				+ " WHERE finished_at IS NULL OR error_kind = 'UNKNOWN_OUTCOME' ORDER BY 1", String.class);
	}

	/** A target's status, remote id and publications at the network. */
	Map<String, Object> fate(String target) {
		return this.jdbc.queryForMap("SELECT t.status, t.remote_id, (SELECT count(*) FROM sandbox_publication s"
				+ " WHERE s.idempotency_key = t.idempotency_key) AS publications,"
				+ " (SELECT 'sb-' || min(s.id) FROM sandbox_publication s WHERE s.idempotency_key = t.idempotency_key)"
				+ " AS publication FROM post_target t WHERE t.id = ?::uuid", target);
	}

	/** Calls made for a target by nodes other than the given one. */
	long attemptsByOthers(String target, String node) {
		return this.jdbc.queryForObject(
				"SELECT count(*) FROM publish_attempt WHERE target_id = ?::uuid AND node IS DISTINCT FROM ?",
				Long.class, target, node);
	}

	long failedWithoutReason() {
		return this.jdbc.queryForObject(
				"SELECT count(*) FROM post_target WHERE status = 'FAILED' AND (last_error IS NULL OR last_error = '')",
				Long.class);
	}

	/** Targets per second from the first due time to the last publication. */
	double throughput() {
		return throughputSince(Instant.EPOCH);
	}

	/**
	 * Targets per second from the first due time (or {@code start}, if later) to the last
	 * publication.
	 */
	double throughputSince(Instant start) {
		Map<String, Object> span = this.jdbc.queryForMap("SELECT count(*) AS n, min(due_at) AS first,"
				+ " max(published_at) AS last FROM post_target WHERE status = 'PUBLISHED'");
		Instant due = ((java.sql.Timestamp) span.get("first")).toInstant();
		Instant first = due.isAfter(start) ? due : start;
		Instant last = ((java.sql.Timestamp) span.get("last")).toInstant();
		return ((Number) span.get("n")).doubleValue()
				/ Math.max(0.001, Duration.between(first, last).toMillis() / 1000.0);
	}

	String summary() {
		return "\nstatuses: " + this.jdbc.queryForList("SELECT status, count(*) FROM post_target GROUP BY status")
				+ "\nerrors: " + this.jdbc.queryForList("SELECT last_error_kind, count(*) FROM post_target"
						+ " WHERE last_error_kind IS NOT NULL GROUP BY last_error_kind");
	}

}
