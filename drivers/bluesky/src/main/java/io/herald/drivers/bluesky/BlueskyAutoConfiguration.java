package io.herald.drivers.bluesky;

import java.time.Clock;

import io.herald.drivers.support.outbound.OutboundPolicy;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Registers the Bluesky network unless {@code herald.drivers.bluesky.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "herald.drivers.bluesky.enabled", matchIfMissing = true)
@EnableConfigurationProperties(BlueskyProperties.class)
public class BlueskyAutoConfiguration {

	@Bean
	BlueskyBackend blueskyBackend(BlueskyProperties properties, ObjectProvider<OutboundPolicy> outbound,
			ObjectProvider<Clock> clock) {
		// Accounts choose their own PDS, so every call obeys the application's outbound
		// policy; without one, the strict default.
		return new BlueskyBackend(properties, outbound.getIfAvailable(OutboundPolicy::strict),
				clock.getIfAvailable(Clock::systemUTC));
	}

}
