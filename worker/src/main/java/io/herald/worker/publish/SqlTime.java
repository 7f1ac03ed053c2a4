package io.herald.worker.publish;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Binds and reads {@code timestamptz} as instants, independent of the JVM's time zone
 * (java.sql.Timestamp would go through it, which breaks around DST changes).
 */
public final class SqlTime {

	private SqlTime() {
	}

	public static OffsetDateTime ts(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	public static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
