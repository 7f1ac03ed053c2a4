package io.herald.worker.support;

import java.time.Instant;

import javax.sql.DataSource;

import io.herald.core.accounts.AccountSessionStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A settable clock for the whole engine, and test data helpers.
 */
@TestConfiguration(proxyBeanMethods = false)
public class EngineTestConfiguration {

	@Bean
	MutableClock clock() {
		return new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
	}

	@Bean
	MeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

	@Bean
	Fixtures fixtures(DataSource dataSource, AccountSessionStore sessions) {
		return new Fixtures(dataSource, sessions);
	}

}
