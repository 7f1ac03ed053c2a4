package io.herald.drivers.sandbox;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Registers the sandbox network unless {@code herald.drivers.sandbox.enabled=false}. It
 * keeps its publications in Herald's own database.
 */
@AutoConfiguration(afterName = "io.herald.core.database.DatabaseConfiguration")
@ConditionalOnBooleanProperty(name = "herald.drivers.sandbox.enabled", matchIfMissing = true)
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(SandboxProperties.class)
public class SandboxAutoConfiguration {

	@Bean
	SandboxBackend sandboxBackend(DataSource dataSource, ObjectProvider<Clock> clock, SandboxProperties properties) {
		return new SandboxBackend(dataSource, clock.getIfAvailable(Clock::systemUTC), properties);
	}

}
