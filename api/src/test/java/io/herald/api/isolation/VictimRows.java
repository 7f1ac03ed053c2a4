package io.herald.api.isolation;

import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every database row of the victim workspace, and every row anywhere that names one of
 * its workspace, users, accounts, assets or posts. The tables are found from the schema
 * ({@code uuid} columns with these names), so a table added later is watched too.
 */
final class VictimRows {

	private final JdbcTemplate jdbc;

	private final Map<String, UUID[]> idsByColumn;

	private final List<String[]> watched = new ArrayList<>();

	/**
	 * @param idsByColumn for each column name ({@code workspace_id}, {@code account_id},
	 * ...), the victim's ids it may hold
	 */
	VictimRows(JdbcTemplate jdbc, Map<String, UUID[]> idsByColumn) {
		this.jdbc = jdbc;
		this.idsByColumn = idsByColumn;
		this.jdbc.query(
				"SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()"
						+ " AND data_type = 'uuid' ORDER BY table_name, column_name",
				(rs) -> {
					String column = rs.getString("column_name");
					String table = rs.getString("table_name");
					if (idsByColumn.containsKey(column) || idsByColumn.containsKey(table + "." + column)) {
						this.watched.add(new String[] { table, column });
					}
				});
	}

	/**
	 * The rows now, by table and column, each row as text.
	 */
	Map<String, List<String>> snapshot() {
		Map<String, List<String>> rows = new TreeMap<>();
		for (String[] watched : this.watched) {
			UUID[] ids = this.idsByColumn.getOrDefault(watched[0] + "." + watched[1], this.idsByColumn.get(watched[1]));
			List<String> found = new ArrayList<>(
					this.jdbc.query("SELECT * FROM " + watched[0] + " WHERE " + watched[1] + " = ANY(?)",
							(ps) -> ps.setArray(1, ps.getConnection().createArrayOf("uuid", ids)), (rs, n) -> {
								StringBuilder row = new StringBuilder();
								for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
									row.append(rs.getMetaData().getColumnName(i))
										.append('=')
										.append(text(rs.getObject(i)))
										.append(' ');
								}
								return row.toString();
							}));
			found.sort(null);
			rows.put(watched[0] + "." + watched[1], found);
		}
		return rows;
	}

	int tables() {
		return this.watched.size();
	}

	private static String text(Object value) throws SQLException {
		if (value instanceof byte[] bytes) {
			return HexFormat.of().formatHex(bytes);
		}
		if (value instanceof Array array) {
			return String.valueOf(array);
		}
		return String.valueOf(value);
	}

}
