package io.herald.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Every process the bench started and has not stopped yet, stopped at the end of the run
 * and by the shutdown hook when the run is interrupted.
 */
final class Processes {

	private final List<ManagedProcess> running = new ArrayList<>();

	synchronized void register(ManagedProcess process) {
		this.running.add(process);
	}

	synchronized void unregister(ManagedProcess process) {
		this.running.remove(process);
	}

	void stopAll() {
		List<ManagedProcess> left;
		synchronized (this) {
			left = new ArrayList<>(this.running);
		}
		for (ManagedProcess process : left) {
			process.stop(20);
		}
	}

}
