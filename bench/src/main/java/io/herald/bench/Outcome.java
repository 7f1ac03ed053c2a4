package io.herald.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * What the database says after an engine run: whether every post was published exactly
 * once (checked against the sandbox network's own table), and when.
 *
 * @param expected how many targets were loaded
 * @param published targets PUBLISHED
 * @param failed targets FAILED
 * @param publications rows in {@code sandbox_publication}
 * @param duplicated idempotency keys the network saw more than once
 * @param mismatched published targets without exactly one publication, or failed ones
 * with any
 * @param firstDue the earliest due time
 * @param lastPublished the latest {@code published_at}
 */
record Outcome(long expected, long published, long failed, long publications, long duplicated, long mismatched,
		Instant firstDue, Instant lastPublished) {

	boolean correct() {
		return this.published == this.expected && this.publications == this.expected && this.duplicated == 0
				&& this.mismatched == 0;
	}

	String problem() {
		return "CORRECTNESS: expected " + this.expected + " published once; published=" + this.published + " failed="
				+ this.failed + " publications=" + this.publications + " duplicated keys=" + this.duplicated
				+ " mismatched=" + this.mismatched;
	}

	/**
	 * Posts per second from {@code start} (or the first due time, if later) to the last
	 * publication.
	 */
	double throughputSince(Instant start) {
		if (this.lastPublished == null) {
			return Double.NaN;
		}
		Instant from = (this.firstDue != null && this.firstDue.isAfter(start)) ? this.firstDue : start;
		double seconds = Duration.between(from, this.lastPublished).toNanos() / 1e9;
		return this.published / Math.max(0.001, seconds);
	}

	/**
	 * Polls until every target is terminal (or no progress for {@code stall}), then reads
	 * the outcome.
	 */
	static Outcome await(Connection connection, long expected, Duration timeout, Duration stall,
			ManagedProcess... nodes) throws SQLException, InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		long last = -1;
		Instant progressed = Instant.now();
		try (Statement statement = connection.createStatement()) {
			while (true) {
				long terminal;
				// Counts what is left through the engine's partial indexes: a full count
				// of a 100,000-row table every poll would take database time from the
				// engine being measured.
				try (ResultSet rs = statement.executeQuery("SELECT (SELECT count(*) FROM post_target WHERE status ="
						+ " 'SCHEDULED' AND GREATEST(due_at, next_attempt_at) IS NOT NULL) + (SELECT count(*) FROM"
						+ " post_target WHERE status = 'PUBLISHING' AND lease_until IS NOT NULL)")) {
					rs.next();
					terminal = expected - rs.getLong(1);
				}
				if (terminal >= expected) {
					break;
				}
				if (terminal != last) {
					last = terminal;
					progressed = Instant.now();
				}
				boolean dead = false;
				for (ManagedProcess node : nodes) {
					dead |= !node.alive();
				}
				if (dead || Instant.now().isAfter(deadline)
						|| Duration.between(progressed, Instant.now()).compareTo(stall) > 0) {
					System.out.println("     gave up waiting: " + terminal + "/" + expected + " terminal"
							+ (dead ? " (a worker exited)" : ""));
					break;
				}
				Thread.sleep(500);
			}
		}
		return read(connection, expected);
	}

	static Outcome read(Connection connection, long expected) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			long published;
			long failed;
			Instant firstDue;
			Instant lastPublished;
			try (ResultSet rs = statement.executeQuery("SELECT count(*) FILTER (WHERE status = 'PUBLISHED'),"
					+ " count(*) FILTER (WHERE status = 'FAILED'), min(due_at), max(published_at) FROM post_target")) {
				rs.next();
				published = rs.getLong(1);
				failed = rs.getLong(2);
				firstDue = instant(rs.getObject(3, OffsetDateTime.class));
				lastPublished = instant(rs.getObject(4, OffsetDateTime.class));
			}
			long publications = single(statement, "SELECT count(*) FROM sandbox_publication");
			long duplicated = single(statement, "SELECT count(*) FROM (SELECT idempotency_key FROM sandbox_publication"
					+ " GROUP BY idempotency_key HAVING count(*) > 1) d");
			long mismatched = single(statement,
					"SELECT count(*) FROM post_target t LEFT JOIN (SELECT idempotency_key,"
							+ " count(*) AS n FROM sandbox_publication GROUP BY idempotency_key) s"
							+ " ON s.idempotency_key = t.idempotency_key"
							+ " WHERE (t.status = 'PUBLISHED' AND (s.n IS NULL OR s.n <> 1 OR t.remote_id IS NULL))"
							+ " OR (t.status = 'FAILED' AND s.n IS NOT NULL)");
			return new Outcome(expected, published, failed, publications, duplicated, mismatched, firstDue,
					lastPublished);
		}
	}

	private static long single(Statement statement, String sql) throws SQLException {
		try (ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private static Instant instant(OffsetDateTime value) {
		return (value != null) ? value.toInstant() : null;
	}

}
