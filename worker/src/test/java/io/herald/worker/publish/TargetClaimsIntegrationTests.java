package io.herald.worker.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.herald.worker.support.EngineIntegrationTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class TargetClaimsIntegrationTests extends EngineIntegrationTestSupport {

	private static final Instant NOON = Instant.parse("2026-06-01T12:00:00Z");

	/**
	 * Later than the engine's clock, so only this test's claims can take these targets.
	 */
	private static final Instant LATER = NOON.plus(Duration.ofHours(1));

	@Autowired
	private TargetClaims claims;

	@BeforeEach
	void setUp() {
		this.clock.set(NOON);
	}

	@Test
	void a_claim_never_takes_more_targets_than_its_limit_whatever_the_statistics() {
		// A drained queue whose statistics were refreshed (as the benchmark's warm-up
		// leaves it) once let the planner re-run the locking subquery per joined row, so
		// one claim took thousands of targets instead of its limit.
		UUID workspace = this.fixtures.workspace();
		List<UUID> accounts = List.of(this.fixtures.account(workspace, "ona", null),
				this.fixtures.account(workspace, "oli", null));
		this.fixtures.bulkTargets(workspace, accounts, 2000, LATER.plusSeconds(3600), 1000);
		this.fixtures.jdbc().execute("DELETE FROM post");
		for (String table : List.of("post", "post_target", "account")) {
			this.fixtures.jdbc().execute("VACUUM ANALYZE " + table);
		}
		this.fixtures.bulkTargets(workspace, accounts, 500, LATER.minusSeconds(60), 1000);
		// Enough claims that every pooled connection switches to Postgres's generic plan
		// for the prepared claim, the plan that went wrong.
		long total = 0;
		for (int i = 0; i < 120; i++) {
			List<ClaimedTarget> claimed = this.claims.claimDue(LATER, 3);
			assertThat(claimed).hasSizeLessThanOrEqualTo(3);
			total += claimed.size();
		}
		assertThat(total).isEqualTo(360);
		assertThat(this.fixtures.jdbc()
			.queryForObject("SELECT count(*) FROM post_target WHERE status = 'PUBLISHING'", Long.class))
			.isEqualTo(total);
	}

}
