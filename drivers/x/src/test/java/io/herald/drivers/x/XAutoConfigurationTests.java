package io.herald.drivers.x;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class XAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(XAutoConfiguration.class));

	@Test
	void registers_the_driver_even_without_a_client_id() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(XBackend.class);
			XProperties properties = context.getBean(XProperties.class);
			assertThat(properties.apiBaseUrl()).isEqualTo(URI.create("https://api.x.com"));
			assertThat(properties.authorizeUrl()).isEqualTo(URI.create("https://x.com/i/oauth2/authorize"));
			assertThat(properties.clientId()).isNull();
		});
	}

	@Test
	void binds_the_settings() {
		this.runner
			.withPropertyValues("herald.drivers.x.api-base-url=http://x.internal:8080",
					"herald.drivers.x.client-id=abc", "herald.drivers.x.client-secret=shh",
					"herald.drivers.x.read-timeout=5s")
			.run((context) -> {
				XProperties properties = context.getBean(XProperties.class);
				assertThat(properties.apiBaseUrl()).isEqualTo(URI.create("http://x.internal:8080"));
				assertThat(properties.clientId()).isEqualTo("abc");
				assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(5));
				assertThat(properties.toString()).doesNotContain("shh");
			});
	}

	@Test
	void can_be_switched_off() {
		this.runner.withPropertyValues("herald.drivers.x.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(XBackend.class));
	}

	@Test
	void is_listed_for_auto_configuration() throws Exception {
		try (var in = getClass()
			.getResourceAsStream("/META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")) {
			assertThat(new String(in.readAllBytes())).contains(XAutoConfiguration.class.getName());
		}
	}

}
