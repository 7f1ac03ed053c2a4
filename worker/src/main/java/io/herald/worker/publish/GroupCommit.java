package io.herald.worker.publish;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Turns many threads' small writes into few transactions. A caller queues its item and
 * waits; whichever waiting caller finds no flush under way takes everything queued (up to
 * {@code maxBatch}) and writes it in one go, so under load each commit carries a batch
 * and with a single caller nothing waits at all. A caller returns only after its own item
 * is committed (or its batch failed), so "written before the call" still holds per item.
 *
 * @param <I> what a caller writes
 * @param <O> what it gets back
 */
public final class GroupCommit<I, O> {

	private final ReentrantLock lock = new ReentrantLock();

	private final ArrayDeque<Pending<I, O>> queue = new ArrayDeque<>();

	private final int maxBatch;

	private final Function<List<I>, List<O>> writer;

	private boolean flushing;

	/**
	 * A group commit.
	 * @param maxBatch the most items one write takes
	 * @param writer writes a batch in one transaction and returns one result per item, in
	 * order
	 */
	public GroupCommit(int maxBatch, Function<List<I>, List<O>> writer) {
		this.maxBatch = maxBatch;
		this.writer = writer;
	}

	/**
	 * Writes an item with whatever else is queued, and waits for the commit.
	 * @param item the item
	 * @return the item's result
	 * @throws RuntimeException what the batch's write threw
	 */
	public O submit(I item) {
		Pending<I, O> own = new Pending<>(item, this.lock.newCondition());
		boolean interrupted = false;
		this.lock.lock();
		try {
			this.queue.add(own);
			while (!own.done) {
				if (this.flushing) {
					try {
						// Each waiter has its own condition: a commit wakes exactly the
						// callers it served, and the next leader, not every waiting
						// thread.
						own.signal.await();
					}
					catch (InterruptedException ex) {
						// Keep waiting: the item is queued and will be written; leaving
						// now would lose its result.
						interrupted = true;
					}
					continue;
				}
				this.flushing = true;
				List<Pending<I, O>> batch = take();
				this.lock.unlock();
				List<O> results = null;
				RuntimeException failure = null;
				try {
					results = write(batch);
				}
				catch (RuntimeException ex) {
					failure = ex;
				}
				catch (Error ex) {
					failure = new IllegalStateException("Group write failed", ex);
				}
				finally {
					this.lock.lock();
				}
				for (int i = 0; i < batch.size(); i++) {
					Pending<I, O> pending = batch.get(i);
					pending.complete((results != null) ? results.get(i) : null, failure);
				}
				this.flushing = false;
				Pending<I, O> next = this.queue.peek();
				if (next != null) {
					next.signal.signal();
				}
			}
		}
		finally {
			this.lock.unlock();
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
		return own.result();
	}

	/**
	 * How many items wait for a write.
	 * @return the queue length
	 */
	public int queued() {
		this.lock.lock();
		try {
			return this.queue.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	private List<Pending<I, O>> take() {
		List<Pending<I, O>> batch = new ArrayList<>(Math.min(this.queue.size(), this.maxBatch));
		while (!this.queue.isEmpty() && batch.size() < this.maxBatch) {
			batch.add(this.queue.poll());
		}
		return batch;
	}

	private List<O> write(List<Pending<I, O>> batch) {
		List<I> items = new ArrayList<>(batch.size());
		batch.forEach((pending) -> items.add(pending.item));
		List<O> results = this.writer.apply(items);
		if (results.size() != items.size()) {
			throw new IllegalStateException("Wrote " + items.size() + " items but got " + results.size() + " results");
		}
		return results;
	}

	private static final class Pending<I, O> {

		private final I item;

		private final Condition signal;

		private boolean done;

		private O value;

		private RuntimeException failure;

		Pending(I item, Condition signal) {
			this.item = item;
			this.signal = signal;
		}

		void complete(O value, RuntimeException failure) {
			this.value = value;
			this.failure = failure;
			this.done = true;
			this.signal.signal();
		}

		O result() {
			if (this.failure != null) {
				throw this.failure;
			}
			return this.value;
		}

	}

}
