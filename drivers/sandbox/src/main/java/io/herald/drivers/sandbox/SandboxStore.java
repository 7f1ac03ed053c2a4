package io.herald.drivers.sandbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import javax.sql.DataSource;

import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.PublishException;
import io.herald.drivers.spi.PublishRequest;

/**
 * The sandbox network's storage: table {@code sandbox_publication}, plain JDBC so the
 * driver works without Spring.
 */
final class SandboxStore {

	private final DataSource dataSource;

	SandboxStore(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * Stores one publication. Never deduplicates: the table shows every call that got
	 * through.
	 */
	long insert(String account, PublishRequest request, Instant at) throws PublishException {
		Connection connection = connect();
		try (connection;
				PreparedStatement insert = connection.prepareStatement(
						"INSERT INTO sandbox_publication (account_remote_id, idempotency_key, target_id, text, media_count,"
								+ " alt_texts, thread_texts, reply_to, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
								+ " RETURNING id")) {
			insert.setString(1, account);
			insert.setString(2, request.idempotencyKey());
			insert.setString(3, request.targetId());
			insert.setString(4, request.text());
			insert.setInt(5, request.media().size());
			insert.setArray(6, connection.createArrayOf("text",
					request.media().stream().map((item) -> (item.altText() != null) ? item.altText() : "").toArray()));
			insert.setArray(7, connection.createArrayOf("text",
					request.thread().stream().map(PublishRequest.ThreadPart::text).toArray()));
			insert.setString(8, request.replyToRemoteId());
			insert.setObject(9, at.atOffset(ZoneOffset.UTC));
			try (ResultSet rs = insert.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
		catch (SQLException ex) {
			// The statement was sent: it may have been stored, like a timeout after a
			// request reached a real network.
			throw new PublishException(ErrorKind.UNKNOWN_OUTCOME,
					"sandbox: no answer after sending (" + ex.getMessage() + ")", null, null, ex.getSQLState(), null,
					ex);
		}
	}

	/**
	 * The first publication of a key for an account since an instant, as a timeline
	 * search would find it.
	 */
	Optional<Long> find(String account, String idempotencyKey, Instant since) throws PublishException {
		Connection connection = connect();
		try (connection;
				PreparedStatement query = connection.prepareStatement(
						"SELECT id FROM sandbox_publication WHERE account_remote_id = ? AND idempotency_key = ?"
								+ " AND created_at >= ? ORDER BY id LIMIT 1")) {
			query.setString(1, account);
			query.setString(2, idempotencyKey);
			query.setObject(3, since.atOffset(ZoneOffset.UTC));
			try (ResultSet rs = query.executeQuery()) {
				return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
			}
		}
		catch (SQLException ex) {
			throw transientFailure(ex);
		}
	}

	/**
	 * The oldest publication of an account with the request's content made within a
	 * window, as a search of the account's timeline finds it: by what was posted, not by
	 * Herald's idempotency key, which a real network never sees.
	 */
	Optional<Long> findOnTimeline(String account, PublishRequest request, Instant from, Instant to)
			throws PublishException {
		Connection connection = connect();
		try (connection;
				PreparedStatement query = connection.prepareStatement(
						"SELECT id FROM sandbox_publication WHERE account_remote_id = ? AND created_at >= ?"
								+ " AND created_at <= ? AND text = ? AND media_count = ? AND thread_texts = ?"
								+ " ORDER BY created_at, id LIMIT 1")) {
			query.setString(1, account);
			query.setObject(2, from.atOffset(ZoneOffset.UTC));
			query.setObject(3, to.atOffset(ZoneOffset.UTC));
			query.setString(4, request.text());
			query.setInt(5, request.media().size());
			query.setArray(6, connection.createArrayOf("text",
					request.thread().stream().map(PublishRequest.ThreadPart::text).toArray()));
			try (ResultSet rs = query.executeQuery()) {
				return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
			}
		}
		catch (SQLException ex) {
			throw transientFailure(ex);
		}
	}

	private Connection connect() throws PublishException {
		try {
			return this.dataSource.getConnection();
		}
		catch (SQLException ex) {
			throw transientFailure(ex);
		}
	}

	private static PublishException transientFailure(SQLException ex) {
		return new PublishException(ErrorKind.TRANSIENT, "sandbox: unavailable (" + ex.getMessage() + ")", null, 503,
				ex.getSQLState(), null, ex);
	}

}
