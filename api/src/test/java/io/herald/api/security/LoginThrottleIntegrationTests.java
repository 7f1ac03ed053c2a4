package io.herald.api.security;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.herald.api.support.Api;
import io.herald.api.support.ApiIntegrationTest;
import io.herald.api.support.Fixtures.Tenant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each test signs in from an address of its own (X-Forwarded-For from 127.0.0.1, a
 * trusted proxy), so the address counts of different tests never meet.
 */
class LoginThrottleIntegrationTests extends ApiIntegrationTest {

	private final String address = "198.51.100." + (1 + (UUID.randomUUID().hashCode() & 0x7f));

	@Test
	void fifteen_wrong_passwords_end_in_a_429_that_the_right_password_gets_too() {
		Tenant tenant = this.fixtures.tenant(this.api);
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 15; i++) {
			statuses.add(createToken(tenant.email(), "wrong-password-" + i).status());
		}
		assertThat(statuses.subList(0, 6)).containsOnly(401);
		assertThat(statuses.subList(6, 15)).contains(429);

		Api.Response right = createToken(tenant.email(), tenant.password());
		assertThat(right.status()).as(right.toString()).isEqualTo(429);
		assertThat(right.contentType()).startsWith("application/problem+json");
		JsonNode problem = right.json();
		assertThat(problem.get("type").asString()).isEqualTo("/problems/login-throttled");
		assertThat(problem.get("detail").asString()).startsWith("Too many failed sign-ins.");
		long retryAfter = Long.parseLong(right.header("Retry-After"));
		assertThat(retryAfter).isPositive();
		assertThat(problem.get("retryAfterSeconds").asLong()).isEqualTo(retryAfter);
	}

	@Test
	void unknown_emails_get_the_same_answers_as_known_ones() {
		Tenant tenant = this.fixtures.tenant(this.api);
		String unknown = "nobody-" + UUID.randomUUID() + "@test.local";
		Api.Response known = createToken(tenant.email(), "wrong-password");
		Api.Response missing = createToken(unknown, "wrong-password");
		assertThat(missing.status()).isEqualTo(known.status()).isEqualTo(401);
		assertThat(missing.json().get("detail")).isEqualTo(known.json().get("detail"));
		for (int i = 0; i < 5; i++) {
			createToken(unknown, "wrong-password");
		}
		assertThat(createToken(unknown, "wrong-password").status()).isEqualTo(429);
	}

	@Test
	void a_successful_sign_in_starts_the_account_afresh() {
		Tenant tenant = this.fixtures.tenant(this.api);
		for (int round = 0; round < 3; round++) {
			for (int i = 0; i < 5; i++) {
				assertThat(createToken(tenant.email(), "wrong-password").status()).isEqualTo(401);
			}
			assertThat(createToken(tenant.email(), tenant.password()).status()).isEqualTo(201);
		}
	}

	@Test
	void basic_is_refused_everywhere_but_token_creation_and_counts_as_no_attempt() {
		Tenant tenant = this.fixtures.tenant(this.api);
		for (Api.Call call : List.of(this.api.get("/api/v1/me"), this.api.get("/api/v1/auth/tokens"),
				this.api.get("/%61pi/v1/me"), this.api.call("DELETE", "/api/v1/auth/tokens/" + UUID.randomUUID()),
				this.api.get("/"), this.api.get("/compose"))) {
			Api.Response response = call.basic(tenant.email(), tenant.password())
				.header("X-Forwarded-For", this.address)
				.send();
			assertThat(response.status()).as(response.toString()).isEqualTo(401);
			assertThat(response.contentType()).startsWith("application/problem+json");
			assertThat(response.json().get("detail").asString()).contains("only on POST /api/v1/auth/tokens");
		}
		for (int i = 0; i < 10; i++) {
			assertThat(this.api.get("/api/v1/posts")
				.basic(tenant.email(), "wrong-password")
				.header("X-Forwarded-For", this.address)
				.send()
				.status()).isEqualTo(401);
		}
		// Had those been checked, the account would be locked by now.
		assertThat(createToken(tenant.email(), tenant.password()).status()).isEqualTo(201);
		assertThat(this.api.get("/api/v1/me").token(tenant.token()).send().status()).isEqualTo(200);
	}

	private Api.Response createToken(String email, String password) {
		return this.api.post("/api/v1/auth/tokens")
			.basic(email, password)
			.header("X-Forwarded-For", this.address)
			.json("{\"name\":\"throttled\"}")
			.send();
	}

}
