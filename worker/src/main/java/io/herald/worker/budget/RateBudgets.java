package io.herald.worker.budget;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.herald.drivers.spi.PublishException;
import io.herald.drivers.spi.RateBudget;

import org.springframework.jdbc.core.JdbcTemplate;

import static io.herald.worker.publish.SqlTime.instant;
import static io.herald.worker.publish.SqlTime.ts;

/**
 * Per-account rate budgets shared by the cluster in {@code rate_budget}, fed by what the
 * networks report (headers, quota endpoints, 429s).
 */
public class RateBudgets {

	/** The scope recorded for a bare 429 with Retry-After. */
	public static final String RETRY_AFTER = "retry-after";

	private final JdbcTemplate jdbc;

	private final Map<UUID, Instant> recordedHere = new ConcurrentHashMap<>();

	public RateBudgets(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Whether a target must take from its account's budgets before calling. Claims say
	 * whether the account had a live budget; one this node recorded since then counts
	 * too. (A budget another node records in those milliseconds is the same race as one
	 * recorded just after {@link #acquire}.)
	 * @param accountId the account
	 * @param hadBudgetAtClaim whether the claim saw a live budget
	 * @param claimedAt when the target was claimed
	 * @return whether to call {@link #acquire}
	 */
	public boolean mustAcquire(UUID accountId, boolean hadBudgetAtClaim, Instant claimedAt) {
		if (hadBudgetAtClaim) {
			return true;
		}
		Instant recorded = this.recordedHere.get(accountId);
		return recorded != null && !recorded.isBefore(claimedAt);
	}

	/**
	 * Takes one call from every live budget of an account, in one statement.
	 * @param accountId the account
	 * @param now the current instant
	 * @return when to come back if a budget is spent, or empty to go ahead
	 */
	public Optional<Instant> acquire(UUID accountId, Instant now) {
		List<BudgetGate.Window> windows = this.jdbc.query(
				"UPDATE rate_budget SET remaining = remaining - 1 WHERE account_id = ? AND reset_at > ?"
						+ " RETURNING remaining, reset_at",
				(rs, row) -> new BudgetGate.Window(rs.getInt("remaining"), instant(rs, "reset_at")), accountId,
				ts(now));
		return BudgetGate.blockedUntil(windows, now);
	}

	/**
	 * Remembers what a network said about an account's budget.
	 * @param workspaceId the workspace
	 * @param accountId the account
	 * @param budget the budget
	 * @param now the current instant
	 */
	public void record(UUID workspaceId, UUID accountId, RateBudget budget, Instant now) {
		this.recordedHere.merge(accountId, now, (a, b) -> a.isAfter(b) ? a : b);
		this.jdbc.update(
				"INSERT INTO rate_budget (account_id, scope, workspace_id, remaining, quota, reset_at, updated_at)"
						+ " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account_id, scope) DO UPDATE SET"
						+ " remaining = EXCLUDED.remaining, quota = EXCLUDED.quota, reset_at = EXCLUDED.reset_at,"
						+ " updated_at = EXCLUDED.updated_at",
				accountId, budget.scope(), workspaceId, budget.remaining(), budget.limit(), ts(budget.resetAt()),
				ts(now));
	}

	/**
	 * Remembers the budget a failure carried; a 429 with only Retry-After blocks the
	 * account until then.
	 * @param workspaceId the workspace
	 * @param accountId the account
	 * @param failure the failure
	 * @param now the current instant
	 */
	public void record(UUID workspaceId, UUID accountId, PublishException failure, Instant now) {
		if (failure.rateBudget().isPresent()) {
			record(workspaceId, accountId, failure.rateBudget().get(), now);
		}
		else if (failure.retryAt().isPresent()) {
			record(workspaceId, accountId, new RateBudget(RETRY_AFTER, 0, 0, failure.retryAt().get()), now);
		}
	}

}
