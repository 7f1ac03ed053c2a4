package io.herald.worker.execution;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs publications: virtual threads on Java 21+ (a blocked network call then costs no
 * platform thread), a fixed pool on Java 17, with per-account and per-network limits in
 * front. How much work reaches it is bounded by the dispatcher's capacity, not by a queue
 * size.
 */
public class PublishExecutor implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(PublishExecutor.class);

	private final ExecutorService executor;

	private final KeyedLimiter perNetwork;

	private final KeyedLimiter perAccount;

	private final boolean virtual;

	/**
	 * An executor.
	 * @param threads the pool size when virtual threads are unavailable
	 * @param perAccount the limit per account
	 * @param perNetwork the limit of each network
	 */
	public PublishExecutor(int threads, int perAccount, ToIntFunction<String> perNetwork) {
		ExecutorService virtualThreads = virtualThreadExecutor();
		this.virtual = virtualThreads != null;
		this.executor = this.virtual ? virtualThreads : pool(threads);
		this.perNetwork = new KeyedLimiter(perNetwork);
		this.perAccount = new KeyedLimiter((key) -> perAccount);
		log.info("Publishing on {}", this.virtual ? "virtual threads" : threads + " platform threads");
	}

	public boolean virtualThreads() {
		return this.virtual;
	}

	/**
	 * Runs a publication when its account and network have a free slot.
	 * @param account the account id
	 * @param network the network id
	 * @param task the publication
	 */
	public void submit(String account, String network, Runnable task) {
		this.perAccount.acquire(account,
				(releaseAccount) -> this.perNetwork.acquire(network, (releaseNetwork) -> this.executor.execute(() -> {
					try {
						task.run();
					}
					finally {
						releaseNetwork.run();
						releaseAccount.run();
					}
				})));
	}

	/**
	 * Waits for submitted work, then stops.
	 * @param grace how long to wait
	 * @return whether everything finished in time
	 */
	public boolean shutdown(Duration grace) {
		this.executor.shutdown();
		try {
			return this.executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

	private static ExecutorService virtualThreadExecutor() {
		try {
			Method factory = java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
			return (ExecutorService) factory.invoke(null);
		}
		catch (ReflectiveOperationException ex) {
			return null;
		}
	}

	private static ExecutorService pool(int threads) {
		AtomicInteger counter = new AtomicInteger();
		ThreadFactory factory = (runnable) -> {
			Thread thread = new Thread(runnable, "herald-publish-" + counter.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
	}

}
