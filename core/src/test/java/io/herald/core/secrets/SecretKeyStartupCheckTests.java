package io.herald.core.secrets;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class SecretKeyStartupCheckTests {

	@Test
	void an_external_database_without_a_key_stops_the_start_with_one_line_before_any_connection(@TempDir Path dir,
			CapturedOutput output) {
		SpringApplication application = new SpringApplication(Empty.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		// Nothing listens on port 1: reaching the database would log a wait, then fail.
		assertThatThrownBy(() -> application.run("--herald.database.url=jdbc:postgresql://127.0.0.1:1/herald",
				"--herald.data-dir=" + dir, "--herald.database.data-dir=" + dir))
			.isInstanceOf(MissingSecretKeyException.class);
		assertThat(output.toString()).contains("APPLICATION FAILED TO START")
			.contains("HERALD_SECRET_KEY is not set. With DATABASE_URL")
			.contains("openssl rand -base64 32")
			.doesNotContain("\tat ")
			.doesNotContain("Waiting for database")
			.doesNotContain("Embedded Postgres");
		assertThat(dir.resolve("secret.key")).doesNotExist();
		assertThat(dir.resolve("pg")).doesNotExist();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Empty {

	}

}
