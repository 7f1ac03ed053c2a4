package io.herald.worker.publish;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.PublishException;
import io.herald.drivers.spi.PublishResult;
import io.herald.worker.retry.Backoff;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TargetStateMachineTests {

	private static final Instant DUE = Instant.parse("2026-03-29T01:30:00Z");

	private final TargetStateMachine machine = new TargetStateMachine(
			new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(1), () -> 0.0), 3, Duration.ofMinutes(30),
			Duration.ofHours(26));

	@Test
	void publishes_on_success_and_resumes_work_in_progress() {
		assertThat(this.machine.onResult(new PublishResult.Published("r1", URI.create("https://n/r1"))))
			.isEqualTo(new Transition.Published("r1", URI.create("https://n/r1")));
		assertThat(this.machine.onResult(new PublishResult.InProgress("tok", DUE.plusSeconds(30))))
			.isEqualTo(new Transition.Resume("tok", DUE.plusSeconds(30)));
	}

	@Test
	void retries_transient_failures_with_growing_delays() {
		Transition first = this.machine.onFailure(target(1), failure(ErrorKind.TRANSIENT), false, DUE);
		Transition second = this.machine.onFailure(target(2), failure(ErrorKind.TRANSIENT), false, DUE);
		assertThat(first).isEqualTo(new Transition.Retry(DUE.plusSeconds(1), ErrorKind.TRANSIENT, "boom", false));
		assertThat(second).isEqualTo(new Transition.Retry(DUE.plusSeconds(2), ErrorKind.TRANSIENT, "boom", false));
	}

	@Test
	void gives_up_when_the_attempts_are_used_up() {
		Transition last = this.machine.onFailure(target(3), failure(ErrorKind.TRANSIENT), false, DUE);
		assertThat(last).isInstanceOfSatisfying(Transition.Failed.class, (failed) -> {
			assertThat(failed.kind()).isEqualTo("TRANSIENT");
			assertThat(failed.reason()).contains("after 3 attempts").contains("boom");
		});
	}

	@Test
	void fails_instead_of_retrying_past_the_maximum_lateness() {
		Instant now = DUE.plus(Duration.ofMinutes(30)).minusMillis(500);
		Transition next = this.machine.onFailure(target(1), failure(ErrorKind.TRANSIENT), false, now);
		assertThat(next).isInstanceOfSatisfying(Transition.Failed.class,
				(failed) -> assertThat(failed.kind()).isEqualTo(TargetStateMachine.LATE));
	}

	@Test
	void waits_for_a_rate_limit_until_the_networks_reset_time() {
		PublishException limited = PublishException.rateLimited("slow down", DUE.plusSeconds(90));
		assertThat(this.machine.onFailure(target(1), limited, false, DUE))
			.isEqualTo(new Transition.Wait(DUE.plusSeconds(90), "slow down"));
	}

	@Test
	void a_full_quota_is_a_wait_even_with_the_attempts_used_up_and_past_the_maximum_lateness() {
		PublishException quota = PublishException.rateLimited("100 of 100 posts in 24 hours",
				DUE.plus(Duration.ofHours(5)));
		assertThat(this.machine.onFailure(target(3), quota, false, DUE.plusSeconds(1)))
			.isEqualTo(new Transition.Wait(DUE.plus(Duration.ofHours(5)), "100 of 100 posts in 24 hours"));
	}

	@Test
	void counts_the_lateness_from_the_end_of_a_rate_limit_wait() {
		Instant freed = DUE.plus(Duration.ofHours(5));
		TargetSnapshot waited = new TargetSnapshot(DUE, 0, "quota", freed, null);
		assertThat(this.machine.beforeCall(waited, freed.plusSeconds(1))).isNull();
		assertThat(this.machine.beforeCall(waited, freed.plus(Duration.ofMinutes(31)))).isNotNull()
			.satisfies((failed) -> assertThat(failed.kind()).isEqualTo(TargetStateMachine.LATE));
		assertThat(this.machine.beforeCall(target(0), freed.plusSeconds(1))).isNotNull();
	}

	@Test
	void never_fails_a_publication_the_network_is_still_processing_for_lateness() {
		TargetSnapshot processing = new TargetSnapshot(DUE, 0, null, null, null);
		assertThat(this.machine.beforeCall(processing, DUE.plus(Duration.ofHours(3)))).isNull();
	}

	@Test
	void a_workspaces_own_maximum_lateness_wins_over_the_nodes() {
		TargetSnapshot patient = new TargetSnapshot(DUE, 0, null, DUE, Duration.ofHours(6));
		assertThat(this.machine.beforeCall(patient, DUE.plus(Duration.ofHours(5)))).isNull();
		assertThat(this.machine.onFailure(new TargetSnapshot(DUE, 1, null, DUE, Duration.ofHours(6)),
				new PublishException(ErrorKind.TRANSIENT, "boom"), false, DUE.plus(Duration.ofHours(5))))
			.isInstanceOf(Transition.Retry.class);
		TargetSnapshot strict = new TargetSnapshot(DUE, 0, null, DUE, Duration.ofMinutes(5));
		assertThat(this.machine.beforeCall(strict, DUE.plus(Duration.ofMinutes(6)))).isNotNull()
			.satisfies((failed) -> assertThat(failed.reason()).contains("PT5M"));
	}

	@Test
	void fails_as_late_a_rate_limit_that_frees_beyond_the_maximum_wait() {
		PublishException forever = PublishException.rateLimited("suspended", DUE.plus(Duration.ofHours(27)));
		assertThat(this.machine.onFailure(target(1), forever, false, DUE)).isInstanceOfSatisfying(
				Transition.Failed.class, (failed) -> assertThat(failed.kind()).isEqualTo(TargetStateMachine.LATE));
	}

	@Test
	void refreshes_an_expired_session_once_then_backs_off() {
		assertThat(this.machine.onFailure(target(1), failure(ErrorKind.AUTH_EXPIRED), false, DUE))
			.isInstanceOf(Transition.RefreshAndRetry.class);
		assertThat(this.machine.onFailure(target(2), failure(ErrorKind.AUTH_EXPIRED), true, DUE))
			.isInstanceOf(Transition.Retry.class);
	}

	@Test
	void asks_for_a_reconnect_when_access_is_revoked() {
		assertThat(this.machine.onFailure(target(1), failure(ErrorKind.AUTH_REVOKED), false, DUE))
			.isInstanceOfSatisfying(Transition.Reconnect.class,
					(reconnect) -> assertThat(reconnect.reason()).contains("reconnected").contains("boom"));
	}

	@Test
	void fails_refused_and_duplicate_content_at_once() {
		assertThat(this.machine.onFailure(target(1), failure(ErrorKind.INVALID_CONTENT), false, DUE))
			.isEqualTo(new Transition.Failed("INVALID_CONTENT", "boom", false));
		assertThat(this.machine.onFailure(target(1), failure(ErrorKind.DUPLICATE), false, DUE))
			.isEqualTo(new Transition.Failed("DUPLICATE", "boom", false));
	}

	@Test
	void clears_the_uncertainty_only_on_an_answer_that_proves_the_call_refused() {
		assertThat(this.machine.onFailure(target(1), failure(ErrorKind.AUTH_REVOKED), false, DUE))
			.isInstanceOfSatisfying(Transition.Reconnect.class,
					(reconnect) -> assertThat(reconnect.uncertain()).isFalse());
		assertThat(this.machine.onFailure(target(3), failure(ErrorKind.TRANSIENT), false, DUE))
			.isInstanceOfSatisfying(Transition.Failed.class, (failed) -> assertThat(failed.uncertain()).isFalse());
		assertThat(this.machine.beforeCall(target(3), DUE).uncertain()).isTrue();
		assertThat(this.machine.beforeCall(target(0), DUE.plus(Duration.ofHours(1))).uncertain()).isTrue();
	}

	@Test
	void keeps_the_uncertainty_when_access_is_revoked_during_a_reconcile() {
		assertThat(this.machine.onReconcileFailure(target(1), failure(ErrorKind.AUTH_REVOKED), false, DUE))
			.isInstanceOfSatisfying(Transition.Reconnect.class, (reconnect) -> {
				assertThat(reconnect.uncertain()).isTrue();
				assertThat(reconnect.reason()).contains("reconnected").contains("boom");
			});
	}

	@Test
	void backs_off_a_failed_reconcile_like_a_publish_and_counts_it() {
		assertThat(this.machine.onReconcileFailure(target(0), failure(ErrorKind.TRANSIENT), false, DUE))
			.isEqualTo(new Transition.Recheck(DUE.plusSeconds(1), ErrorKind.TRANSIENT,
					"Could not check whether an earlier attempt went through: boom"));
		assertThat(this.machine.onReconcileFailure(target(1), failure(ErrorKind.UNKNOWN_OUTCOME), false, DUE))
			.isInstanceOfSatisfying(Transition.Recheck.class,
					(recheck) -> assertThat(recheck.at()).isEqualTo(DUE.plusSeconds(2)));
	}

	@Test
	void honours_the_networks_retry_time_when_a_reconcile_is_rate_limited() {
		PublishException limited = PublishException.rateLimited("slow down", DUE.plusSeconds(90));
		assertThat(this.machine.onReconcileFailure(target(1), limited, false, DUE)).isInstanceOfSatisfying(
				Transition.Recheck.class, (recheck) -> assertThat(recheck.at()).isEqualTo(DUE.plusSeconds(90)));
	}

	@Test
	void stops_rechecking_when_the_attempts_or_the_window_are_used_up_but_stays_uncertain() {
		assertThat(this.machine.onReconcileFailure(target(2), failure(ErrorKind.TRANSIENT), false, DUE))
			.isInstanceOfSatisfying(Transition.Failed.class, (failed) -> {
				assertThat(failed.uncertain()).isTrue();
				assertThat(failed.reason()).contains("after 3 attempts").contains("Could not check");
			});
		PublishException limited = PublishException.rateLimited("slow down", DUE.plus(Duration.ofHours(1)));
		assertThat(this.machine.onReconcileFailure(target(0), limited, false, DUE))
			.isInstanceOfSatisfying(Transition.Failed.class, (failed) -> {
				assertThat(failed.kind()).isEqualTo(TargetStateMachine.LATE);
				assertThat(failed.uncertain()).isTrue();
			});
	}

	@Test
	void refreshes_an_expired_session_once_before_reconciling_again() {
		assertThat(this.machine.onReconcileFailure(target(1), failure(ErrorKind.AUTH_EXPIRED), false, DUE))
			.isInstanceOf(Transition.RefreshAndRetry.class);
		assertThat(this.machine.onReconcileFailure(target(1), failure(ErrorKind.AUTH_EXPIRED), true, DUE))
			.isInstanceOf(Transition.Recheck.class);
	}

	@Test
	void fails_a_publication_that_ran_out_of_memory_with_a_clear_reason_and_stays_uncertain() {
		Transition.Failed failed = this.machine.onError(new OutOfMemoryError("Java heap space"));
		assertThat(failed.kind()).isEqualTo(TargetStateMachine.INTERNAL);
		assertThat(failed.reason()).contains("ran out of memory preparing its media");
		assertThat(failed.uncertain()).isTrue();
	}

	@Test
	void never_gives_up_on_an_unknown_outcome_before_reconciling() {
		Transition next = this.machine.onFailure(target(3), failure(ErrorKind.UNKNOWN_OUTCOME), false,
				DUE.plus(Duration.ofHours(5)));
		assertThat(next).isInstanceOfSatisfying(Transition.Retry.class,
				(retry) -> assertThat(retry.uncertain()).isTrue());
	}

	@Test
	void checks_window_and_attempts_before_each_call() {
		assertThat(this.machine.beforeCall(target(0), DUE.plus(Duration.ofMinutes(30)))).isNull();
		assertThat(this.machine.beforeCall(target(0), DUE.plus(Duration.ofMinutes(30)).plusMillis(1)).kind())
			.isEqualTo(TargetStateMachine.LATE);
		assertThat(this.machine.beforeCall(target(3), DUE).kind()).isEqualTo(TargetStateMachine.EXHAUSTED);
	}

	private static TargetSnapshot target(int attempts) {
		return new TargetSnapshot(DUE, attempts, "boom");
	}

	private static PublishException failure(ErrorKind kind) {
		return new PublishException(kind, "boom");
	}

}
