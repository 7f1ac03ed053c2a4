package io.herald.worker.support;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Polls a condition until a deadline: how tests wait for the engine.
 */
public final class Poll {

	private Poll() {
	}

	public static void until(Duration timeout, String what, BooleanSupplier condition) {
		until(timeout, what, condition, () -> "");
	}

	public static void until(Duration timeout, String what, BooleanSupplier condition,
			java.util.function.Supplier<String> diagnostics) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Timed out after " + timeout + " waiting until " + what + diagnostics.get());
			}
			LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
		}
	}

}
