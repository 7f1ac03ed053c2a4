package io.herald.drivers.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.herald.drivers.spi.AccountSession;
import io.herald.drivers.spi.ConnectRequest;
import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.PublishException;
import io.herald.drivers.spi.PublishRequest;
import io.herald.drivers.spi.PublishResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SandboxBackendIntegrationTests {

	private static final Instant NOW = Instant.parse("2026-03-29T00:30:00Z");

	private static DataSource dataSource;

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	private final SandboxBackend backend = new SandboxBackend(dataSource, this.clock, SandboxProperties.defaults());

	@BeforeAll
	static void migrate() {
		dataSource = SandboxDatabase.migrated();
	}

	@Test
	void stores_every_publication_it_receives_even_a_repeat() throws Exception {
		AccountSession session = connect("alice-" + UUID.randomUUID(), Map.of());
		PublishRequest request = request();
		PublishResult first = this.backend.publish(request, session);
		PublishResult second = this.backend.publish(request, session);
		assertThat(first).isInstanceOf(PublishResult.Published.class);
		assertThat(((PublishResult.Published) first).remoteId())
			.isNotEqualTo(((PublishResult.Published) second).remoteId());
		assertThat(SandboxDatabase.count(dataSource, session.remoteUserId(), request.idempotencyKey())).isEqualTo(2);
	}

	@Test
	void reconcile_finds_a_publication_whose_answer_was_lost() throws Exception {
		AccountSession session = connect("bob-" + UUID.randomUUID(), Map.of("faults", "unknown_outcome=next:1"));
		PublishRequest request = request();
		assertThatExceptionOfType(PublishException.class).isThrownBy(() -> this.backend.publish(request, session))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.UNKNOWN_OUTCOME));
		assertThat(this.backend.reconcile(request, session, NOW)).isPresent();
		assertThat(this.backend.reconcile(request(), session, NOW)).isEmpty();
		assertThat(SandboxDatabase.count(dataSource, session.remoteUserId(), request.idempotencyKey())).isEqualTo(1);
	}

	@Test
	void reconcile_ignores_publications_long_before_the_attempt() throws Exception {
		AccountSession session = connect("carol-" + UUID.randomUUID(), Map.of());
		PublishRequest request = request();
		this.backend.publish(request, session);
		assertThat(this.backend.reconcile(request, session, NOW.plus(Duration.ofHours(1)))).isEmpty();
	}

	@Test
	void injected_faults_store_nothing_except_unknown_outcome() throws Exception {
		AccountSession session = connect("dave-" + UUID.randomUUID(), Map.of());
		PublishRequest request = request();
		this.backend.failNext(SandboxFault.TRANSIENT, 1);
		this.backend.failNext(SandboxFault.RATE_LIMITED, 1);
		this.backend.failNext(SandboxFault.INVALID_CONTENT, 1);
		this.backend.failNext(SandboxFault.AUTH_EXPIRED, 1);
		assertThat(kindOf(request, session)).isEqualTo(ErrorKind.TRANSIENT);
		PublishException limited = failure(request, session);
		assertThat(limited.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
		assertThat(limited.retryAt()).contains(NOW.plusSeconds(2));
		assertThat(limited.rateBudget()).hasValueSatisfying((budget) -> assertThat(budget.remaining()).isZero());
		assertThat(kindOf(request, session)).isEqualTo(ErrorKind.AUTH_EXPIRED);
		assertThat(kindOf(request, session)).isEqualTo(ErrorKind.INVALID_CONTENT);
		assertThat(SandboxDatabase.count(dataSource, session.remoteUserId(), request.idempotencyKey())).isZero();
		assertThat(this.backend.publish(request, session)).isInstanceOf(PublishResult.Published.class);
	}

	@Test
	void a_certain_fault_probability_fails_every_call() throws Exception {
		SandboxBackend flaky = new SandboxBackend(dataSource, this.clock,
				SandboxProperties.defaults().withFaults("transient=1"));
		AccountSession session = connect("erin-" + UUID.randomUUID(), Map.of());
		for (int i = 0; i < 5; i++) {
			assertThat(failureOf(flaky, request(), session).kind()).isEqualTo(ErrorKind.TRANSIENT);
		}
	}

	@Test
	void an_expired_session_is_refused_until_refreshed() throws Exception {
		AccountSession session = connect("frank-" + UUID.randomUUID(), Map.of("session-ttl", "PT1H"));
		AccountSession expired = session.withTokens("a", "r", NOW.minusSeconds(1));
		assertThat(kindOf(request(), expired)).isEqualTo(ErrorKind.AUTH_EXPIRED);
		AccountSession refreshed = this.backend.refresh(expired);
		assertThat(refreshed.accessTokenExpiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
		assertThat(this.backend.publish(request(), refreshed)).isInstanceOf(PublishResult.Published.class);
	}

	@Test
	void processing_publications_appear_after_resume() throws Exception {
		AccountSession session = connect("gina-" + UUID.randomUUID(), Map.of("faults", "processing=next:1"));
		PublishRequest request = request();
		PublishResult result = this.backend.publish(request, session);
		assertThat(result).isInstanceOf(PublishResult.InProgress.class);
		assertThat(SandboxDatabase.count(dataSource, session.remoteUserId(), request.idempotencyKey())).isZero();
		String token = ((PublishResult.InProgress) result).token();
		assertThat(this.backend.resume(request, token, session)).isInstanceOf(PublishResult.Published.class);
		assertThat(SandboxDatabase.count(dataSource, session.remoteUserId(), request.idempotencyKey())).isOne();
	}

	@Test
	void refuses_content_it_cannot_publish() throws Exception {
		AccountSession session = connect("hank-" + UUID.randomUUID(), Map.of());
		PublishRequest tooLong = PublishRequest.text("t", UUID.randomUUID().toString(), "x".repeat(501));
		assertThat(failure(tooLong, session).kind()).isEqualTo(ErrorKind.INVALID_CONTENT);
	}

	@Test
	void latency_is_simulated_but_bounded() throws Exception {
		SandboxBackend slow = new SandboxBackend(dataSource, Clock.systemUTC(),
				new SandboxProperties(true, Duration.ofMinutes(5), Duration.ofMillis(50), Duration.ofSeconds(1), null,
						SandboxProperties.ReconcileMode.KEY, Duration.ZERO, Duration.ofMinutes(1), false));
		AccountSession session = connect("ivy-" + UUID.randomUUID(), Map.of());
		long start = System.nanoTime();
		slow.publish(request(), session);
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(took).isBetween(Duration.ofMillis(50), Duration.ofSeconds(10));
	}

	@Test
	void crash_after_store_halts_once_the_publication_is_committed() throws Exception {
		SandboxBackend crashing = crashing(SandboxProperties.defaults());
		AccountSession session = connect("jack-" + UUID.randomUUID(), Map.of());
		PublishRequest request = request();
		crashing.failNext(SandboxFault.CRASH_AFTER_STORE, 1);
		assertThatExceptionOfType(Halted.class).isThrownBy(() -> crashing.publish(request, session));
		assertThat(SandboxDatabase.count(dataSource, session.remoteUserId(), request.idempotencyKey())).isOne();
		assertThat(crashing.reconcile(request, session, NOW)).isPresent();
	}

	@Test
	void crash_before_call_halts_before_anything_is_stored() throws Exception {
		SandboxBackend crashing = crashing(SandboxProperties.defaults());
		AccountSession session = connect("kate-" + UUID.randomUUID(), Map.of());
		PublishRequest request = request();
		crashing.failNext(SandboxFault.CRASH_BEFORE_CALL, 1);
		assertThatExceptionOfType(Halted.class).isThrownBy(() -> crashing.publish(request, session));
		assertThat(SandboxDatabase.count(dataSource, session.remoteUserId(), request.idempotencyKey())).isZero();
		assertThat(crashing.reconcile(request, session, NOW)).isEmpty();
	}

	@Test
	void refuses_crash_faults_unless_they_are_switched_on() {
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> new SandboxBackend(dataSource,
				this.clock, SandboxProperties.defaults().withFaults("crash_after_store=next:1")));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> connect("liam-" + UUID.randomUUID(), Map.of("faults", "crash_before_call=0.5")));
		this.backend.failNext(SandboxFault.CRASH_AFTER_STORE, 1);
		PublishRequest request = request();
		AccountSession session = new AccountSession("sandbox:mia", "mia", null, "a", "r", null, Map.of());
		assertThat(kindOf(request, session)).isEqualTo(ErrorKind.TRANSIENT);
		assertThat(SandboxDatabase.count(dataSource, session.remoteUserId(), request.idempotencyKey())).isZero();
	}

	@Test
	void timeline_reconcile_finds_a_publication_by_its_content_not_by_its_key() throws Exception {
		SandboxBackend timeline = timeline(NOW.plusSeconds(3));
		AccountSession session = connect("noah-" + UUID.randomUUID(), Map.of());
		PublishRequest sent = PublishRequest.text("t1", UUID.randomUUID().toString(),
				"Launch day " + UUID.randomUUID());
		this.backend.publish(sent, session);
		PublishRequest sameContent = PublishRequest.text("t1", UUID.randomUUID().toString(), sent.text());
		assertThat(timeline.reconcile(sameContent, session, NOW)).isPresent();
		assertThat(timeline.reconcile(PublishRequest.text("t1", sent.idempotencyKey(), "Other text"), session, NOW))
			.isEmpty();
	}

	@Test
	void timeline_reconcile_asks_to_check_again_until_the_visibility_lag_has_passed() throws Exception {
		AccountSession session = connect("olga-" + UUID.randomUUID(), Map.of());
		PublishRequest request = PublishRequest.text("t2", UUID.randomUUID().toString(), "Lag " + UUID.randomUUID());
		this.backend.publish(request, session);
		assertThatExceptionOfType(PublishException.class)
			.isThrownBy(() -> timeline(NOW.plusMillis(2999)).reconcile(request, session, NOW))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.TRANSIENT))
			.satisfies((ex) -> assertThat(ex.retryAt()).isEmpty());
		assertThat(timeline(NOW.plusSeconds(3)).reconcile(request, session, NOW)).isPresent();
	}

	@Test
	void a_call_that_outlives_the_call_timeout_stores_nothing() throws Exception {
		Clock twoSecondsPerReading = new Clock() {

			private int readings;

			@Override
			public Instant instant() {
				return NOW.plusSeconds(2L * this.readings++);
			}

			@Override
			public java.time.ZoneId getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(java.time.ZoneId zone) {
				return this;
			}

		};
		SandboxBackend slow = new SandboxBackend(dataSource, twoSecondsPerReading, timelineProperties());
		AccountSession session = connect("quinn-" + UUID.randomUUID(), Map.of());
		PublishRequest request = request();
		assertThat(failureOf(slow, request, session).kind()).isEqualTo(ErrorKind.UNKNOWN_OUTCOME);
		assertThat(SandboxDatabase.count(dataSource, session.remoteUserId(), request.idempotencyKey())).isZero();
	}

	@Test
	void timeline_reconcile_does_not_see_publications_younger_than_the_lag() throws Exception {
		AccountSession session = connect("paul-" + UUID.randomUUID(), Map.of());
		PublishRequest request = PublishRequest.text("t3", UUID.randomUUID().toString(), "Late " + UUID.randomUUID());
		timeline(NOW.plusSeconds(3)).publish(request, session);
		assertThat(timeline(NOW.plusSeconds(4)).reconcile(request, session, NOW)).isEmpty();
		assertThat(timeline(NOW.plusSeconds(5)).reconcile(request, session, NOW)).isPresent();
	}

	private SandboxBackend crashing(SandboxProperties properties) {
		return new SandboxBackend(dataSource, this.clock, properties.withCrashFaults(), () -> {
			throw new Halted();
		});
	}

	/** Reconcile by timeline; every post is visible 3 s after its attempt started. */
	private static SandboxBackend timeline(Instant now) {
		return new SandboxBackend(dataSource, Clock.fixed(now, ZoneOffset.UTC), timelineProperties());
	}

	private static SandboxProperties timelineProperties() {
		return new SandboxProperties(true, Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(2), null,
				SandboxProperties.ReconcileMode.TIMELINE, Duration.ofSeconds(2), Duration.ofSeconds(1), false);
	}

	/** What a halted JVM would never get to throw. */
	private static final class Halted extends RuntimeException {

	}

	private AccountSession connect(String handle, Map<String, String> settings) throws PublishException {
		return this.backend.connect(new ConnectRequest(handle, null, null, settings));
	}

	private static PublishRequest request() {
		String key = UUID.randomUUID().toString();
		return PublishRequest.text(key, key, "Hello from the sandbox");
	}

	private ErrorKind kindOf(PublishRequest request, AccountSession session) {
		return failure(request, session).kind();
	}

	private PublishException failure(PublishRequest request, AccountSession session) {
		return failureOf(this.backend, request, session);
	}

	private static PublishException failureOf(SandboxBackend backend, PublishRequest request, AccountSession session) {
		try {
			backend.publish(request, session);
		}
		catch (PublishException ex) {
			return ex;
		}
		throw new AssertionError("Expected the publication to fail");
	}

}
