package io.herald.drivers.support.outbound;

import java.io.IOException;
import java.net.InetAddress;
import java.io.InterruptedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboundPolicyTests {

	private final MockWebServer server = new MockWebServer();

	private final MockWebServer internal = new MockWebServer();

	@BeforeEach
	void start() throws IOException {
		this.server.start(InetAddress.getByName("127.0.0.1"), 0);
		this.internal.start(InetAddress.getByName("127.0.0.1"), 0);
	}

	@AfterEach
	void stop() {
		this.server.close();
		this.internal.close();
	}

	@Test
	void refuses_plain_http_unless_the_host_is_allowlisted() throws IOException {
		this.server.enqueue(new MockResponse.Builder().body("hello").build());

		assertThatThrownBy(() -> get(OutboundPolicy.strict(), "http://127.0.0.1:" + this.server.getPort() + "/"))
			.isInstanceOf(OutboundRefusedException.class);
		assertThat(this.server.getRequestCount()).isZero();
		assertThat(get(allowing("127.0.0.1"), "http://127.0.0.1:" + this.server.getPort() + "/")).isEqualTo("hello");
	}

	@Test
	void refuses_names_that_resolve_to_loopback_even_over_https() throws IOException {
		assertThatThrownBy(() -> get(OutboundPolicy.strict(), "https://localhost:" + this.server.getPort() + "/"))
			.isInstanceOf(OutboundRefusedException.class);
		// Allowing the addresses lets the call through the policy, to a closed port.
		String closed = "https://localhost:" + closedPort() + "/";
		assertThatThrownBy(() -> get(allowing("127.0.0.0/8", "::1/128"), closed)).isInstanceOf(IOException.class)
			.matches((ex) -> !OutboundRefusedException.causedBy(ex));
	}

	@Test
	void checks_the_address_connected_for_ip_literals_which_are_never_resolved() {
		for (String host : List.of("127.0.0.1", "[::1]", "[::ffff:127.0.0.1]", "[::127.0.0.1]")) {
			assertThatThrownBy(() -> get(OutboundPolicy.strict(), "https://" + host + ":" + this.server.getPort()))
				.as(host)
				.isInstanceOf(OutboundRefusedException.class);
		}
		assertThat(this.server.getRequestCount()).isZero();
	}

	@Test
	void gives_the_same_refusal_for_open_and_closed_ports() throws IOException {
		for (int port : new int[] { closedPort(), this.server.getPort() }) {
			assertThatThrownBy(() -> get(OutboundPolicy.strict(), "https://127.0.0.1:" + port))
				.isInstanceOf(OutboundRefusedException.class)
				.hasMessageNotContaining(String.valueOf(port))
				.hasMessageNotContaining("127.0.0.1");
		}
	}

	@Test
	void refuses_a_redirect_from_an_allowlisted_host_to_a_forbidden_one() {
		for (String target : List.of("http://localhost:" + this.internal.getPort() + "/actuator/prometheus",
				"https://localhost:" + this.internal.getPort() + "/actuator/prometheus",
				"http://127.0.0.2:" + this.internal.getPort() + "/actuator/prometheus")) {
			this.server.enqueue(new MockResponse.Builder().code(307).setHeader("Location", target).build());

			assertThatThrownBy(() -> get(allowing("127.0.0.1"), "http://127.0.0.1:" + this.server.getPort() + "/"))
				.as(target)
				.isInstanceOf(OutboundRefusedException.class);
		}
		assertThat(this.internal.getRequestCount()).isZero();
	}

	@Test
	void follows_redirects_between_allowed_hosts() throws IOException {
		this.server.enqueue(new MockResponse.Builder().code(302)
			.setHeader("Location", "http://127.0.0.1:" + this.internal.getPort() + "/moved")
			.build());
		this.internal.enqueue(new MockResponse.Builder().body("moved here").build());

		assertThat(get(allowing("127.0.0.1"), "http://127.0.0.1:" + this.server.getPort() + "/"))
			.isEqualTo("moved here");
	}

	@Test
	void drops_forbidden_addresses_from_a_resolved_name_and_refuses_names_with_no_public_one() throws IOException {
		InetAddress publicAddress = AddressBlock.literal("93.184.216.34");
		PolicyDns dns = new PolicyDns((host) -> switch (host) {
			case "mixed.test" -> List.of(AddressBlock.literal("10.0.0.7"), publicAddress);
			default -> List.of(AddressBlock.literal("169.254.169.254"), AddressBlock.literal("fd00:ec2::254"));
		}, Allowlist.of(List.of()));

		assertThat(dns.lookup("mixed.test")).extracting(InetAddress::getHostAddress)
			.containsExactly(publicAddress.getHostAddress());
		assertThatThrownBy(() -> dns.lookup("metadata.test")).isInstanceOf(OutboundRefusedException.class);
	}

	@Test
	void a_name_rebound_to_a_private_address_is_refused_before_connecting() {
		OutboundPolicy rebinding = new OutboundPolicy(OutboundSettings.defaults(),
				(host) -> List.of(InetAddress.getByName("127.0.0.1")));

		assertThatThrownBy(() -> get(rebinding, "https://rebind.test:" + this.server.getPort() + "/"))
			.isInstanceOf(OutboundRefusedException.class);
		assertThat(this.server.getRequestCount()).isZero();
	}

	@Test
	void cuts_an_answer_longer_than_the_limit_whether_or_not_its_length_is_declared() {
		OutboundPolicy policy = new OutboundPolicy(
				OutboundSettings.defaults().allowing("127.0.0.1").withMaxResponseBytes(1000));
		String big = "x".repeat(5000);
		this.server.enqueue(new MockResponse.Builder().body(big).build());
		this.server.enqueue(new MockResponse.Builder().chunkedBody(big, 100).build());

		assertThatThrownBy(() -> get(policy, "http://127.0.0.1:" + this.server.getPort() + "/declared"))
			.isInstanceOf(ResponseTooLargeException.class);
		assertThatThrownBy(() -> get(policy, "http://127.0.0.1:" + this.server.getPort() + "/chunked"))
			.isInstanceOf(ResponseTooLargeException.class);
	}

	@Test
	void bounds_the_time_of_a_whole_call() {
		OutboundPolicy policy = new OutboundPolicy(
				new OutboundSettings(List.of("127.0.0.1"), 1000, Duration.ofMillis(300)));
		this.server.enqueue(new MockResponse.Builder().headersDelay(10, TimeUnit.SECONDS).body("late").build());

		assertThatThrownBy(() -> get(policy, "http://127.0.0.1:" + this.server.getPort() + "/slow"))
			.isInstanceOf(InterruptedIOException.class);
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
	}

	private static OutboundPolicy allowing(String... hosts) {
		return new OutboundPolicy(OutboundSettings.defaults().allowing(hosts));
	}

	private static String get(OutboundPolicy policy, String url) throws IOException {
		OkHttpClient client = policy.client();
		try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
			return response.body().string();
		}
	}

}
