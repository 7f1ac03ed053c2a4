package io.herald.drivers.instagram;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Registers the Instagram network unless {@code herald.drivers.instagram.enabled=false}.
 * Without an app id and secret only token connection is offered.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "herald.drivers.instagram.enabled", matchIfMissing = true)
@EnableConfigurationProperties(InstagramProperties.class)
public class InstagramAutoConfiguration {

	@Bean
	InstagramBackend instagramBackend(InstagramProperties properties, ObjectProvider<Clock> clock) {
		return new InstagramBackend(properties, InstagramBackend.httpClient(properties),
				clock.getIfAvailable(Clock::systemUTC));
	}

}
