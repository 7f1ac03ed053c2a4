package io.herald.bench;

import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.herald.core.secrets.MasterKey;
import io.herald.core.secrets.SecretBox;
import io.herald.drivers.spi.AccountSession;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rows as the API writes them: a workspace, connected sandbox accounts with encrypted
 * sessions, and posts with one SCHEDULED target each, loaded in bulk by the database
 * itself ({@code INSERT ... SELECT ... generate_series}), so 100,000 posts take seconds.
 */
final class Workload {

	/** The master key every worker and api process of the run gets. */
	static final String SECRET_KEY = Base64.getEncoder()
		.encodeToString("herald-bench-fixed-test-key-0032".getBytes(StandardCharsets.US_ASCII));

	private final SecretBox secretBox;

	private final JsonMapper json = JsonMapper.builder().build();

	Workload() {
		this.secretBox = new SecretBox(masterKey(Base64.getDecoder().decode(SECRET_KEY)));
	}

	// MasterKey is built by core's configuration only; the bench seals sessions with
	// core's own SecretBox (same format the worker opens) instead of copying the cipher.
	private static MasterKey masterKey(byte[] key) {
		try {
			Constructor<MasterKey> constructor = MasterKey.class.getDeclaredConstructor(byte[].class);
			constructor.setAccessible(true);
			return constructor.newInstance((Object) key);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("core's MasterKey changed; update the bench's Workload", ex);
		}
	}

	UUID workspace(Connection connection) throws SQLException {
		UUID id = UUID.randomUUID();
		try (PreparedStatement insert = connection
			.prepareStatement("INSERT INTO workspace (id, name) VALUES (?, 'Bench')")) {
			insert.setObject(1, id);
			insert.executeUpdate();
		}
		return id;
	}

	List<UUID> accounts(Connection connection, UUID workspace, int count) throws SQLException {
		List<UUID> ids = new ArrayList<>();
		try (PreparedStatement insert = connection.prepareStatement(
				"INSERT INTO account (id, workspace_id, network, handle, remote_user_id, credentials, status)"
						+ " VALUES (?, ?, 'sandbox', ?, ?, ?, 'CONNECTED')")) {
			for (int i = 0; i < count; i++) {
				UUID id = UUID.randomUUID();
				String handle = "bench-" + i + "-" + id.toString().substring(0, 8);
				AccountSession session = new AccountSession("sandbox:" + handle, handle, null, "sandbox-access",
						"sandbox-refresh", null, Map.of());
				insert.setObject(1, id);
				insert.setObject(2, workspace);
				insert.setString(3, handle);
				insert.setString(4, session.remoteUserId());
				insert.setBytes(5, this.secretBox.seal(this.json.writeValueAsBytes(session), "account:" + id));
				insert.addBatch();
				ids.add(id);
			}
			insert.executeBatch();
		}
		return ids;
	}

	/**
	 * Posts with one target each, spread round-robin over the accounts, in one
	 * transaction (so the engine sees all of them at once).
	 * @param batch a label unique within the database
	 * @param dueAt the first due time
	 * @param spreadMillis due times are spread evenly over this many milliseconds
	 * @return when the load committed
	 */
	Instant posts(Connection connection, UUID workspace, List<UUID> accounts, String batch, int count, Instant dueAt,
			long spreadMillis) throws SQLException {
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(false);
		try {
			try (PreparedStatement posts = connection.prepareStatement(
					"INSERT INTO post (id, workspace_id, text, status, scheduled_at) SELECT md5(? || '/p/' || g)::uuid,"
							+ " ?, 'Bench post ' || ? || ' #' || g, 'SCHEDULED',"
							+ " ?::timestamptz + ((g - 1) % ?) * interval '1 millisecond' FROM generate_series(1, ?) g")) {
				posts.setString(1, batch);
				posts.setObject(2, workspace);
				posts.setString(3, batch);
				posts.setObject(4, dueAt.atOffset(ZoneOffset.UTC));
				posts.setLong(5, Math.max(1, spreadMillis));
				posts.setInt(6, count);
				posts.executeUpdate();
			}
			Array accountIds = connection.createArrayOf("uuid", accounts.toArray());
			try (PreparedStatement targets = connection.prepareStatement("INSERT INTO post_target (id, workspace_id,"
					+ " post_id, account_id, network, status, due_at, idempotency_key) SELECT md5(? || '/t/' || g)::uuid,"
					+ " ?, md5(? || '/p/' || g)::uuid, (?::uuid[])[1 + g % ?], 'sandbox', 'SCHEDULED',"
					+ " ?::timestamptz + ((g - 1) % ?) * interval '1 millisecond', ? || '-' || g"
					+ " FROM generate_series(1, ?) g")) {
				targets.setString(1, batch);
				targets.setObject(2, workspace);
				targets.setString(3, batch);
				targets.setArray(4, accountIds);
				targets.setInt(5, accounts.size());
				targets.setObject(6, dueAt.atOffset(ZoneOffset.UTC));
				targets.setLong(7, Math.max(1, spreadMillis));
				targets.setString(8, "bench-" + batch);
				targets.setInt(9, count);
				targets.executeUpdate();
			}
			connection.commit();
			return Instant.now();
		}
		catch (SQLException ex) {
			connection.rollback();
			throw ex;
		}
		finally {
			connection.setAutoCommit(autoCommit);
		}
	}

}
