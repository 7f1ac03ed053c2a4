package io.herald.core.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Herald's one DataSource: the operator's Postgres when {@code DATABASE_URL} is set, an
 * embedded Postgres otherwise. Startup waits a bounded time for the database, saying so.
 */
@AutoConfiguration(beforeName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration" })
@EnableConfigurationProperties(DatabaseProperties.class)
public class DatabaseConfiguration {

	private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

	// Bounds how long a closing pool waits for connections still in use (the pool's own
	// connection timeout, so a call that got a connection can finish its statement).
	private static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

	@Bean
	@ConditionalOnExpression("'${herald.database.url:}'.isBlank()")
	EmbeddedPostgresServer embeddedPostgresServer(DatabaseProperties properties,
			ObjectProvider<EmbeddedPostgresHeadStart.Started> headStart) {
		EmbeddedPostgresHeadStart.Started started = headStart.getIfAvailable();
		return (started != null) ? started.await()
				: new EmbeddedPostgresServer(properties.dataDir(), properties.embeddedPort());
	}

	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(DatabaseProperties properties, ObjectProvider<EmbeddedPostgresServer> embedded) {
		JdbcUrl target = properties.embedded() ? embedded.getObject().jdbcUrl()
				: JdbcUrl.parse(properties.url(), properties.username(), properties.password());
		HikariConfig config = new HikariConfig();
		config.setPoolName("herald");
		config.setJdbcUrl(target.url());
		config.setUsername(target.username());
		config.setPassword(target.password());
		config.setMaximumPoolSize(properties.maxPoolSize());
		config.setMinimumIdle(Math.min(2, properties.maxPoolSize()));
		config.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
		config.setValidationTimeout(Duration.ofSeconds(3).toMillis());
		config.setMaxLifetime(Duration.ofMinutes(30).toMillis());
		// A JDBC batch of inserts becomes multi-row INSERTs: one statement per batch.
		config.addDataSourceProperty("reWriteBatchedInserts", "true");
		// The driver otherwise puts every bound value of a failed batch entry (token
		// hashes, post text) and the server's "Key (…)=(…)" detail into the exception
		// message that Hibernate and the engine log. Hibernate still logs the statement.
		config.addDataSourceProperty("logServerErrorDetail", "false");
		// Do not fail pool creation; awaitDatabase below decides how long to wait.
		config.setInitializationFailTimeout(-1);
		HikariDataSource dataSource = new IdleClosingDataSource(config, CLOSE_GRACE);
		awaitDatabase(dataSource, target, properties.startupTimeout());
		return dataSource;
	}

	static void awaitDatabase(DataSource dataSource, JdbcUrl target, Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		int attempt = 0;
		while (true) {
			attempt++;
			try (Connection connection = dataSource.getConnection()) {
				if (connection.isValid(3)) {
					if (attempt > 1) {
						log.info("Database {} is reachable after {} attempts", target, attempt);
					}
					return;
				}
			}
			catch (SQLException ex) {
				if (Instant.now().isAfter(deadline)) {
					throw new IllegalStateException("Database " + target + " still unreachable after " + timeout + " ("
							+ attempt + " attempts): " + ex.getMessage(), ex);
				}
				log.warn("Waiting for database {} (attempt {}, giving up at {}): {}", target, attempt, deadline,
						ex.getMessage());
			}
			try {
				// Startup retry backoff, before anything else runs; no clock to wait on
				// here.
				Thread.sleep(Math.min(5000, 500L * attempt));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for database " + target, ex);
			}
		}
	}

}
