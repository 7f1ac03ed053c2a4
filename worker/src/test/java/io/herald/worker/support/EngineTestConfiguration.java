package io.herald.worker.support;

import java.time.Instant;

import javax.sql.DataSource;

import io.herald.worker.accounts.AccountSessions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A settable clock for the whole engine, and sessions read from the account rows.
 */
@TestConfiguration(proxyBeanMethods = false)
public class EngineTestConfiguration {

	@Bean
	MutableClock clock() {
		return new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
	}

	@Bean
	AccountSessions accountSessions(DataSource dataSource) {
		return new TestAccountSessions(dataSource);
	}

	@Bean
	MeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

	@Bean
	Fixtures fixtures(DataSource dataSource) {
		return new Fixtures(dataSource);
	}

}
