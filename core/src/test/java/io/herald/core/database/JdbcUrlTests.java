package io.herald.core.database;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JdbcUrlTests {

	@Test
	void keeps_a_jdbc_url_as_it_is() {
		JdbcUrl url = JdbcUrl.parse("jdbc:postgresql://db:5432/herald", "u", "p");
		assertThat(url.url()).isEqualTo("jdbc:postgresql://db:5432/herald");
		assertThat(url.username()).isEqualTo("u");
	}

	@Test
	void turns_a_platform_postgres_url_into_jdbc_with_credentials() {
		JdbcUrl url = JdbcUrl.parse("postgres://herald:s%40cret@db.example:6543/prod?sslmode=require", null, null);
		assertThat(url.url()).isEqualTo("jdbc:postgresql://db.example:6543/prod?sslmode=require");
		assertThat(url.username()).isEqualTo("herald");
		assertThat(url.password()).isEqualTo("s@cret");
		assertThat(url.toString()).doesNotContain("s@cret");
	}

	@Test
	void explicit_credentials_win_over_the_url() {
		JdbcUrl url = JdbcUrl.parse("postgresql://a:b@db/herald", "admin", "pw");
		assertThat(url.url()).isEqualTo("jdbc:postgresql://db:5432/herald");
		assertThat(url.username()).isEqualTo("admin");
		assertThat(url.password()).isEqualTo("pw");
	}

	@Test
	void rejects_other_schemes_with_a_clear_message() {
		assertThatIllegalArgumentException().isThrownBy(() -> JdbcUrl.parse("mysql://db/x", null, null))
			.withMessageContaining("DATABASE_URL");
	}

}
