package io.herald.worker.execution;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Whether this node is shutting down: queued publications then release their targets
 * instead of calling the network.
 */
public class Draining implements BooleanSupplier {

	private final AtomicBoolean draining = new AtomicBoolean();

	public void start() {
		this.draining.set(true);
	}

	public void reset() {
		this.draining.set(false);
	}

	@Override
	public boolean getAsBoolean() {
		return this.draining.get();
	}

}
