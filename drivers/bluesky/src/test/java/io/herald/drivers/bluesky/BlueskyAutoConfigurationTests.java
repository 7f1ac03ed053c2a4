package io.herald.drivers.bluesky;

import java.net.URI;
import java.time.Duration;

import io.herald.drivers.spi.BaseSocialBackend;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class BlueskyAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BlueskyAutoConfiguration.class));

	@Test
	void registers_the_driver_with_defaults() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(BaseSocialBackend.class);
			assertThat(context.getBean(BaseSocialBackend.class).network()).isEqualTo("bluesky");
			BlueskyProperties properties = context.getBean(BlueskyProperties.class);
			assertThat(properties.defaultServiceUrl()).isEqualTo(URI.create("https://bsky.social"));
			assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(30));
		});
	}

	@Test
	void binds_the_service_url_and_timeouts() {
		this.runner
			.withPropertyValues("herald.drivers.bluesky.default-service-url=https://pds.example.org",
					"herald.drivers.bluesky.read-timeout=7s")
			.run((context) -> {
				BlueskyProperties properties = context.getBean(BlueskyProperties.class);
				assertThat(properties.defaultServiceUrl()).isEqualTo(URI.create("https://pds.example.org"));
				assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(7));
			});
	}

	@Test
	void can_be_switched_off() {
		this.runner.withPropertyValues("herald.drivers.bluesky.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(BaseSocialBackend.class));
	}

}
