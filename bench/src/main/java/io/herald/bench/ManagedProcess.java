package io.herald.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A worker or api process the bench started, with its output in a log file. Stopping it
 * also ends anything it started (an embedded Postgres), so no process outlives the run.
 */
final class ManagedProcess implements AutoCloseable {

	private static final Pattern KB = Pattern.compile("(\\d+)\\s*kB");

	private final String name;

	private final Process process;

	private final Path log;

	private final Processes owner;

	private ManagedProcess(String name, Process process, Path log, Processes owner) {
		this.name = name;
		this.process = process;
		this.log = log;
		this.owner = owner;
	}

	static ManagedProcess start(Processes owner, String name, List<String> command, Map<String, String> environment,
			Path workingDirectory, boolean cleanEnvironment, Path log) {
		try {
			Files.createDirectories(log.getParent());
			Files.createDirectories(workingDirectory);
			ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
			if (cleanEnvironment) {
				// Only what any shell has: an operator's own Herald variables must not
				// leak
				// into the measured default.
				builder.environment().keySet().removeIf((key) -> !key.equals("PATH") && !key.equals("HOME"));
			}
			builder.environment().putAll(environment);
			ManagedProcess started = new ManagedProcess(name, builder.start(), log, owner);
			owner.register(started);
			return started;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + name, ex);
		}
	}

	String name() {
		return this.name;
	}

	long pid() {
		return this.process.pid();
	}

	boolean alive() {
		return this.process.isAlive();
	}

	Path log() {
		return this.log;
	}

	/** The resident set size now, in bytes (VmRSS). */
	long rssBytes() {
		return status("VmRSS");
	}

	/** The peak resident set size so far, in bytes (VmHWM). */
	long peakRssBytes() {
		return status("VmHWM");
	}

	private long status(String field) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
				if (line.startsWith(field + ":")) {
					Matcher matcher = KB.matcher(line);
					if (matcher.find()) {
						return Long.parseLong(matcher.group(1)) * 1024;
					}
				}
			}
			return -1;
		}
		catch (IOException ex) {
			return -1;
		}
	}

	/** The last lines of the log, for failure messages. */
	String tail(int lines) {
		try {
			List<String> all = Files.readAllLines(this.log, StandardCharsets.UTF_8);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException | UncheckedIOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	/** SIGTERM, then SIGKILL after the grace period; children the same way. */
	void stop(long graceSeconds) {
		List<ProcessHandle> children = this.process.descendants().toList();
		try {
			if (this.process.isAlive()) {
				this.process.destroy();
				if (!this.process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
					this.process.destroyForcibly();
					this.process.waitFor(30, TimeUnit.SECONDS);
				}
			}
			for (ProcessHandle child : children) {
				if (child.isAlive()) {
					child.destroy();
					child.onExit().get(graceSeconds, TimeUnit.SECONDS);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			children.forEach(ProcessHandle::destroyForcibly);
		}
		finally {
			children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
			this.owner.unregister(this);
		}
	}

	@Override
	public void close() {
		stop(30);
	}

}
