package io.herald.api.support;

import org.junit.jupiter.api.BeforeEach;

import io.herald.api.HeraldApplication;
import io.herald.testing.SharedPostgres;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on a random port, on the shared embedded Postgres, driven over
 * real HTTP. Every class gets its own users and workspaces from {@link Fixtures}, so
 * classes do not depend on each other's data.
 */
@SpringBootTest(classes = HeraldApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "herald.data-dir=target/test-data", "herald.database.data-dir=target/test-data",
				"herald.admin.email=admin@test.local", "herald.admin.password=admin-password-for-tests" })
@org.springframework.context.annotation.Import({ Fixtures.class, ApiIntegrationTest.TestNetworks.class })
public abstract class ApiIntegrationTest {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		SharedPostgres.registerProperties(registry);
	}

	@LocalServerPort
	protected int port;

	@Autowired
	protected Fixtures fixtures;

	protected Api api;

	/** Test-only networks shared by every API test (one Spring context for all). */
	@org.springframework.boot.test.context.TestConfiguration(proxyBeanMethods = false)
	static class TestNetworks {

		@org.springframework.context.annotation.Bean
		TestOAuthNetwork testOAuthNetwork() {
			return new TestOAuthNetwork();
		}

	}

	@BeforeEach
	void client() {
		this.api = new Api("http://localhost:" + this.port);
	}

}
