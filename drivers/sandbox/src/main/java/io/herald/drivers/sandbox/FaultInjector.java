package io.herald.drivers.sandbox;

import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

/**
 * Decides which call fails how: first any "next N calls" counters (global, then the
 * account's), then one random draw against the global and account probabilities. The
 * counters are the simulated network's state, kept per process.
 */
final class FaultInjector {

	private final FaultSpec global;

	private final Map<SandboxFault, AtomicInteger> globalNext = new EnumMap<>(SandboxFault.class);

	private final Map<String, Map<SandboxFault, AtomicInteger>> accountNext = new ConcurrentHashMap<>();

	private final DoubleSupplier random;

	private final Deque<Scripted> scripted = new ConcurrentLinkedDeque<>();

	private final Deque<Scripted> reconciles = new ConcurrentLinkedDeque<>();

	FaultInjector(FaultSpec global) {
		this(global, () -> ThreadLocalRandom.current().nextDouble());
	}

	FaultInjector(FaultSpec global, DoubleSupplier random) {
		this.global = global;
		this.random = random;
		for (SandboxFault fault : SandboxFault.values()) {
			this.globalNext.put(fault, new AtomicInteger(global.nextCalls().getOrDefault(fault, 0)));
		}
	}

	void failNext(SandboxFault fault, int calls) {
		this.globalNext.get(fault).addAndGet(calls);
	}

	void script(Scripted fault) {
		this.scripted.add(fault);
	}

	void scriptReconcile(Scripted fault) {
		this.reconciles.add(fault);
	}

	Optional<Scripted> nextReconcile() {
		return Optional.ofNullable(this.reconciles.poll());
	}

	void clear() {
		this.scripted.clear();
		this.reconciles.clear();
		this.globalNext.values().forEach((counter) -> counter.set(0));
	}

	/**
	 * Whether a resumed publication is still processing: takes one from the counted
	 * {@link SandboxFault#PROCESSING} faults only, so {@code processing=next:N} keeps a
	 * publication processing for N calls in all.
	 */
	boolean stillProcessing(String account, FaultSpec accountSpec) {
		if (this.globalNext.get(SandboxFault.PROCESSING).getAndUpdate((n) -> (n > 0) ? n - 1 : 0) > 0) {
			return true;
		}
		if (!accountSpec.nextCalls().containsKey(SandboxFault.PROCESSING)) {
			return false;
		}
		AtomicInteger counter = this.accountNext.computeIfAbsent(account, (key) -> counters(accountSpec))
			.get(SandboxFault.PROCESSING);
		return counter.getAndUpdate((n) -> (n > 0) ? n - 1 : 0) > 0;
	}

	/**
	 * Takes the next scripted fault if it is of the given kind (refresh only fails so).
	 */
	Optional<Scripted> takeScripted(SandboxFault fault) {
		Scripted head = this.scripted.peek();
		if (head != null && head.fault() == fault && this.scripted.remove(head)) {
			return Optional.of(head);
		}
		return Optional.empty();
	}

	Optional<Scripted> next(String account, FaultSpec accountSpec) {
		Scripted head = this.scripted.poll();
		if (head != null) {
			return Optional.of(head);
		}
		return drawn(account, accountSpec).map((fault) -> new Scripted(fault, null, null));
	}

	private Optional<SandboxFault> drawn(String account, FaultSpec accountSpec) {
		Optional<SandboxFault> counted = take(this.globalNext);
		if (counted.isPresent()) {
			return counted;
		}
		if (!accountSpec.nextCalls().isEmpty()) {
			counted = take(this.accountNext.computeIfAbsent(account, (key) -> counters(accountSpec)));
			if (counted.isPresent()) {
				return counted;
			}
		}
		if (this.global.probabilities().isEmpty() && accountSpec.probabilities().isEmpty()) {
			return Optional.empty();
		}
		double draw = this.random.getAsDouble();
		double cumulative = 0;
		for (SandboxFault fault : SandboxFault.values()) {
			cumulative += this.global.probabilities().getOrDefault(fault, 0.0)
					+ accountSpec.probabilities().getOrDefault(fault, 0.0);
			if (draw < cumulative) {
				return Optional.of(fault);
			}
		}
		return Optional.empty();
	}

	/**
	 * A fault with the network's message and retry time, as a test scripts it.
	 *
	 * @param fault the fault
	 * @param message the message, or {@code null} for the sandbox's own
	 * @param retryAt when a rate limit resets, or {@code null}
	 */
	record Scripted(SandboxFault fault, String message, java.time.Instant retryAt) {
	}

	private static Map<SandboxFault, AtomicInteger> counters(FaultSpec spec) {
		Map<SandboxFault, AtomicInteger> counters = new EnumMap<>(SandboxFault.class);
		spec.nextCalls().forEach((fault, n) -> counters.put(fault, new AtomicInteger(n)));
		return counters;
	}

	private static Optional<SandboxFault> take(Map<SandboxFault, AtomicInteger> counters) {
		for (Map.Entry<SandboxFault, AtomicInteger> entry : counters.entrySet()) {
			if (entry.getValue().getAndUpdate((n) -> (n > 0) ? n - 1 : 0) > 0) {
				return Optional.of(entry.getKey());
			}
		}
		return Optional.empty();
	}

}
