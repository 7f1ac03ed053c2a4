package io.herald.drivers.sandbox;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;

/**
 * Registers the sandbox network unless {@code herald.drivers.sandbox.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "herald.drivers.sandbox.enabled", matchIfMissing = true)
public class SandboxAutoConfiguration {

	@Bean
	SandboxBackend sandboxBackend(ObjectProvider<Clock> clock) {
		return new SandboxBackend(clock.getIfAvailable(Clock::systemUTC));
	}

}
