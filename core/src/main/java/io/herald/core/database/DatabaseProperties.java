package io.herald.core.database;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Herald's Postgres is. With no {@code url}, Herald starts an embedded Postgres
 * whose data lives under {@code dataDir/pg}.
 *
 * @param url a JDBC URL or a {@code postgres://user:pass@host:port/db} URL; blank for
 * embedded
 * @param username user name, overriding one in the URL
 * @param password password, overriding one in the URL
 * @param dataDir Herald's local data directory
 * @param maxPoolSize the connection pool's size
 * @param startupTimeout how long startup waits for the database before giving up
 * @param embeddedPort the embedded server's port, 0 for any free port
 */
@ConfigurationProperties("herald.database")
public record DatabaseProperties(String url, String username, String password, @DefaultValue("./data") Path dataDir,
		@DefaultValue("20") int maxPoolSize, @DefaultValue("60s") Duration startupTimeout,
		@DefaultValue("0") int embeddedPort) {

	boolean embedded() {
		return this.url == null || this.url.isBlank();
	}

}
