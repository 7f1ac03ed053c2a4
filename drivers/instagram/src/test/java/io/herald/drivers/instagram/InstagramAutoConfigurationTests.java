package io.herald.drivers.instagram;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class InstagramAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(InstagramAutoConfiguration.class));

	@Test
	void registers_the_driver_with_official_defaults() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(InstagramBackend.class);
			InstagramProperties properties = context.getBean(InstagramProperties.class);
			assertThat(properties.graphBaseUrl()).isEqualTo(URI.create("https://graph.instagram.com"));
			assertThat(properties.apiVersion()).isEqualTo("v23.0");
			assertThat(context.getBean(InstagramBackend.class).oauth()).isEmpty();
		});
	}

	@Test
	void binds_the_settings_the_environment_maps_to() {
		this.runner
			.withPropertyValues("herald.drivers.instagram.graph-base-url=http://127.0.0.1:9/",
					"herald.drivers.instagram.app-id=123", "herald.drivers.instagram.app-secret=s3cret",
					"herald.drivers.instagram.poll-interval=5s")
			.run((context) -> {
				InstagramProperties properties = context.getBean(InstagramProperties.class);
				assertThat(properties.graphBaseUrl()).isEqualTo(URI.create("http://127.0.0.1:9/"));
				assertThat(properties.pollInterval()).isEqualTo(Duration.ofSeconds(5));
				assertThat(properties.toString()).doesNotContain("s3cret");
				assertThat(context.getBean(InstagramBackend.class).oauth()).isPresent();
			});
	}

	@Test
	void can_be_switched_off() {
		this.runner.withPropertyValues("herald.drivers.instagram.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(InstagramBackend.class));
	}

}
