package io.herald.worker.chaos;

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A database of its own for a chaos run, so no engine of this test JVM (a cached Spring
 * context) can touch its targets.
 */
final class ChaosDatabase {

	private ChaosDatabase() {
	}

	/**
	 * Creates and migrates a fresh database next to the one at {@code adminUrl}.
	 * @return its JDBC URL
	 */
	static String create(DataSource admin, int port) {
		String name = "chaos_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		new JdbcTemplate(admin).execute("CREATE DATABASE " + name);
		String url = "jdbc:postgresql://localhost:" + port + "/" + name + "?user=postgres&password=postgres";
		Flyway.configure().dataSource(dataSource(url)).locations("classpath:db/migration").load().migrate();
		return url;
	}

	static DataSource dataSource(String url) {
		return new DriverManagerDataSource(url);
	}

	static int schedulerInstances(JdbcTemplate jdbc, String scheduler) {
		List<Integer> counts = jdbc.queryForList(
				"SELECT count(*)::int FROM qrtz_scheduler_state WHERE sched_name = ?"
						+ " AND last_checkin_time > extract(epoch FROM now()) * 1000 - 20000",
				Integer.class, scheduler);
		return counts.get(0);
	}

}
