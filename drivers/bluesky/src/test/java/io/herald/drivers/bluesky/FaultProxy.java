package io.herald.drivers.bluesky;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.herald.drivers.kit.FaultInjector;

/**
 * A loopback HTTP proxy in front of the real PDS that fails the next procedure call
 * (POST) on demand, for the failures a real PDS cannot be made to produce: rate limits,
 * server errors, token errors and answers that never arrive. Queries (GET) always pass,
 * so a driver's read-before-write checks see the real server.
 */
final class FaultProxy implements FaultInjector, AutoCloseable {

	private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "transfer-encoding", "host",
			"keep-alive", "upgrade", "expect");

	private final URI target;

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final AtomicReference<Fault> next = new AtomicReference<>();

	private final AtomicBoolean hideNextRead = new AtomicBoolean();

	private final AtomicReference<Applied> nextApplied = new AtomicReference<>();

	private volatile CountDownLatch held = new CountDownLatch(0);

	FaultProxy(URI target) throws IOException {
		this.target = target;
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	@Override
	public Set<Fault.Kind> supported() {
		return EnumSet.allOf(Fault.Kind.class);
	}

	@Override
	public void failNextCall(Fault fault) {
		this.next.set(fault);
	}

	/**
	 * Answers the next query (GET) with {@code RecordNotFound}, as a lagging read replica
	 * would right after a write.
	 */
	void hideNextRead() {
		this.hideNextRead.set(true);
	}

	@Override
	public List<String> publishingCalls() {
		return List.of("com.atproto.repo.uploadBlob", "com.atproto.repo.createRecord");
	}

	@Override
	public void failAfterApplying(String call, AfterApplied answer) {
		this.nextApplied.set(new Applied("/xrpc/" + call, answer));
	}

	@Override
	public void clear() {
		this.next.set(null);
		this.nextApplied.set(null);
		this.hideNextRead.set(false);
		this.held.countDown();
	}

	@Override
	public void close() {
		clear();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body = exchange.getRequestBody().readAllBytes();
			if ("GET".equals(exchange.getRequestMethod()) && this.hideNextRead.getAndSet(false)) {
				fail(exchange, Fault.of(Fault.Kind.INVALID_CONTENT, "Could not locate record"), "RecordNotFound");
				return;
			}
			Fault fault = "POST".equals(exchange.getRequestMethod()) ? this.next.getAndSet(null) : null;
			if (fault != null && fault.kind() != Fault.Kind.TIMEOUT_AFTER_SEND) {
				fail(exchange, fault, null);
				return;
			}
			Applied applied = this.nextApplied.get();
			if (applied != null && "POST".equals(exchange.getRequestMethod())
					&& exchange.getRequestURI().getPath().equals(applied.path())
					&& this.nextApplied.compareAndSet(applied, null)) {
				forward(exchange, body);
				answerBadly(exchange, applied.answer());
				return;
			}
			HttpResponse<byte[]> response = forward(exchange, body);
			if (fault != null) {
				// The PDS applied the call; the answer is held until the test is over,
				// long
				// after the driver's read timeout.
				CountDownLatch latch = new CountDownLatch(1);
				this.held = latch;
				latch.await(60, TimeUnit.SECONDS);
				return;
			}
			response.headers().map().forEach((name, values) -> {
				if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
					exchange.getResponseHeaders().put(name, values);
				}
			});
			send(exchange, response.statusCode(), response.body());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** The PDS applied the call; the driver gets anything but its answer. */
	private void answerBadly(HttpExchange exchange, AfterApplied answer) throws IOException, InterruptedException {
		switch (answer) {
			case SERVER_ERROR -> fail(exchange, Fault.of(Fault.Kind.SERVER_ERROR, "applied, then a 500"), null);
			// Headers promise a body that never comes, then the connection closes: the
			// client sees the stream end mid-answer, as after a reset.
			case CONNECTION_RESET -> exchange.sendResponseHeaders(200, 1024);
			case ANSWER_AFTER_TIMEOUT -> {
				CountDownLatch latch = new CountDownLatch(1);
				this.held = latch;
				latch.await(60, TimeUnit.SECONDS);
			}
		}
	}

	private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
		URI uri = this.target
			.resolve(exchange.getRequestURI().getRawPath() + ((exchange.getRequestURI().getRawQuery() != null)
					? "?" + exchange.getRequestURI().getRawQuery() : ""));
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
		exchange.getRequestHeaders().forEach((name, values) -> {
			if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
				values.forEach((value) -> request.header(name, value));
			}
		});
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private static void fail(HttpExchange exchange, Fault fault, String errorCode) throws IOException {
		int status = switch (fault.kind()) {
			case RATE_LIMITED -> 429;
			case SERVER_ERROR -> 500;
			case TOKEN_EXPIRED, TOKEN_REVOKED, INVALID_CONTENT -> 400;
			case TIMEOUT_AFTER_SEND -> throw new IllegalArgumentException("forwarded, not failed");
		};
		String error = (errorCode != null) ? errorCode : switch (fault.kind()) {
			case RATE_LIMITED -> "RateLimitExceeded";
			case SERVER_ERROR -> "InternalServerError";
			case TOKEN_EXPIRED -> "ExpiredToken";
			case TOKEN_REVOKED -> "InvalidToken";
			default -> "InvalidRecord";
		};
		if (fault.resetAt() != null) {
			Map<String, List<String>> headers = exchange.getResponseHeaders();
			headers.put("RateLimit-Limit", List.of("30"));
			headers.put("RateLimit-Remaining", List.of("0"));
			headers.put("RateLimit-Reset", List.of(Long.toString(fault.resetAt().getEpochSecond())));
			headers.put("RateLimit-Policy", List.of("30;w=300"));
		}
		exchange.getResponseHeaders().put("Content-Type", List.of("application/json; charset=utf-8"));
		String json = "{\"error\":\"" + error + "\",\"message\":\"" + fault.message().replace("\"", "\\\"") + "\"}";
		send(exchange, status, json.getBytes(StandardCharsets.UTF_8));
	}

	private record Applied(String path, AfterApplied answer) {
	}

	private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
		exchange.sendResponseHeaders(status, (body.length == 0) ? -1 : body.length);
		if (body.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

}
