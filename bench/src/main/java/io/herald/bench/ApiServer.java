package io.herald.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The api's executable jar in a process of its own, started as the README says, and the
 * calls the scenarios make to it.
 */
final class ApiServer implements AutoCloseable {

	static final String ADMIN_EMAIL = "admin@herald.local";

	static final String ADMIN_PASSWORD = "bench-admin-password";

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final ManagedProcess process;

	private final URI base;

	private final HttpClient http;

	private String token;

	private ApiServer(ManagedProcess process, URI base, HttpClient http) {
		this.process = process;
		this.base = base;
		this.http = http;
	}

	/**
	 * Starts the jar with the given environment and waits for {@code /readyz}.
	 * @param cleanEnvironment start from an empty environment (plus PATH and HOME)
	 * @return the server, ready
	 */
	static ApiServer start(Context context, String name, Map<String, String> environment, Path workingDirectory,
			boolean cleanEnvironment, Duration timeout) throws Exception {
		int port = BenchPostgres.freePort();
		Map<String, String> env = new LinkedHashMap<>(environment);
		env.put("SERVER_PORT", Integer.toString(port));
		// Several servers may run on this machine; the bench reads no metrics from them.
		env.putIfAbsent("HERALD_MANAGEMENT_PORT", "0");
		env.put("HERALD_ADMIN_PASSWORD", ADMIN_PASSWORD);
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-jar");
		command.add(context.apiJar().toAbsolutePath().toString());
		ManagedProcess process = ManagedProcess.start(context.processes(), name, command, env, workingDirectory,
				cleanEnvironment, context.runDirectory().resolve(name + ".log"));
		HttpClient http = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.version(HttpClient.Version.HTTP_1_1)
			.build();
		ApiServer server = new ApiServer(process, URI.create("http://localhost:" + port), http);
		try {
			server.awaitReady(timeout);
		}
		catch (Exception ex) {
			process.stop(30);
			throw ex;
		}
		return server;
	}

	void awaitReady(Duration timeout) throws Exception {
		Instant deadline = Instant.now().plus(timeout);
		HttpRequest ready = HttpRequest.newBuilder(this.base.resolve("/readyz")).timeout(Duration.ofSeconds(2)).build();
		while (true) {
			if (!this.process.alive()) {
				throw new IllegalStateException("api exited while starting:\n" + this.process.tail(40));
			}
			try {
				if (this.http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("api not ready within " + timeout + ":\n" + this.process.tail(40));
			}
			Thread.sleep(50);
		}
	}

	ManagedProcess process() {
		return this.process;
	}

	HttpClient http() {
		return this.http;
	}

	URI uri(String path) {
		return this.base.resolve(path);
	}

	/**
	 * Creates an API token with the admin's password (Basic is only accepted for this).
	 */
	void login() throws Exception {
		String basic = Base64.getEncoder()
			.encodeToString((ADMIN_EMAIL + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/api/v1/auth/tokens"))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 201 && response.statusCode() != 200) {
			throw new IllegalStateException("token: " + response.statusCode() + " " + response.body());
		}
		this.token = JSON.readTree(response.body()).get("token").asString();
	}

	/** Connects a sandbox account through the API. */
	String sandboxAccount(String handle) throws Exception {
		HttpResponse<String> response = send(
				post("/api/v1/accounts", "{\"network\":\"sandbox\",\"identifier\":\"" + handle + "\"}"));
		if (response.statusCode() != 201 && response.statusCode() != 200) {
			throw new IllegalStateException("account: " + response.statusCode() + " " + response.body());
		}
		return JSON.readTree(response.body()).get("id").asString();
	}

	HttpRequest post(String path, String body) {
		return HttpRequest.newBuilder(uri(path))
			.header("Authorization", "Bearer " + this.token)
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	static JsonNode tree(String body) {
		return JSON.readTree(body);
	}

	/**
	 * A month ahead: never published during the run (the api refuses more than three
	 * years).
	 */
	private static final String LATER = Instant.now()
		.plus(Duration.ofDays(30))
		.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
		.toString();

	/** A post for later to one account. */
	static String postBody(String account, long n) {
		return "{\"text\":\"Bench post " + n + "\",\"targets\":[{\"accountId\":\"" + account + "\"}],\"scheduledAt\":\""
				+ LATER + "\"}";
	}

	@Override
	public void close() {
		this.process.stop(30);
	}

}
