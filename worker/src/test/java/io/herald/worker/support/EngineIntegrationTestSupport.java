package io.herald.worker.support;

import java.time.Duration;
import java.util.UUID;

import io.herald.testing.SharedPostgres;
import io.herald.worker.WorkerApplication;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One engine per test JVM (every integration test class shares this exact configuration,
 * so Spring caches one context) on the shared embedded Postgres, with a settable clock
 * and short intervals.
 */
@SpringBootTest(classes = WorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "herald.worker.dispatch-interval=100ms", "herald.worker.sweep-interval=300ms",
				"herald.worker.lease=10s", "herald.worker.backoff-base=1s", "herald.worker.backoff-max=4s",
				"herald.worker.max-lateness=1h", "herald.worker.max-attempts=4",
				"herald.drivers.sandbox.retry-after=3s", "herald.worker.shutdown-grace=2s",
				"herald.data-dir=target/test-data", "herald.secret-key=" + EngineIntegrationTestSupport.TEST_KEY,
				"spring.main.web-application-type=none" })
@Import(EngineTestConfiguration.class)
public abstract class EngineIntegrationTestSupport {

	static final String TEST_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

	/** Keeps this JVM's Quartz cluster apart from any other on the same database. */
	private static final String SCHEDULER = "herald-test-" + UUID.randomUUID();

	@Autowired
	protected MutableClock clock;

	@Autowired
	protected Fixtures fixtures;

	@Autowired
	protected MeterRegistry meters;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		SharedPostgres.registerProperties(registry);
		registry.add("spring.quartz.scheduler-name", () -> SCHEDULER);
	}

	@BeforeEach
	void resetDatabase() {
		SharedPostgres.truncateHeraldTables();
	}

	/** Waits until the dispatchers have run a few more claims, whatever they found. */
	protected void awaitDispatcherFires(int fires) {
		long start = claims();
		await(fires + " dispatcher claims", () -> claims() >= start + fires);
	}

	private long claims() {
		var summary = this.meters.find("herald.publish.claim.batch").summary();
		return (summary != null) ? summary.count() : 0;
	}

	protected void awaitStatus(java.util.UUID targetId, String status) {
		await("target " + targetId + " is " + status, () -> status.equals(this.fixtures.status(targetId)));
	}

	/** Waits for the engine; generous because CI boxes are shared and slow. */
	protected void await(String what, java.util.function.BooleanSupplier condition) {
		Poll.until(Duration.ofSeconds(60), what, condition, this::diagnostics);
	}

	private String diagnostics() {
		return "\ntargets: " + this.fixtures.jdbc().queryForList("SELECT * FROM post_target") + "\nactivity: "
				+ this.fixtures.jdbc()
					.queryForList("SELECT pid, state, wait_event_type, wait_event, now() - xact_start AS age, query"
							+ " FROM pg_stat_activity WHERE datname = current_database()")
				+ "\ntriggers: " + this.fixtures.jdbc()
					.queryForList("SELECT trigger_name, trigger_state, next_fire_time FROM qrtz_triggers");
	}

}
