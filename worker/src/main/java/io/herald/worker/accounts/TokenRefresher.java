package io.herald.worker.accounts;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.herald.drivers.spi.PublishException;
import io.herald.worker.publish.Drivers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;

import static io.herald.worker.publish.SqlTime.ts;

/**
 * Renews sessions before they expire, so publications rarely meet an expired token.
 */
public class TokenRefresher {

	private static final Logger log = LoggerFactory.getLogger(TokenRefresher.class);

	private final JdbcTemplate jdbc;

	private final Drivers drivers;

	private final SessionRefresher refresher;

	private final Clock clock;

	private final Duration ahead;

	public TokenRefresher(JdbcTemplate jdbc, Drivers drivers, SessionRefresher refresher, Clock clock, Duration ahead) {
		this.jdbc = jdbc;
		this.drivers = drivers;
		this.refresher = refresher;
		this.clock = clock;
		this.ahead = ahead;
	}

	/**
	 * Refreshes connected accounts whose token expires within the look-ahead.
	 * @return how many accounts were looked at
	 */
	public int refreshExpiring() {
		List<Map<String, Object>> due = this.jdbc
			.queryForList("SELECT id, workspace_id, network FROM account WHERE status = 'CONNECTED'"
					+ " AND token_expires_at IS NOT NULL AND token_expires_at < ? ORDER BY token_expires_at LIMIT 100",
					ts(this.clock.instant().plus(this.ahead)));
		for (Map<String, Object> account : due) {
			UUID id = (UUID) account.get("id");
			UUID workspaceId = (UUID) account.get("workspace_id");
			String network = (String) account.get("network");
			this.drivers.get(network).ifPresent((backend) -> {
				try {
					this.refresher.ahead(workspaceId, id, backend, this.ahead);
				}
				catch (PublishException ex) {
					log.warn("Could not refresh the session of {} account {}: {} {}", network, id, ex.kind(),
							ex.getMessage());
				}
				catch (RuntimeException ex) {
					log.warn("Could not refresh the session of {} account {}: {}", network, id, ex.toString());
				}
			});
		}
		return due.size();
	}

}
