package io.herald.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts worker nodes ({@code io.herald.worker.WorkerApplication}) as separate JVMs on
 * the bench module's class path, the way an operator runs them, and waits until they
 * joined the cluster.
 */
final class Workers {

	/** The worker JVM's options (an operator's choice; recorded with each figure). */
	static final List<String> JVM_OPTIONS = List.of("-Xmx384m");

	private final Processes processes;

	private final BenchPostgres postgres;

	private final String classPath;

	private final Path runDirectory;

	private final List<String> extraArgs;

	Workers(Processes processes, BenchPostgres postgres, String classPath, Path runDirectory, List<String> extraArgs) {
		this.processes = processes;
		this.postgres = postgres;
		this.classPath = classPath;
		this.runDirectory = runDirectory;
		this.extraArgs = extraArgs;
	}

	/**
	 * The settings a worker gets besides the database and key.
	 */
	List<String> settings(List<String> scenarioSettings) {
		List<String> settings = new ArrayList<>(scenarioSettings);
		settings.addAll(this.extraArgs);
		return settings;
	}

	ManagedProcess start(String name, String database, String cluster, List<String> settings) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(JVM_OPTIONS);
		command.add("-cp");
		command.add(this.classPath);
		command.add("io.herald.worker.WorkerApplication");
		command.add("--herald.database.url=" + this.postgres.url(database));
		command.add("--herald.secret-key=" + Workload.SECRET_KEY);
		command.add("--herald.data-dir=" + this.runDirectory.resolve(name).toAbsolutePath());
		command.add("--herald.worker.node-id=" + name);
		command.add("--spring.quartz.scheduler-name=" + cluster);
		command.add("--server.port=0");
		command.add("--logging.level.root=WARN");
		command.add("--logging.level.io.herald=INFO");
		command.addAll(settings(settings));
		return ManagedProcess.start(this.processes, name, command, Map.of(), this.runDirectory.resolve(name), false,
				this.runDirectory.resolve(name + ".log"));
	}

	/** Waits until the nodes checked in with the clustered Quartz scheduler. */
	void awaitJoined(String database, String cluster, List<ManagedProcess> nodes, Duration timeout)
			throws SQLException, InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		try (Connection connection = this.postgres.connect(database);
				PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM qrtz_scheduler_state"
						+ " WHERE sched_name = ? AND last_checkin_time > extract(epoch FROM now()) * 1000 - 20000")) {
			query.setString(1, cluster);
			while (true) {
				for (ManagedProcess node : nodes) {
					if (!node.alive()) {
						throw new IllegalStateException(
								"Worker " + node.name() + " exited while starting:\n" + node.tail(40));
					}
				}
				try (ResultSet rs = query.executeQuery()) {
					rs.next();
					if (rs.getInt(1) >= nodes.size()) {
						return;
					}
				}
				if (Instant.now().isAfter(deadline)) {
					throw new IllegalStateException(
							nodes.size() + " workers did not join within " + timeout + ":\n" + nodes.get(0).tail(40));
				}
				Thread.sleep(200);
			}
		}
	}

	/** The worker's class path: the bench module's dependencies, not the bench itself. */
	static String classPathFrom(Path classPathFile) throws java.io.IOException {
		return Files.readString(classPathFile).trim();
	}

}
