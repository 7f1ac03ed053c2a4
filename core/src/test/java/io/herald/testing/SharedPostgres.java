package io.herald.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real embedded Postgres per test JVM, started on first use and stopped when the JVM
 * exits. Spring tests point {@code herald.database.url} at it (see
 * {@link #registerProperties}); plain JDBC tests use {@link #dataSource()}.
 */
public final class SharedPostgres {

	private static final String DEADLOCK = "40P01";

	private static EmbeddedPostgres postgres;

	private SharedPostgres() {
	}

	public static synchronized EmbeddedPostgres instance() {
		if (postgres == null) {
			try {
				postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot start the shared embedded Postgres", ex);
			}
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					postgres.close();
				}
				catch (IOException ex) {
					// The JVM is exiting; the temp directory goes with it.
				}
			}, "shared-postgres-stop"));
		}
		return postgres;
	}

	public static String jdbcUrl() {
		return "jdbc:postgresql://localhost:" + instance().getPort() + "/postgres?user=postgres&password=postgres";
	}

	public static DataSource dataSource() {
		return instance().getPostgresDatabase();
	}

	/**
	 * Points a Spring test at the shared instance.
	 * @param registry the test's dynamic property registry
	 */
	public static void registerProperties(org.springframework.test.context.DynamicPropertyRegistry registry) {
		registry.add("herald.database.url", SharedPostgres::jdbcUrl);
	}

	/**
	 * Empties every Herald table (not Flyway's history, not Quartz's tables), so a test
	 * class starts from a known state even when Spring reuses a cached context.
	 */
	public static void truncateHeraldTables() {
		// A running engine holds row locks while it waits for locks on other tables, so a
		// TRUNCATE that takes its table locks one by one can deadlock with it; Postgres
		// then
		// aborts one side. Retrying is safe: the statement changes nothing until it
		// succeeds.
		for (int attempt = 1;; attempt++) {
			try {
				truncateOnce();
				return;
			}
			catch (SQLException ex) {
				if (!DEADLOCK.equals(ex.getSQLState()) || attempt == 5) {
					throw new IllegalStateException("Cannot reset the test database", ex);
				}
			}
		}
	}

	private static void truncateOnce() throws SQLException {
		try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
			List<String> tables = new ArrayList<>();
			try (ResultSet rs = statement.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
					+ " AND tablename NOT LIKE 'qrtz_%' AND tablename <> 'flyway_schema_history'")) {
				while (rs.next()) {
					tables.add(rs.getString(1));
				}
			}
			if (!tables.isEmpty()) {
				statement.execute("TRUNCATE " + String.join(", ", tables) + " CASCADE");
			}
		}
	}

}
