package io.herald.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Scenario 2b: the best peer scheduler on Postgres, db-scheduler, with lock-and-fetch
 * polling and 16 threads, executing no-op one-time tasks that are all due at once, in
 * this process, on a database of its own with db-scheduler's table.
 */
final class DbSchedulerBaseline implements Scenario {

	static final int THREADS = 16;

	static final Duration POLLING_INTERVAL = Duration.ofMillis(250);

	@Override
	public String id() {
		return "2b";
	}

	@Override
	public String title() {
		return "baseline: db-scheduler lock-and-fetch, 16 threads";
	}

	@Override
	public void run(Context context) throws Exception {
		int tasks = context.options().size(20_000, 10_000);
		String database = context.postgres().freshEmptyDatabase("dbscheduler");
		context.postgres().execute(database, TABLE);
		AtomicLong executed = new AtomicLong();
		AtomicLong lastMillis = new AtomicLong();
		Set<String> seen = ConcurrentHashMap.newKeySet();
		OneTimeTask<Void> noop = Tasks.oneTime("bench-noop").execute((instance, execution) -> {
			seen.add(instance.getId());
			executed.incrementAndGet();
			long now = System.currentTimeMillis();
			lastMillis.accumulateAndGet(now, Math::max);
		});
		try (HikariDataSource dataSource = new HikariDataSource()) {
			dataSource.setJdbcUrl(context.postgres().url(database));
			dataSource.setMaximumPoolSize(THREADS + 4);
			Scheduler scheduler = Scheduler.create(dataSource, noop)
				.threads(THREADS)
				.pollUsingLockAndFetch(0.5, 1.0)
				.pollingInterval(POLLING_INTERVAL)
				.build();
			scheduler.start();
			try (Connection connection = context.postgres().connect(database)) {
				Instant due = Instant.now().plusMillis(1000 + tasks / 20);
				try (PreparedStatement insert = connection.prepareStatement("INSERT INTO scheduled_tasks (task_name,"
						+ " task_instance, execution_time, picked, version) SELECT 'bench-noop', 'i' || g, ?, false, 1"
						+ " FROM generate_series(1, ?) g")) {
					insert.setObject(1, due.atOffset(ZoneOffset.UTC));
					insert.setInt(2, tasks);
					insert.executeUpdate();
				}
				Instant committed = Instant.now();
				Instant start = committed.isAfter(due) ? committed : due;
				Instant deadline = Instant.now().plusSeconds(120 + tasks / 100);
				while (executed.get() < tasks && Instant.now().isBefore(deadline)) {
					Thread.sleep(100);
				}
				long left = remaining(connection, Duration.ofSeconds(10));
				double seconds = (lastMillis.get() - start.toEpochMilli()) / 1000.0;
				double rate = executed.get() / Math.max(0.001, seconds);
				context.figures().put(Context.DB_SCHEDULER, rate);
				Map<String, Object> settings = new LinkedHashMap<>();
				settings.put("version", version());
				settings.put("tasks", tasks);
				settings.put("threads", THREADS);
				settings.put("polling", "lock-and-fetch(lowerLimit 0.5, upperLimit 1.0)");
				settings.put("pollingInterval", POLLING_INTERVAL.toString());
				settings.put("connectionPool", THREADS + 4);
				Row row = Row.of(id(), "db-scheduler: no-op one-time task executions", rate, "exec/s")
					.notes(executed.get() + " executions from their due time to the last one, " + Row.format(seconds)
							+ " s")
					.settings(settings);
				if (executed.get() != tasks || seen.size() != tasks || left != 0) {
					row = row.failed("CORRECTNESS: executed " + executed.get() + " (distinct " + seen.size() + ") of "
							+ tasks + ", " + left + " rows left");
				}
				context.add(row);
			}
			finally {
				scheduler.stop();
			}
		}
	}

	private static String version() {
		try (var in = Scheduler.class
			.getResourceAsStream("/META-INF/maven/com.github.kagkarlsson/db-scheduler/pom.properties")) {
			java.util.Properties properties = new java.util.Properties();
			if (in != null) {
				properties.load(in);
			}
			return properties.getProperty("version", "unknown");
		}
		catch (java.io.IOException ex) {
			return "unknown";
		}
	}

	private static long remaining(Connection connection, Duration wait) throws Exception {
		Instant deadline = Instant.now().plus(wait);
		try (Statement statement = connection.createStatement()) {
			while (true) {
				try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM scheduled_tasks")) {
					rs.next();
					long left = rs.getLong(1);
					if (left == 0 || Instant.now().isAfter(deadline)) {
						return left;
					}
				}
				Thread.sleep(100);
			}
		}
	}

	// db-scheduler's PostgreSQL table, as its documentation gives it (with the later
	// nullable execution_time and state column).
	private static final String TABLE = """
			CREATE TABLE scheduled_tasks (
			  task_name TEXT NOT NULL,
			  task_instance TEXT NOT NULL,
			  task_data BYTEA,
			  execution_time TIMESTAMP WITH TIME ZONE,
			  picked BOOLEAN NOT NULL,
			  picked_by TEXT,
			  last_success TIMESTAMP WITH TIME ZONE,
			  last_failure TIMESTAMP WITH TIME ZONE,
			  consecutive_failures INT,
			  last_heartbeat TIMESTAMP WITH TIME ZONE,
			  version BIGINT NOT NULL,
			  priority SMALLINT,
			  state TEXT,
			  PRIMARY KEY (task_name, task_instance)
			);
			CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
			CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
			CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);
			""";

}
