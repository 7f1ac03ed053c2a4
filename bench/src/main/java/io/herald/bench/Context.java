package io.herald.bench;

import java.nio.file.Path;
import java.util.Map;

/**
 * What scenarios share in one run.
 *
 * @param options the command line
 * @param postgres the bench's Postgres
 * @param processes every process started, for cleanup
 * @param workers starts worker nodes
 * @param results the rows so far
 * @param runDirectory logs and data directories of started processes
 * @param apiJar the api's executable jar
 * @param figures figures later scenarios compare with (db ceiling, baselines)
 */
record Context(BenchOptions options, BenchPostgres postgres, Processes processes, Workers workers, Results results,
		Path runDirectory, Path apiJar, Map<String, Double> figures) {

	static final String CEILING = "ceiling";

	static final String QUARTZ = "quartz";

	static final String DB_SCHEDULER = "db-scheduler";

	void add(Row row) {
		this.results.add(row);
	}

}
