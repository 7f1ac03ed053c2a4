package io.herald.core.database;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.zaxxer.hikari.HikariConfig;
import org.junit.jupiter.api.Test;

import io.herald.testing.SharedPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IdleClosingDataSourceIntegrationTests {

	@Test
	void closing_waits_for_a_connection_in_use_to_finish_its_statement() throws Exception {
		IdleClosingDataSource pool = new IdleClosingDataSource(config(), Duration.ofSeconds(30));
		Connection inUse = pool.getConnection();
		CompletableFuture<Void> closing = CompletableFuture.runAsync(pool::close);
		// Still open while the connection is out: its holder can finish.
		assertThatExceptionOfType(TimeoutException.class).isThrownBy(() -> closing.get(500, TimeUnit.MILLISECONDS));
		try (Statement statement = inUse.createStatement()) {
			statement.execute("SELECT 1");
		}
		assertThat(closing).isNotDone();
		inUse.close();
		closing.get(10, TimeUnit.SECONDS);
		assertThat(pool.isClosed()).isTrue();
	}

	@Test
	void closing_gives_up_waiting_after_its_grace() throws Exception {
		IdleClosingDataSource pool = new IdleClosingDataSource(config(), Duration.ofMillis(200));
		pool.getConnection();
		CompletableFuture.runAsync(pool::close).get(10, TimeUnit.SECONDS);
		assertThat(pool.isClosed()).isTrue();
	}

	private static HikariConfig config() {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(SharedPostgres.jdbcUrl());
		config.setMaximumPoolSize(2);
		return config;
	}

}
