package io.herald.api.accounts;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.herald.api.support.Api;
import io.herald.api.support.ApiIntegrationTest;
import io.herald.api.support.Fixtures.Tenant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13: a Bluesky service URL is a URL any editor types. Herald calls it only under
 * the outbound policy, answers with a fixed message per failure, repeats nothing the
 * server said, and stores no account without a real identity. The test configuration
 * allowlists {@code localhost} (the local PDS), so {@code 127.0.0.1} stays refused.
 */
class ConnectOutboundIntegrationTests extends ApiIntegrationTest {

	private static final String SECRET = "prometheus_secret_token_0xC0FFEE";

	private final MockWebServer server = new MockWebServer();

	private Tenant tenant;

	@BeforeEach
	void start() throws IOException {
		this.server.start(InetAddress.getByName("127.0.0.1"), 0);
		this.tenant = this.fixtures.tenant(this.api);
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void refuses_a_service_url_on_a_loopback_address_without_calling_it() {
		this.server.enqueue(new MockResponse.Builder().body(SECRET).build());

		for (String url : new String[] { "http://127.0.0.1:" + this.server.getPort(),
				"https://127.0.0.1:" + this.server.getPort(), "https://169.254.169.254/latest/meta-data" }) {
			Api.Response response = connect(url);

			assertProblem(response, "REFUSED");
		}
		assertThat(this.server.getRequestCount()).isZero();
	}

	@Test
	void a_closed_port_answers_unreachable_without_the_address() throws IOException {
		int closed;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			closed = socket.getLocalPort();
		}

		Api.Response response = connect("http://localhost:" + closed);

		assertProblem(response, "UNREACHABLE");
		assertThat(response.body()).doesNotContain(String.valueOf(closed))
			.doesNotContain("127.0.0.1")
			.doesNotContain("Exception");
	}

	@Test
	void the_servers_answer_never_reaches_the_problem() {
		this.server.enqueue(new MockResponse.Builder().code(400)
			.setHeader("Content-Type", "application/json")
			.body("{\"message\":\"" + SECRET + "\"}")
			.build());
		this.server.enqueue(new MockResponse.Builder().code(200).body("# HELP secret " + SECRET).build());

		for (int i = 0; i < 2; i++) {
			Api.Response response = connect(local());

			assertProblem(response, "NOT_A_SERVER");
			assertThat(response.body()).doesNotContain(SECRET);
		}
	}

	@Test
	void a_redirect_to_the_actuator_stores_no_account() {
		this.server.enqueue(new MockResponse.Builder().code(302)
			.setHeader("Location", "http://localhost:" + this.port + "/actuator/prometheus")
			.build());
		this.server
			.enqueue(new MockResponse.Builder().body("{\"accessJwt\":\"a.b.c\",\"refreshJwt\":\"d.e.f\"}").build());

		assertProblem(connect(local()), "NOT_A_SERVER");
		assertProblem(connect(local()), "NOT_A_SERVER");
		assertThat(this.api.get("/api/v1/accounts").token(this.tenant.token()).send().json()).isEmpty();
	}

	@Test
	void wrong_credentials_are_named_as_such() {
		this.server.enqueue(new MockResponse.Builder().code(401)
			.setHeader("Content-Type", "application/json")
			.body("{\"error\":\"AuthenticationRequired\",\"message\":\"Invalid identifier or password\"}")
			.build());

		assertProblem(connect(local()), "WRONG_CREDENTIALS");
	}

	@Test
	void a_check_of_an_unreachable_pds_names_no_address() {
		String did = "did:plc:ewvi7nxzyoun6zhxrhs64oiz";
		this.server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json")
			.body("{\"accessJwt\":\"a.b.c\",\"refreshJwt\":\"d.e.f\",\"did\":\"" + did
					+ "\",\"handle\":\"alice.test\"}")
			.build());
		this.server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json")
			.body("{\"did\":\"" + did + "\",\"handle\":\"alice.test\"}")
			.build());
		Api.Response connected = connect(local());
		assertThat(connected.status()).as(connected.toString()).isEqualTo(201);
		String port = String.valueOf(this.server.getPort());
		this.server.close();

		Api.Response check = this.api.post("/api/v1/accounts/" + connected.json().get("id").asString() + "/check")
			.token(this.tenant.token())
			.send();

		assertThat(check.status()).as(check.toString()).isEqualTo(503);
		assertThat(check.body()).doesNotContain(port).doesNotContain("127.0.0.1").doesNotContain("Exception");
	}

	/** The mock server under the allowlisted name. */
	private String local() {
		return "http://localhost:" + this.server.getPort();
	}

	private Api.Response connect(String serviceUrl) {
		return this.api.post("/api/v1/accounts")
			.token(this.tenant.token())
			.json(Map.of("network", "bluesky", "identifier", "alice.test", "secret", "app-password-1234", "serviceUrl",
					serviceUrl))
			.send();
	}

	private static void assertProblem(Api.Response response, String reason) {
		assertThat(response.status()).as(response.toString()).isEqualTo(422);
		assertThat(response.json().get("type").asString()).isEqualTo("/problems/connect-failed");
		assertThat(response.json().get("reason").asString()).as(response.toString()).isEqualTo(reason);
		assertThat(response.json().get("detail").asString()).doesNotContain("://").doesNotContain("app-password");
	}

}
