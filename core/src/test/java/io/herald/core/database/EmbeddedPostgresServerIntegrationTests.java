package io.herald.core.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EmbeddedPostgresServerIntegrationTests {

	@Test
	void accepts_only_the_generated_password_and_listens_on_loopback_only(@TempDir Path dir) throws Exception {
		EmbeddedPostgresServer server = new EmbeddedPostgresServer(dir, 0);
		try {
			Path passwordFile = dir.resolve(EmbeddedPostgresServer.PASSWORD_FILE);
			assertThat(Files.getPosixFilePermissions(passwordFile))
				.isEqualTo(PosixFilePermissions.fromString("rw-------"));
			assertThat(server.jdbcUrl().password()).isEqualTo(Files.readString(passwordFile).trim());
			assertRequiresThePassword(server, dir);
			try (Connection connection = connect(server, server.jdbcUrl().password())) {
				assertThat(show(connection, "listen_addresses")).isEqualTo("127.0.0.1");
			}
		}
		finally {
			server.destroy();
		}
		EmbeddedPostgresServer again = new EmbeddedPostgresServer(dir, 0);
		try {
			assertRequiresThePassword(again, dir);
		}
		finally {
			again.destroy();
		}
	}

	@Test
	void a_data_directory_that_trusted_local_connections_gets_the_password(@TempDir Path dir) throws Exception {
		// What earlier versions made: zonky's initdb with trust for everyone.
		EmbeddedPostgres.builder()
			.setDataDirectory(dir.resolve("pg"))
			.setCleanDataDirectory(false)
			.setRegisterShutdownHook(false)
			.start()
			.close();
		assertThat(PgHba.read(dir.resolve("pg")).trustsAnyone()).isTrue();
		EmbeddedPostgresServer server = new EmbeddedPostgresServer(dir, 0);
		try {
			assertRequiresThePassword(server, dir);
		}
		finally {
			server.destroy();
		}
	}

	private static void assertRequiresThePassword(EmbeddedPostgresServer server, Path dir) throws SQLException {
		assertThat(PgHba.read(dir.resolve("pg")).trustsAnyone()).isFalse();
		assertThat(PgHba.read(dir.resolve("pg")).content()).doesNotContainPattern("(?m)^[^#]*\\btrust\\b");
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> connect(server, null).close());
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> connect(server, "postgres").close());
		try (Connection connection = connect(server, server.jdbcUrl().password())) {
			assertThat(connection.isValid(2)).isTrue();
		}
	}

	private static Connection connect(EmbeddedPostgresServer server, String password) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", "postgres");
		if (password != null) {
			properties.setProperty("password", password);
		}
		return DriverManager.getConnection(server.jdbcUrl().url(), properties);
	}

	private static String show(Connection connection, String setting) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SHOW " + setting)) {
			rs.next();
			return rs.getString(1);
		}
	}

}
