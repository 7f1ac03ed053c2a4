package io.herald.worker.budget;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * Decides from an account's budget windows whether a call may go now.
 */
public final class BudgetGate {

	private BudgetGate() {
	}

	/**
	 * When the account may call again.
	 * @param windows the live windows, after taking one call from each
	 * @param now the current instant
	 * @return empty when every window had a call left; else the latest reset among the
	 * spent windows
	 */
	public static Optional<Instant> blockedUntil(Collection<Window> windows, Instant now) {
		return windows.stream()
			.filter((window) -> window.remaining() < 0 && window.resetAt() != null && window.resetAt().isAfter(now))
			.map(Window::resetAt)
			.max(Instant::compareTo);
	}

	/**
	 * One budget window after taking a call from it.
	 *
	 * @param remaining calls left (negative when the call did not fit)
	 * @param resetAt when the window resets
	 */
	public record Window(int remaining, Instant resetAt) {
	}

}
