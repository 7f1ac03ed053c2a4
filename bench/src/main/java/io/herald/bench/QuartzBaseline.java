package io.herald.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import io.herald.worker.baseline.TriggerPerPostScheduler;
import io.herald.worker.dispatch.TargetRequeue;
import org.quartz.Scheduler;
import org.quartz.impl.StdSchedulerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scenario 2a: the one-trigger-per-post baseline. A worker process runs in
 * {@code trigger-per-post} mode; the posts' triggers are created from the bench with the
 * worker's own {@link TriggerPerPostScheduler} on a Quartz scheduler of the same cluster
 * that is never started (so it only writes triggers, as the api does in that mode, and
 * the worker process fires them).
 */
final class QuartzBaseline implements Scenario {

	@Override
	public String id() {
		return "2a";
	}

	@Override
	public String title() {
		return "baseline: Quartz one trigger per post";
	}

	@Override
	public void run(Context context) throws Exception {
		int posts = context.options().size(5_000, 1_000);
		String database = context.postgres().freshHeraldDatabase("quartz");
		String cluster = "bench-quartz-" + UUID.randomUUID().toString().substring(0, 8);
		List<String> settings = List.of("--herald.worker.mode=trigger-per-post");
		ManagedProcess worker = context.workers().start("quartz-worker", database, cluster, settings);
		try (Connection connection = context.postgres().connect(database)) {
			Workload workload = new Workload();
			UUID workspace = workload.workspace(connection);
			List<UUID> accounts = workload.accounts(connection, workspace, 200);
			context.workers().awaitJoined(database, cluster, List.of(worker), Duration.ofMinutes(3));
			workload.posts(connection, workspace, accounts, "q", posts, Instant.now(), 1);
			List<UUID> ids = new ArrayList<>();
			try (Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery("SELECT id FROM post_target ORDER BY due_at")) {
				while (rs.next()) {
					ids.add(rs.getObject(1, UUID.class));
				}
			}
			Instant scheduling = Instant.now();
			createTriggers(context.postgres().url(database), cluster, ids);
			Instant triggersExist = Instant.now();
			double triggerRate = ids.size()
					/ Math.max(0.001, Duration.between(scheduling, triggersExist).toNanos() / 1e9);
			Outcome outcome = Outcome.await(connection, posts, Duration.ofSeconds(120 + posts / 20),
					Duration.ofSeconds(60), worker);
			long publishedAfter;
			try (PreparedStatement query = connection.prepareStatement(
					"SELECT count(*) FROM post_target WHERE status = 'PUBLISHED' AND published_at >= ?")) {
				query.setObject(1, triggersExist.atOffset(ZoneOffset.UTC));
				try (ResultSet rs = query.executeQuery()) {
					rs.next();
					publishedAfter = rs.getLong(1);
				}
			}
			double rate;
			String how;
			if (outcome.lastPublished() != null && publishedAfter >= posts / 10) {
				rate = publishedAfter
						/ Math.max(0.001, Duration.between(triggersExist, outcome.lastPublished()).toNanos() / 1e9);
				how = publishedAfter + " published after the last trigger existed, over "
						+ Row.format(Duration.between(triggersExist, outcome.lastPublished()).toMillis() / 1000.0)
						+ " s (" + (posts - publishedAfter) + " went out while triggers were being created)";
			}
			else {
				rate = outcome.throughputSince(scheduling);
				how = "most went out while triggers were being created: all " + posts
						+ " from the first trigger to the last publication";
			}
			context.figures().put(Context.QUARTZ, rate);
			Map<String, Object> used = new LinkedHashMap<>();
			used.put("posts", posts);
			used.put("accounts", accounts.size());
			used.put("workerArgs", context.workers().settings(settings));
			used.put("workerJvm", Workers.JVM_OPTIONS);
			used.put("triggerCreation", "in the bench process, one thread, TriggerPerPostScheduler.scheduled()"
					+ " on an unstarted Quartz scheduler of the same cluster");
			Row row = Row.of(id(), "Quartz trigger-per-post: publications", rate, "posts/s").notes(how).settings(used);
			context.add(outcome.correct() ? row : row.failed(outcome.problem()));
			context.add(Row.of(id(), "Quartz trigger-per-post: trigger scheduling rate", triggerRate, "triggers/s")
				.notes(ids.size() + " triggers, one thread, while the worker fired them"));
		}
		finally {
			worker.stop(30);
		}
	}

	private static void createTriggers(String url, String cluster, List<UUID> ids) throws Exception {
		Properties quartz = new Properties();
		quartz.setProperty("org.quartz.scheduler.instanceName", cluster);
		quartz.setProperty("org.quartz.scheduler.instanceId", "bench-trigger-writer");
		quartz.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
		quartz.setProperty("org.quartz.threadPool.threadCount", "1");
		quartz.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
		quartz.setProperty("org.quartz.jobStore.driverDelegateClass",
				"org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
		quartz.setProperty("org.quartz.jobStore.isClustered", "true");
		quartz.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
		quartz.setProperty("org.quartz.jobStore.dataSource", "bench");
		quartz.setProperty("org.quartz.dataSource.bench.provider", "hikaricp");
		quartz.setProperty("org.quartz.dataSource.bench.driver", "org.postgresql.Driver");
		quartz.setProperty("org.quartz.dataSource.bench.URL", url);
		quartz.setProperty("org.quartz.dataSource.bench.user", BenchPostgres.USER);
		quartz.setProperty("org.quartz.dataSource.bench.password", BenchPostgres.USER);
		quartz.setProperty("org.quartz.dataSource.bench.maxConnections", "4");
		Scheduler scheduler = new StdSchedulerFactory(quartz).getScheduler();
		try (HikariDataSource dataSource = new HikariDataSource()) {
			dataSource.setJdbcUrl(url);
			dataSource.setMaximumPoolSize(2);
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			TargetRequeue requeue = new TargetRequeue(jdbc,
					new TransactionTemplate(new DataSourceTransactionManager(dataSource)), Clock.systemUTC());
			TriggerPerPostScheduler triggers = new TriggerPerPostScheduler(scheduler, jdbc, requeue);
			for (int from = 0; from < ids.size(); from += 500) {
				triggers.scheduled(ids.subList(from, Math.min(ids.size(), from + 500)));
			}
		}
		finally {
			scheduler.shutdown(false);
		}
	}

}
