package io.herald.drivers.x;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Registers the X network unless {@code herald.drivers.x.enabled=false}. The driver is
 * registered even without a client id so that validation and the UI's counters work;
 * connecting an account then fails with a message naming the missing setting.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "herald.drivers.x.enabled", matchIfMissing = true)
@EnableConfigurationProperties(XProperties.class)
public class XAutoConfiguration {

	@Bean
	XBackend xBackend(XProperties properties, ObjectProvider<Clock> clock) {
		return new XBackend(properties, clock.getIfAvailable(Clock::systemUTC));
	}

}
