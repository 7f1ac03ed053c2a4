package io.herald.drivers.sandbox;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import io.herald.testing.SharedPostgres;
import org.flywaydb.core.Flyway;

/**
 * The shared embedded Postgres with Herald's schema, for the sandbox's tests.
 */
final class SandboxDatabase {

	private static volatile boolean migrated;

	private SandboxDatabase() {
	}

	static synchronized DataSource migrated() {
		DataSource dataSource = SharedPostgres.dataSource();
		if (!migrated) {
			Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
			migrated = true;
		}
		return dataSource;
	}

	static long count(DataSource dataSource, String account, String key) {
		try (Connection connection = dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rs = statement
					.executeQuery("SELECT count(*) FROM sandbox_publication WHERE account_remote_id = '" + account
							+ "' AND idempotency_key = '" + key + "'")) {
			rs.next();
			return rs.getLong(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
