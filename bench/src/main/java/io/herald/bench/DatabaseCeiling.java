package io.herald.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Scenario 1: the database's write ceiling on this box. Plain JDBC, 16 threads, each
 * transaction one INSERT and one UPDATE of the inserted row, committed; transactions per
 * second over the run.
 */
final class DatabaseCeiling implements Scenario {

	static final int THREADS = 16;

	@Override
	public String id() {
		return "1";
	}

	@Override
	public String title() {
		return "database ceiling (JDBC insert+update tx, 16 threads)";
	}

	@Override
	public void run(Context context) throws Exception {
		double seconds = context.options().seconds(10, 5);
		String database = context.postgres().freshEmptyDatabase("ceiling");
		context.postgres()
			.execute(database, "CREATE TABLE ceiling (id BIGSERIAL PRIMARY KEY, counter INT NOT NULL DEFAULT 0,"
					+ " payload TEXT NOT NULL, updated_at TIMESTAMPTZ NOT NULL DEFAULT now())");
		AtomicLong committed = new AtomicLong();
		AtomicReference<Exception> failure = new AtomicReference<>();
		CountDownLatch ready = new CountDownLatch(THREADS);
		CountDownLatch go = new CountDownLatch(1);
		long[] window = new long[2];
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			Thread thread = new Thread(() -> {
				try (Connection connection = context.postgres().connect(database)) {
					connection.setAutoCommit(false);
					PreparedStatement insert = connection
						.prepareStatement("INSERT INTO ceiling (payload) VALUES (?) RETURNING id");
					PreparedStatement update = connection
						.prepareStatement("UPDATE ceiling SET counter = counter + 1, updated_at = now() WHERE id = ?");
					ready.countDown();
					go.await();
					long end = window[1];
					while (System.nanoTime() < end) {
						insert.setString(1, "bench payload");
						long id;
						try (ResultSet rs = insert.executeQuery()) {
							rs.next();
							id = rs.getLong(1);
						}
						update.setLong(1, id);
						update.executeUpdate();
						connection.commit();
						committed.incrementAndGet();
					}
				}
				catch (Exception ex) {
					failure.compareAndSet(null, ex);
					ready.countDown();
				}
			}, "ceiling-" + t);
			threads.add(thread);
			thread.start();
		}
		ready.await();
		window[0] = System.nanoTime();
		window[1] = window[0] + (long) (seconds * 1e9);
		go.countDown();
		for (Thread thread : threads) {
			thread.join();
		}
		double elapsed = (System.nanoTime() - window[0]) / 1e9;
		double rate = committed.get() / elapsed;
		context.figures().put(Context.CEILING, rate);
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("threads", THREADS);
		settings.put("seconds", seconds);
		settings.put("transactions", committed.get());
		Row row = Row.of(id(), "database ceiling: insert+update transactions", rate, "tx/s")
			.notes(committed.get() + " tx in " + Row.format(elapsed) + " s")
			.settings(settings);
		context.add((failure.get() != null) ? row.failed(String.valueOf(failure.get())) : row);
	}

}
