package io.herald.drivers.bluesky;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.util.Map;

import io.herald.drivers.spi.ConnectFailedException;
import io.herald.drivers.spi.ConnectFailedException.Reason;
import io.herald.drivers.spi.ConnectRequest;
import io.herald.drivers.support.outbound.OutboundPolicy;
import io.herald.drivers.support.outbound.OutboundSettings;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What a user learns when the service URL they typed is not a PDS that accepts them: one
 * fixed reason per failure, never what the server answered or where it lives.
 */
class BlueskyConnectFailureTests {

	private static final String SECRET = "prometheus_secret_token_0xC0FFEE";

	private final MockWebServer server = new MockWebServer();

	@BeforeEach
	void start() throws IOException {
		this.server.start(InetAddress.getByName("127.0.0.1"), 0);
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void refuses_a_service_on_a_loopback_address_without_calling_it() {
		BlueskyBackend strict = backend(OutboundPolicy.strict());

		for (String url : new String[] { "https://127.0.0.1:" + this.server.getPort(),
				"http://localhost:" + this.server.getPort(), "https://localhost:" + this.server.getPort() }) {
			assertThat(reason(strict, url)).as(url).isEqualTo(Reason.REFUSED);
		}
		assertThat(this.server.getRequestCount()).isZero();
	}

	@Test
	void a_closed_port_is_unreachable_and_the_failure_names_no_address() throws IOException {
		int closed;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			closed = socket.getLocalPort();
		}

		ConnectFailedException ex = failure(backend(LocalOutbound.POLICY), "http://127.0.0.1:" + closed);

		assertThat(ex.reason()).isEqualTo(Reason.UNREACHABLE);
		assertThat(ex.getMessage()).doesNotContain(String.valueOf(closed)).doesNotContain("127.0.0.1");
	}

	@Test
	void a_server_that_is_no_pds_is_not_a_server_and_its_body_is_never_repeated() {
		this.server.enqueue(new MockResponse.Builder().code(200).body("# HELP token " + SECRET).build());
		this.server.enqueue(new MockResponse.Builder().code(404).body("<html>" + SECRET + "</html>").build());
		this.server.enqueue(new MockResponse.Builder().code(400).body("{\"message\":\"" + SECRET + "\"}").build());

		for (int i = 0; i < 3; i++) {
			ConnectFailedException ex = failure(backend(LocalOutbound.POLICY), local());

			assertThat(ex.reason()).isEqualTo(Reason.NOT_A_SERVER);
			assertThat(ex.getMessage()).doesNotContain(SECRET);
		}
	}

	@Test
	void a_redirect_is_not_followed() {
		this.server.enqueue(
				new MockResponse.Builder().code(307).setHeader("Location", local() + "/actuator/prometheus").build());
		this.server.enqueue(new MockResponse.Builder().body("{\"did\":\"\",\"handle\":\"\"}").build());

		assertThat(reason(backend(LocalOutbound.POLICY), local())).isEqualTo(Reason.NOT_A_SERVER);
		assertThat(this.server.getRequestCount()).isEqualTo(1);
	}

	@Test
	void an_answer_without_a_valid_did_and_handle_is_no_account() {
		for (String identity : new String[] { "\"did\":\"\",\"handle\":\"\"",
				"\"did\":\"did:plc:abc\",\"handle\":\"a.test\"",
				"\"did\":\"did:plc:ewvi7nxzyoun6zhxrhs64oiz\",\"handle\":\"<script>\"",
				"\"did\":\"did:example:123\",\"handle\":\"alice.test\"" }) {
			this.server.enqueue(new MockResponse.Builder()
				.body("{\"accessJwt\":\"a.b.c\",\"refreshJwt\":\"d.e.f\"," + identity + "}")
				.build());

			assertThat(reason(backend(LocalOutbound.POLICY), local())).as(identity).isEqualTo(Reason.NOT_A_SERVER);
		}
	}

	@Test
	void a_pds_refusing_the_password_means_wrong_credentials() {
		this.server.enqueue(new MockResponse.Builder().code(401)
			.body("{\"error\":\"AuthenticationRequired\",\"message\":\"Invalid identifier or password\"}")
			.build());

		assertThat(reason(backend(LocalOutbound.POLICY), local())).isEqualTo(Reason.WRONG_CREDENTIALS);
	}

	@Test
	void an_answer_larger_than_the_policy_allows_is_not_a_server() {
		OutboundPolicy small = new OutboundPolicy(
				OutboundSettings.defaults().allowing("127.0.0.1").withMaxResponseBytes(1024));
		this.server.enqueue(new MockResponse.Builder().body("{\"message\":\"" + "x".repeat(100_000) + "\"}").build());

		assertThat(reason(backend(small), local())).isEqualTo(Reason.NOT_A_SERVER);
	}

	private String local() {
		return "http://127.0.0.1:" + this.server.getPort();
	}

	private static BlueskyBackend backend(OutboundPolicy policy) {
		return new BlueskyBackend(BlueskyProperties.defaults(), policy, Clock.systemUTC(), LinkPreviews.NONE);
	}

	private static Reason reason(BlueskyBackend backend, String serviceUrl) {
		return failure(backend, serviceUrl).reason();
	}

	private static ConnectFailedException failure(BlueskyBackend backend, String serviceUrl) {
		return assertThrows(ConnectFailedException.class, () -> backend
			.connect(new ConnectRequest("alice.test", "app-password", URI.create(serviceUrl), Map.of())));
	}

}
