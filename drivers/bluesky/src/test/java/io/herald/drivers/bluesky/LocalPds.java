package io.herald.drivers.bluesky;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;

/**
 * One real AT Protocol PDS (from {@code @atproto/dev-env}) per test JVM, started on first
 * use. Its npm packages come from a copy installed ahead of the build (see
 * {@link #preinstalled()}), otherwise they are installed from the committed lock file
 * into {@code target/pds} when missing. Public, with {@link PdsClient} and
 * {@link LocalPdsExtension}, for end-to-end tests in other modules (test-jar). The node
 * process exits when its stdin closes, which happens when this JVM ends, however it ends.
 */
public final class LocalPds {

	/** The Node.js binary; {@code -Dherald.test.node=...} points at another one. */
	private static final String NODE = System.getProperty("herald.test.node", "node");

	private static final Duration START_DEADLINE = Duration.ofSeconds(90);

	private static final Duration INSTALL_DEADLINE = Duration.ofMinutes(15);

	private static final Pattern URL_LINE = Pattern.compile("\"url\"\\s*:\\s*\"([^\"]+)\"");

	private static LocalPds instance;

	private static RuntimeException startFailure;

	private final URI url;

	private LocalPds(URI url) {
		this.url = url;
	}

	/**
	 * The server, started if needed. Without Node.js the calling test is skipped, or
	 * fails when {@code CI=true}.
	 * @return the running server
	 */
	public static synchronized LocalPds get() {
		if (instance != null) {
			return instance;
		}
		if (startFailure != null) {
			throw startFailure;
		}
		requireNode();
		try {
			instance = start();
			return instance;
		}
		catch (IOException | InterruptedException | TimeoutException | RuntimeException ex) {
			startFailure = new IllegalStateException("Could not start the local PDS (see target/pds/*.log)", ex);
			throw startFailure;
		}
	}

	/**
	 * The base URL of the PDS.
	 * @return the URL
	 */
	public URI url() {
		return this.url;
	}

	private static void requireNode() {
		String problem = null;
		try {
			Process node = new ProcessBuilder(NODE, "--version").redirectErrorStream(true).start();
			String version = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			if (!node.waitFor(30, TimeUnit.SECONDS) || node.exitValue() != 0) {
				problem = "`node --version` failed: " + version;
			}
		}
		catch (IOException ex) {
			problem = "Node.js is not installed (no `node` on the PATH)";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			problem = "interrupted while checking for Node.js";
		}
		if (problem != null) {
			String message = problem + "; the Bluesky tests need Node.js 20+ and npm to run a local PDS.";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new IllegalStateException(message + " CI=true, so this is a failure, not a skip.");
			}
			Assumptions.abort(message + " Skipping (set CI=true to make this fail).");
		}
	}

	private static LocalPds start() throws IOException, InterruptedException, TimeoutException {
		Path scratch = Path.of(System.getProperty("basedir", ".")).resolve("target/pds");
		// Data of servers from earlier runs (dev-env leaves its SQLite files behind).
		deleteRecursively(scratch.resolve("tmp"));
		Files.createDirectories(scratch.resolve("tmp"));
		Path work = preinstalled().orElse(scratch);
		if (work.equals(scratch)) {
			for (String file : List.of("package.json", "package-lock.json", "start-pds.mjs")) {
				try (InputStream in = LocalPds.class.getResourceAsStream("/pds/" + file)) {
					Files.copy(Objects.requireNonNull(in, "pds/" + file + " on the test classpath"), work.resolve(file),
							StandardCopyOption.REPLACE_EXISTING);
				}
			}
			// The marker is written last, so an interrupted install is redone.
			Path marker = work.resolve("node_modules/.herald-installed");
			if (!Files.exists(marker)) {
				run(work, scratch.resolve("npm-ci.log"), "npm", "ci", "--no-audit", "--no-fund");
				// npm here does not run install scripts; the native SQLite binding needs
				// its build.
				run(work, scratch.resolve("npm-rebuild.log"), "npm", "rebuild", "better-sqlite3");
				Files.writeString(marker, "npm ci + rebuild done\n");
			}
		}
		ProcessBuilder builder = new ProcessBuilder(NODE, "start-pds.mjs").directory(work.toFile())
			.redirectError(scratch.resolve("pds.log").toFile());
		// dev-env puts its SQLite files and blobs in the temp dir; keep them under
		// target.
		builder.environment().put("TMPDIR", scratch.resolve("tmp").toAbsolutePath().toString());
		Process process = builder.start();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process), "local-pds-stop"));
		BufferedReader out = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		CompletableFuture<URI> url = CompletableFuture.supplyAsync(() -> readUrl(out));
		try {
			URI found = url.get(START_DEADLINE.toSeconds(), TimeUnit.SECONDS);
			drain(out);
			return new LocalPds(found);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			stop(process);
			throw new IllegalStateException("The PDS process ended before printing its URL", ex.getCause());
		}
		catch (TimeoutException ex) {
			stop(process);
			throw ex;
		}
	}

	private static URI readUrl(BufferedReader out) {
		try {
			String line;
			while ((line = out.readLine()) != null) {
				Matcher matcher = URL_LINE.matcher(line);
				if (matcher.find()) {
					return URI.create(matcher.group(1));
				}
			}
			throw new IllegalStateException("The PDS process ended before printing its URL");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Keeps reading stdout so the process never blocks on a full pipe. */
	private static void drain(BufferedReader out) {
		Thread drainer = new Thread(() -> {
			try {
				while (out.readLine() != null) {
					// discard
				}
			}
			catch (IOException ex) {
				// the process ended
			}
		}, "local-pds-stdout");
		drainer.setDaemon(true);
		drainer.start();
	}

	private static void deleteRecursively(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	/**
	 * A copy of {@code src/test/pds} installed ahead of the build (as .ci/run does),
	 * which survives {@code mvn clean}: named by {@code HERALD_TEST_PDS_DIR} (for tests
	 * in other modules), or this module's own {@code src/test/pds}.
	 */
	private static Optional<Path> preinstalled() {
		String named = System.getenv("HERALD_TEST_PDS_DIR");
		if (named != null && !named.isBlank()) {
			Path dir = Path.of(named);
			if (!Files.isDirectory(dir.resolve("node_modules/@atproto/dev-env"))) {
				throw new IllegalStateException("HERALD_TEST_PDS_DIR=" + named + " has no node_modules; run `npm ci"
						+ " && npm rebuild better-sqlite3` there");
			}
			return Optional.of(dir);
		}
		Path own = Path.of(System.getProperty("basedir", ".")).resolve("src/test/pds");
		return Files.isDirectory(own.resolve("node_modules/@atproto/dev-env")) ? Optional.of(own) : Optional.empty();
	}

	private static void run(Path work, Path log, String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).directory(work.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		if (!process.waitFor(INSTALL_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException(String.join(" ", command) + " took longer than " + INSTALL_DEADLINE);
		}
		if (process.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed; see " + log);
		}
	}

	private static void stop(Process process) {
		try {
			process.getOutputStream().close();
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
		catch (IOException ex) {
			process.destroyForcibly();
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

}
