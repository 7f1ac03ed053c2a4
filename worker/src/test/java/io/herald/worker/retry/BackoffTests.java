package io.herald.worker.retry;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTests {

	@Test
	void doubles_the_delay_after_each_failure_up_to_the_maximum() {
		Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(30), () -> 0.999999);
		assertThat(backoff.delay(1)).isBetween(Duration.ofMillis(1999), Duration.ofSeconds(2));
		assertThat(backoff.delay(2)).isBetween(Duration.ofMillis(3999), Duration.ofSeconds(4));
		assertThat(backoff.delay(4)).isBetween(Duration.ofMillis(15999), Duration.ofSeconds(16));
		assertThat(backoff.delay(5)).isEqualTo(Duration.ofSeconds(30).minusMillis(1));
		assertThat(backoff.delay(80)).isLessThanOrEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void jitter_keeps_at_least_half_of_the_delay() {
		Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(30), () -> 0.0);
		assertThat(backoff.delay(1)).isEqualTo(Duration.ofSeconds(1));
		assertThat(backoff.delay(3)).isEqualTo(Duration.ofSeconds(4));
	}

}
