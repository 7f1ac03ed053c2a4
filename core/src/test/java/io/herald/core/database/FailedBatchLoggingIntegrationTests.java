package io.herald.core.database;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.herald.testing.SharedPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FailedBatchLoggingIntegrationTests {

	private static final String SECRET = "token-hash-7f3a9c1e";

	@Test
	void a_failed_batch_names_no_bound_value_in_what_gets_logged(@TempDir Path dir) throws SQLException {
		DatabaseProperties properties = new DatabaseProperties(SharedPostgres.jdbcUrl(), null, null, dir, 2,
				Duration.ofSeconds(10), 0);
		try (HikariDataSource dataSource = new DatabaseConfiguration().dataSource(properties, null);
				Connection connection = dataSource.getConnection()) {
			try (Statement ddl = connection.createStatement()) {
				ddl.execute("CREATE TEMPORARY TABLE batch_secrets (token_hash text PRIMARY KEY, note text)");
			}
			BatchUpdateException failure;
			try (PreparedStatement insert = connection
				.prepareStatement("INSERT INTO batch_secrets (token_hash, note) VALUES (?, ?)")) {
				for (int i = 0; i < 2; i++) {
					insert.setString(1, SECRET);
					insert.setString(2, "post text " + i);
					insert.addBatch();
				}
				failure = catchThrowableOfType(BatchUpdateException.class, insert::executeBatch);
			}
			assertThat((Throwable) failure).isNotNull();
			assertThat(failure.getNextException().getSQLState()).isEqualTo("23505");
			StringWriter logged = new StringWriter();
			failure.printStackTrace(new PrintWriter(logged));
			failure.getNextException().printStackTrace(new PrintWriter(logged));
			assertThat(logged.toString()).contains("batch_secrets_pkey")
				.doesNotContain(SECRET)
				.doesNotContain("post text");
		}
	}

}
