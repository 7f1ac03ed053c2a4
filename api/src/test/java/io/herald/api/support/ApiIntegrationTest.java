package io.herald.api.support;

import java.net.URI;

import org.junit.jupiter.api.BeforeEach;

import io.herald.api.HeraldApplication;
import io.herald.drivers.instagram.FakeGraphApi;
import io.herald.drivers.x.FakeXServer;
import io.herald.testing.SharedPostgres;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on a free port, on the shared embedded Postgres, driven over real
 * HTTP, with the network drivers pointed at test servers. Every class gets its own users
 * and workspaces from {@link Fixtures}, so classes do not depend on each other's data.
 */
@SpringBootTest(classes = HeraldApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "herald.data-dir=target/test-data", "herald.database.data-dir=target/test-data",
				"herald.admin.email=admin@test.local", "herald.admin.password=admin-password-for-tests",
				// An external database (the shared one) needs an explicit key.
				"herald.secret-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
				// Production skips this at startup (Flyway owns the schema); the tests
				// still check that every entity matches it.
				"spring.jpa.hibernate.ddl-auto=validate",
				// Every test signs in from 127.0.0.1; the throttle tests use forwarded
				// addresses of their own, so other tests' wrong passwords lock nothing.
				"herald.login.throttle.address-free-failures=1000" })
@org.springframework.context.annotation.Import({ Fixtures.class, ApiIntegrationTest.TestNetworks.class })
public abstract class ApiIntegrationTest {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		SharedPostgres.registerProperties(registry);
	}

	/**
	 * The real drivers talk to the networks' test servers, and Herald listens on a port
	 * known before it starts, so that its public media links reach it. Every API test
	 * shares this, which keeps the module at one application context: the end-to-end
	 * network tests cost no context start of their own.
	 */
	@DynamicPropertySource
	static void networks(DynamicPropertyRegistry registry) {
		NetworkServers servers = NetworkServers.get();
		registry.add("server.port", () -> servers.heraldPort);
		registry.add("herald.public-url", servers::heraldUrl);
		registry.add("herald.media.public-url", servers::heraldUrl);
		URI x = servers.x.baseUrl();
		registry.add("herald.drivers.x.api-base-url", x::toString);
		registry.add("herald.drivers.x.authorize-url", () -> x.resolve("/i/oauth2/authorize").toString());
		registry.add("herald.drivers.x.client-id", () -> FakeXServer.CLIENT_ID);
		registry.add("herald.drivers.x.client-secret", () -> FakeXServer.CLIENT_SECRET);
		URI graph = servers.instagram.baseUrl();
		registry.add("herald.drivers.instagram.graph-base-url", graph::toString);
		registry.add("herald.drivers.instagram.oauth-base-url", graph::toString);
		registry.add("herald.drivers.instagram.authorize-url", () -> graph.resolve("/oauth/authorize").toString());
		registry.add("herald.drivers.instagram.app-id", () -> FakeGraphApi.APP_ID);
		registry.add("herald.drivers.instagram.app-secret", () -> FakeGraphApi.APP_SECRET);
		// Containers of the fake are ready at once; the default 15 s would only slow
		// tests.
		registry.add("herald.drivers.instagram.poll-interval", () -> "1s");
		registry.add("herald.drivers.bluesky.link-cards", () -> "false");
		// The local PDS listens on http://localhost: allowlisted as an operator
		// allowlists
		// a self-hosted PDS. Everything else local stays refused.
		registry.add("herald.outbound.allowed-hosts", () -> "localhost");
	}

	@LocalServerPort
	protected int port;

	@Autowired
	protected Fixtures fixtures;

	protected Api api;

	/** Test-only networks shared by every API test (one Spring context for all). */
	@org.springframework.boot.test.context.TestConfiguration(proxyBeanMethods = false)
	static class TestNetworks {

		// Primary: the token network below is one too.
		@org.springframework.context.annotation.Bean
		@org.springframework.context.annotation.Primary
		TestOAuthNetwork testOAuthNetwork() {
			return new TestOAuthNetwork();
		}

		@org.springframework.context.annotation.Bean
		TestTokenNetwork testTokenNetwork() {
			return new TestTokenNetwork();
		}

	}

	@BeforeEach
	void client() {
		this.api = new Api("http://localhost:" + this.port);
	}

}
