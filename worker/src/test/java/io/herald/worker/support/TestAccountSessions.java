package io.herald.worker.support;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.herald.drivers.spi.AccountSession;
import io.herald.worker.accounts.AccountSessions;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Sessions built from the account row (handle, remote id, token expiry and a sandbox
 * fault plan in {@code settings.faults}), standing in for core's encrypted store.
 */
public class TestAccountSessions implements AccountSessions {

	private final JdbcTemplate jdbc;

	public TestAccountSessions(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	@Override
	public AccountSession load(UUID workspaceId, UUID accountId) {
		return this.jdbc.queryForObject(
				"SELECT remote_user_id, handle, settings->>'faults' AS faults, token_expires_at FROM account"
						+ " WHERE id = ? AND workspace_id = ?",
				(rs, row) -> {
					Map<String, String> attributes = new HashMap<>();
					if (rs.getString("faults") != null) {
						attributes.put("faults", rs.getString("faults"));
					}
					OffsetDateTime expires = rs.getObject("token_expires_at", OffsetDateTime.class);
					return new AccountSession(rs.getString("remote_user_id"), rs.getString("handle"), null, "access",
							"refresh", (expires != null) ? expires.toInstant() : null, attributes);
				}, accountId, workspaceId);
	}

	@Override
	public void save(UUID workspaceId, UUID accountId, AccountSession session) {
		this.jdbc.update("UPDATE account SET token_expires_at = ? WHERE id = ? AND workspace_id = ?",
				(session.accessTokenExpiresAt() != null) ? session.accessTokenExpiresAt().atOffset(ZoneOffset.UTC)
						: null,
				accountId, workspaceId);
	}

	@Override
	public void markNeedsReconnect(UUID workspaceId, UUID accountId, String reason) {
		this.jdbc.update("UPDATE account SET status = 'NEEDS_RECONNECT', status_reason = ? WHERE id = ?"
				+ " AND workspace_id = ?", reason, accountId, workspaceId);
	}

}
