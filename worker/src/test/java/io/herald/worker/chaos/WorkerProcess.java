package io.herald.worker.chaos;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One worker node in its own JVM, on this test's class path.
 */
final class WorkerProcess {

	private final String name;

	private final Process process;

	private final Path log;

	private WorkerProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	static WorkerProcess start(String name, String jdbcUrl, String scheduler, List<String> settings) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx384m");
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(ChaosWorkerMain.class.getName());
		command.add("--herald.database.url=" + jdbcUrl);
		command.add("--herald.worker.node-id=" + name);
		command.add("--spring.quartz.scheduler-name=" + scheduler);
		command.add("--herald.secret-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
		command.add("--logging.level.root=WARN");
		command.add("--logging.level.io.herald=INFO");
		command.add("--spring.jpa.open-in-view=false");
		command.addAll(settings);
		try {
			Path dir = Files.createDirectories(Path.of("target", "chaos"));
			Path log = dir.resolve(name + ".log");
			// A fresh log per run: tests read it for what this run's node did.
			Files.deleteIfExists(log);
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start();
			return new WorkerProcess(name, process, log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start worker " + name, ex);
		}
	}

	String name() {
		return this.name;
	}

	boolean alive() {
		return this.process.isAlive();
	}

	/** SIGKILL: no shutdown hook, no lease released, calls cut mid-flight. */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(30, TimeUnit.SECONDS);
	}

	/** SIGTERM: a graceful shutdown. */
	void stop() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
			this.process.waitFor(30, TimeUnit.SECONDS);
		}
	}

	File log() {
		return this.log.toFile();
	}

	/** The exit status once the process has ended. */
	int exitValue() {
		return this.process.exitValue();
	}

	/** The log's lines that contain a text (the log is appended to across restarts). */
	List<String> logLines(String containing) {
		try (java.util.stream.Stream<String> lines = Files.lines(this.log)) {
			return lines.filter((line) -> line.contains(containing)).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
