package io.herald.api.security;

import org.junit.jupiter.api.Test;

import io.herald.api.support.ApiIntegrationTest;
import io.herald.api.support.Fixtures.Tenant;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHashingIntegrationTests extends ApiIntegrationTest {

	private static final String OWASP_MINIMUM = "$argon2id$v=19$m=19456,t=2,p=1$";

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void passwords_are_hashed_with_argon2id_at_least_at_the_owasp_minimum() {
		Tenant tenant = this.fixtures.tenant(this.api);
		assertThat(hashOf(tenant)).startsWith(OWASP_MINIMUM);
	}

	@Test
	void a_weaker_hash_is_replaced_at_the_next_sign_in() {
		Tenant tenant = this.fixtures.tenant(this.api);
		String weak = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(tenant.password());
		assertThat(weak).startsWith("$argon2id$v=19$m=16384,t=2,p=1$");
		this.jdbc.update("UPDATE app_user SET password_hash = ? WHERE id = ?", weak, tenant.userId());

		assertThat(this.api.post("/api/v1/auth/tokens")
			.basic(tenant.email(), tenant.password())
			.json("{\"name\":\"upgrade\"}")
			.send()
			.status()).isEqualTo(201);
		assertThat(hashOf(tenant)).startsWith(OWASP_MINIMUM);
		assertThat(this.api.post("/api/v1/auth/tokens")
			.basic(tenant.email(), tenant.password())
			.json("{\"name\":\"again\"}")
			.send()
			.status()).isEqualTo(201);
	}

	private String hashOf(Tenant tenant) {
		return this.jdbc.queryForObject("SELECT password_hash FROM app_user WHERE id = ?", String.class,
				tenant.userId());
	}

}
