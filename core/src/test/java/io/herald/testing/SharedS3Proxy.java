package io.herald.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One real S3-compatible server per test JVM that checks AWS signatures: S3Proxy's
 * self-contained jar (copied to {@code core/target/s3proxy} by the build) run as its own
 * process on a free port, with an in-memory ("transient") blob store and authorization
 * {@code aws-v2-or-v4}, started on first use and stopped when the JVM exits. Requests
 * signed with other credentials, for another host or with a tampered signature are
 * refused, as a real object store refuses them.
 */
public final class SharedS3Proxy {

	public static final String ACCESS_KEY = "herald-test";

	public static final String SECRET_KEY = "herald-test-secret";

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(150);

	private static String endpoint;

	private SharedS3Proxy() {
	}

	/**
	 * @return the server's base URL, {@code http://127.0.0.1:<port>}
	 */
	public static synchronized String endpoint() {
		if (endpoint == null) {
			endpoint = start();
		}
		return endpoint;
	}

	private static String start() {
		Path jar = jar();
		IllegalStateException failure = null;
		// The free port may be taken between probing and S3Proxy binding it; try again
		// then.
		for (int attempt = 1; attempt <= 3; attempt++) {
			try {
				return startOn(jar, freePort());
			}
			catch (IllegalStateException ex) {
				failure = ex;
			}
		}
		throw failure;
	}

	private static String startOn(Path jar, int port) {
		String url = "http://127.0.0.1:" + port;
		Path work;
		Path config;
		try {
			work = Files.createTempDirectory("herald-s3proxy");
			config = Files.writeString(work.resolve("s3proxy.conf"),
					String.join("\n", "s3proxy.endpoint=" + url, "s3proxy.authorization=aws-v2-or-v4",
							"s3proxy.identity=" + ACCESS_KEY, "s3proxy.credential=" + SECRET_KEY,
							"jclouds.provider=transient", "jclouds.identity=" + ACCESS_KEY,
							"jclouds.credential=" + SECRET_KEY, ""));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Path log = work.resolve("s3proxy.log");
		List<String> command = List.of(javaBinary(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-jar",
				jar.toString(), "--properties", config.toString());
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start S3Proxy", ex);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process, work), "shared-s3proxy-stop"));
		awaitReady(process, url, log);
		return url;
	}

	private static void awaitReady(Process process, String url, Path log) {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		// Unsigned, so refused: any answer at all means S3Proxy is serving.
		HttpRequest listBuckets = HttpRequest.newBuilder(URI.create(url + "/")).timeout(Duration.ofSeconds(2)).build();
		Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
		while (Instant.now().isBefore(deadline)) {
			try {
				if (client.send(listBuckets, HttpResponse.BodyHandlers.discarding()).statusCode() == 403) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for S3Proxy", ex);
			}
			try {
				// Waiting on the process doubles as the poll interval and notices a
				// crash.
				if (process.waitFor(250, TimeUnit.MILLISECONDS)) {
					throw new IllegalStateException(
							"S3Proxy exited with code " + process.exitValue() + " during startup:\n" + tail(log));
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for S3Proxy", ex);
			}
		}
		process.destroyForcibly();
		throw new IllegalStateException(
				"S3Proxy not ready at " + url + " after " + STARTUP_TIMEOUT + ":\n" + tail(log));
	}

	private static void stop(Process process, Path work) {
		process.destroy();
		try {
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
		}
		try (Stream<Path> files = Files.walk(work)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// The JVM is exiting; a leftover temp directory is harmless.
		}
	}

	private static Path jar() {
		String configured = System.getProperty("herald.test.s3proxy.jar");
		Path jar = (configured != null) ? Path.of(configured) : Path.of("target/s3proxy/s3proxy.jar");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("S3Proxy jar not found at " + jar.toAbsolutePath()
					+ "; run the core module's build (./mvnw -pl core -am verify), which copies it there");
		}
		return jar;
	}

	private static String javaBinary() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

}
