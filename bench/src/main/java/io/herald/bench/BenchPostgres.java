package io.herald.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

/**
 * The bench's own embedded Postgres (zonky, its default settings), on a free port, with
 * data under {@code bench/target}. Herald's schema is migrated once into a template
 * database; every scenario gets a fresh copy.
 */
final class BenchPostgres implements AutoCloseable {

	static final String USER = "postgres";

	private static final String TEMPLATE = "herald_template";

	private final EmbeddedPostgres postgres;

	private final AtomicInteger databases = new AtomicInteger();

	private BenchPostgres(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	static BenchPostgres start(Path dataDirectory) {
		try {
			Files.createDirectories(dataDirectory);
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(dataDirectory)
				.setCleanDataDirectory(true)
				.setPort(freePort())
				// As Herald's embedded server runs it: durable commits, so the figures
				// include the flushes a real deployment pays for.
				.setServerConfig("max_connections", "300")
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("fsync", "on")
				.setServerConfig("full_page_writes", "on")
				.start();
			BenchPostgres bench = new BenchPostgres(postgres);
			bench.execute("postgres", "CREATE DATABASE " + TEMPLATE);
			Flyway.configure()
				.dataSource(bench.url(TEMPLATE), USER, USER)
				.locations("classpath:db/migration")
				.load()
				.migrate();
			return bench;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded Postgres", ex);
		}
	}

	int port() {
		return this.postgres.getPort();
	}

	/** A JDBC URL with the credentials in it, as {@code DATABASE_URL} takes it. */
	String url(String database) {
		return "jdbc:postgresql://localhost:" + port() + "/" + database + "?user=" + USER + "&password=" + USER;
	}

	/**
	 * A fresh database with Herald's schema (copied from the migrated template).
	 * @param prefix a readable part of its name
	 * @return its name
	 */
	String freshHeraldDatabase(String prefix) {
		String name = name(prefix);
		execute("postgres", "CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
		return name;
	}

	/** A fresh database without any schema. */
	String freshEmptyDatabase(String prefix) {
		String name = name(prefix);
		execute("postgres", "CREATE DATABASE " + name);
		return name;
	}

	private String name(String prefix) {
		return "bench_" + prefix.replaceAll("[^a-z0-9]", "_") + "_" + this.databases.incrementAndGet();
	}

	Connection connect(String database) throws SQLException {
		return DriverManager.getConnection(url(database));
	}

	void execute(String database, String sql) {
		try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql + ": " + ex.getMessage(), ex);
		}
	}

	/** The settings that bound the database's write rate, for the results file. */
	Map<String, Object> settings() {
		Map<String, Object> settings = new LinkedHashMap<>();
		try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
			for (String name : List.of("server_version", "max_connections", "shared_buffers", "synchronous_commit",
					"fsync", "wal_level", "checkpoint_timeout", "max_wal_size")) {
				try (ResultSet rs = statement.executeQuery("SHOW " + name)) {
					rs.next();
					settings.put(name, rs.getString(1));
				}
			}
		}
		catch (SQLException ex) {
			settings.put("error", ex.getMessage());
		}
		return settings;
	}

	@Override
	public void close() {
		try {
			this.postgres.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
