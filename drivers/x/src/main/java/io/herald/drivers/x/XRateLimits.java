package io.herald.drivers.x;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.herald.drivers.spi.RateBudget;
import okhttp3.Headers;

/**
 * Reads X's rate-limit headers. X sends a per-endpoint window ({@code x-rate-limit-*},
 * usually 15 minutes) and, on posting endpoints, per-user and per-app 24-hour limits
 * ({@code x-user-limit-24hour-*}, {@code x-app-limit-24hour-*}). The budget Herald keeps
 * is the tightest of them, because that is the one that stops the next post.
 */
final class XRateLimits {

	/** When X says nothing usable, wait a full standard window. */
	static final Duration DEFAULT_WAIT = Duration.ofMinutes(15);

	private XRateLimits() {
	}

	/**
	 * The tightest budget the headers describe.
	 * @param headers the response headers
	 * @param scope the endpoint family, such as {@code posts}
	 * @return the budget, or {@code null} when the response carried no limit headers
	 */
	static RateBudget budget(Headers headers, String scope) {
		return all(headers, scope).stream()
			.min(Comparator.comparingInt(RateBudget::remaining)
				.thenComparing(RateBudget::resetAt, Comparator.reverseOrder()))
			.orElse(null);
	}

	/**
	 * When a rate-limited call may be tried again: the reset of an exhausted limit, else
	 * {@code Retry-After}, else a standard window from now.
	 * @param headers the 429 response's headers
	 * @param now the current time
	 * @return the time to retry at
	 */
	static Instant retryAt(Headers headers, Instant now) {
		Instant exhausted = all(headers, "any").stream()
			.filter((budget) -> budget.remaining() <= 0)
			.map(RateBudget::resetAt)
			.max(Comparator.naturalOrder())
			.orElse(null);
		if (exhausted != null && exhausted.isAfter(now)) {
			return exhausted;
		}
		Instant window = read(headers, "x-rate-limit-", "any");
		if (window != null) {
			return window.isAfter(now) ? window : now.plusSeconds(1);
		}
		Long retryAfter = number(headers.get("retry-after"));
		return (retryAfter != null) ? now.plusSeconds(retryAfter) : now.plus(DEFAULT_WAIT);
	}

	private static Instant read(Headers headers, String prefix, String scope) {
		RateBudget budget = one(headers, prefix, scope);
		return (budget != null) ? budget.resetAt() : null;
	}

	private static List<RateBudget> all(Headers headers, String scope) {
		List<RateBudget> budgets = new ArrayList<>(3);
		add(budgets, one(headers, "x-rate-limit-", scope));
		add(budgets, one(headers, "x-user-limit-24hour-", scope + "-24h"));
		add(budgets, one(headers, "x-app-limit-24hour-", scope + "-app-24h"));
		return budgets;
	}

	private static void add(List<RateBudget> budgets, RateBudget budget) {
		if (budget != null) {
			budgets.add(budget);
		}
	}

	private static RateBudget one(Headers headers, String prefix, String scope) {
		Long remaining = number(headers.get(prefix + "remaining"));
		Long reset = number(headers.get(prefix + "reset"));
		if (remaining == null || reset == null) {
			return null;
		}
		Long limit = number(headers.get(prefix + "limit"));
		return new RateBudget(scope, (int) Math.max(0, Math.min(Integer.MAX_VALUE, remaining)),
				(limit != null) ? (int) Math.min(Integer.MAX_VALUE, limit) : 0, Instant.ofEpochSecond(reset));
	}

	private static Long number(String value) {
		if (value == null) {
			return null;
		}
		try {
			return Long.parseLong(value.trim());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
