package io.herald.worker.accounts;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.herald.worker.support.EngineIntegrationTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class TokenRefreshIntegrationTests extends EngineIntegrationTestSupport {

	private static final Instant NOW = Instant.parse("2026-10-25T00:30:00Z");

	@Autowired
	private TokenRefresher refresher;

	@Test
	void refreshes_sessions_that_expire_soon_and_leaves_the_others() {
		this.clock.set(NOW);
		UUID workspace = this.fixtures.workspace();
		UUID soon = this.fixtures.account(workspace, "soon", null, NOW.plus(Duration.ofMinutes(5)));
		UUID later = this.fixtures.account(workspace, "later", null, NOW.plus(Duration.ofHours(5)));
		assertThat(this.refresher.refreshExpiring()).isOne();
		assertThat(expiry(soon)).isEqualTo(NOW.plus(Duration.ofHours(1)));
		assertThat(expiry(later)).isEqualTo(NOW.plus(Duration.ofHours(5)));
		assertThat(this.refresher.refreshExpiring()).isZero();
	}

	@Test
	void marks_accounts_whose_refresh_is_refused_for_reconnect() {
		this.clock.set(NOW);
		UUID workspace = this.fixtures.workspace();
		UUID revoked = this.fixtures.account(workspace, "revoked", "auth_revoked=next:1", NOW.plusSeconds(30));
		this.refresher.refreshExpiring();
		assertThat(
				this.fixtures.jdbc().queryForObject("SELECT status FROM account WHERE id = ?", String.class, revoked))
			.isEqualTo("NEEDS_RECONNECT");
		assertThat(this.fixtures.jdbc()
			.queryForObject("SELECT status_reason FROM account WHERE id = ?", String.class, revoked)).contains("renew");
	}

	private Instant expiry(UUID account) {
		return this.fixtures.jdbc()
			.queryForObject("SELECT token_expires_at FROM account WHERE id = ?", OffsetDateTime.class, account)
			.toInstant();
	}

}
