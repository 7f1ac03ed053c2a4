package io.herald.worker.execution;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * Lets at most {@code limit(key)} holders per key run at once, queueing the rest without
 * holding a thread. A holder gets a release callback; releasing hands the slot straight
 * to the next queued holder of the key.
 */
final class KeyedLimiter {

	private final ToIntFunction<String> limit;

	private final Map<String, Slots> slots = new ConcurrentHashMap<>();

	KeyedLimiter(ToIntFunction<String> limit) {
		this.limit = limit;
	}

	/**
	 * Starts {@code holder} with a release callback once the key has a free slot.
	 * @param key the key
	 * @param holder what to start; must call the callback exactly once when done
	 */
	void acquire(String key, Consumer<Runnable> holder) {
		Slots keySlots = this.slots.computeIfAbsent(key, (k) -> new Slots(Math.max(1, this.limit.applyAsInt(k))));
		if (keySlots.enter(holder)) {
			start(keySlots, holder);
		}
	}

	int waiting() {
		return this.slots.values().stream().mapToInt(Slots::waiting).sum();
	}

	private void start(Slots keySlots, Consumer<Runnable> holder) {
		holder.accept(() -> {
			Consumer<Runnable> next = keySlots.leave();
			if (next != null) {
				start(keySlots, next);
			}
		});
	}

	private static final class Slots {

		private final int limit;

		private final Deque<Consumer<Runnable>> queue = new ArrayDeque<>();

		private int running;

		Slots(int limit) {
			this.limit = limit;
		}

		synchronized boolean enter(Consumer<Runnable> holder) {
			if (this.running < this.limit) {
				this.running++;
				return true;
			}
			this.queue.add(holder);
			return false;
		}

		synchronized Consumer<Runnable> leave() {
			Consumer<Runnable> next = this.queue.poll();
			if (next == null) {
				this.running--;
			}
			return next;
		}

		synchronized int waiting() {
			return this.queue.size();
		}

	}

}
