package io.herald.core.database;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A JDBC URL and credentials parsed from what an operator put in {@code DATABASE_URL}:
 * either a JDBC URL or the {@code postgres://user:password@host:port/db?params} form most
 * hosting platforms hand out.
 */
record JdbcUrl(String url, String username, String password) {

	static JdbcUrl parse(String raw, String username, String password) {
		String value = raw.trim();
		if (value.startsWith("jdbc:")) {
			return new JdbcUrl(value, username, password);
		}
		if (!value.startsWith("postgres://") && !value.startsWith("postgresql://")) {
			throw new IllegalArgumentException(
					"DATABASE_URL must start with jdbc:postgresql://, postgres:// or postgresql://");
		}
		URI uri = URI.create(value);
		String user = username;
		String pass = password;
		if (uri.getRawUserInfo() != null) {
			String[] parts = uri.getRawUserInfo().split(":", 2);
			user = (user != null && !user.isBlank()) ? user : decode(parts[0]);
			if (parts.length > 1) {
				pass = (pass != null && !pass.isBlank()) ? pass : decode(parts[1]);
			}
		}
		int port = (uri.getPort() > 0) ? uri.getPort() : 5432;
		String query = (uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "";
		return new JdbcUrl("jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath() + query, user, pass);
	}

	private static String decode(String s) {
		return URLDecoder.decode(s, StandardCharsets.UTF_8);
	}

	/** Never prints the password. */
	@Override
	public String toString() {
		return this.url + " as " + this.username;
	}

}
