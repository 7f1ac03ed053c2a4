package io.herald.core.outbound;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.herald.drivers.support.outbound.OutboundPolicy;
import io.herald.drivers.support.outbound.OutboundSettings;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class OutboundConfigurationTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OutboundConfiguration.class));

	@Test
	void builds_the_strict_policy_when_nothing_is_set() {
		this.context.run((context) -> assertThat(context.getBean(OutboundPolicy.class).settings())
			.isEqualTo(OutboundSettings.defaults()));
	}

	@Test
	void binds_the_allowlist_and_limits() {
		this.context
			.withPropertyValues("herald.outbound.allowed-hosts=pds.example.lan, 10.1.2.0/24",
					"herald.outbound.max-response-size=2MB", "herald.outbound.call-timeout=15s")
			.run((context) -> assertThat(context.getBean(OutboundPolicy.class).settings())
				.isEqualTo(new OutboundSettings(java.util.List.of("pds.example.lan", "10.1.2.0/24"), 2 * 1024 * 1024,
						Duration.ofSeconds(15))));
	}

	@Test
	void refuses_to_start_with_a_malformed_allowlist_entry() {
		this.context.withPropertyValues("herald.outbound.allowed-hosts=10.0.0.0/33")
			.run((context) -> assertThat(context).hasFailed());
	}

}
