package io.herald.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rows of a run: printed as they come, as a table at the end, and written as JSON.
 */
final class Results {

	private final List<Row> rows = new ArrayList<>();

	private final PrintStream out;

	Results(PrintStream out) {
		this.out = out;
	}

	void add(Row row) {
		this.rows.add(row);
		this.out.println("ROW  " + line(row));
		if (!row.settings().isEmpty()) {
			this.out.println("     settings " + row.settings());
		}
		this.out.flush();
	}

	List<Row> rows() {
		return List.copyOf(this.rows);
	}

	boolean anyFailed() {
		return this.rows.stream().anyMatch((row) -> !row.ok());
	}

	String table() {
		StringBuilder table = new StringBuilder();
		table.append("| # | figure | value | unit | baseline / ratio | target | met |\n");
		table.append("|---|---|---|---|---|---|---|\n");
		for (Row row : this.rows) {
			table.append("| ")
				.append(row.scenario())
				.append(" | ")
				.append(row.figure())
				.append(" | ")
				.append(row.valueText())
				.append(" | ")
				.append(row.unit())
				.append(" | ")
				.append((row.baseline() != null) ? row.baseline() : "")
				.append(" | ")
				.append(row.targetText())
				.append(" | ")
				.append(row.metText())
				.append(" |\n");
		}
		return table.toString();
	}

	private static String line(Row row) {
		return String.format("%-3s %-52s %12s %-10s %-34s %-16s %s%s", row.scenario(), row.figure(), row.valueText(),
				row.unit(), (row.baseline() != null) ? row.baseline() : "", row.targetText(), row.metText(),
				row.notes().isEmpty() ? "" : "  (" + row.notes() + ")");
	}

	void write(Path file, Map<String, Object> run) {
		Map<String, Object> document = new LinkedHashMap<>(run);
		List<Map<String, Object>> rows = new ArrayList<>();
		for (Row row : this.rows) {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("scenario", row.scenario());
			json.put("figure", row.figure());
			json.put("value", Double.isNaN(row.value()) ? null : row.value());
			json.put("unit", row.unit());
			json.put("baseline", row.baseline());
			json.put("target", row.targetText().isEmpty() ? null : row.targetText());
			json.put("met", row.met());
			json.put("ok", row.ok());
			json.put("notes", row.notes());
			json.put("settings", row.settings());
			rows.add(json);
		}
		document.put("rows", rows);
		try {
			Files.createDirectories(file.getParent());
			JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValue(file.toFile(), document);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
