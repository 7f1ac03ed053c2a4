package io.herald.api.security;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.herald.testing.SettableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LoginThrottleTests {

	private static final LoginThrottleProperties POLICY = new LoginThrottleProperties(Duration.ofMinutes(15), 5, 20,
			Duration.ofSeconds(2), Duration.ofMinutes(15), 1000);

	private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T10:00:00Z"));

	private final LoginThrottle throttle = new LoginThrottle(POLICY, this.clock);

	@Test
	void locks_an_account_after_its_free_failures_with_a_doubling_delay() {
		for (int i = 0; i < 6; i++) {
			this.throttle.admit("owner@example.com", "203.0.113.1");
		}
		assertThat(refusal("owner@example.com", "203.0.113.1").retryAfter()).isEqualTo(Duration.ofSeconds(2));
		this.clock.advance(Duration.ofSeconds(2));
		this.throttle.admit("owner@example.com", "203.0.113.1");
		assertThat(refusal("owner@example.com", "203.0.113.1").retryAfter()).isEqualTo(Duration.ofSeconds(4));
		this.clock.advance(Duration.ofSeconds(4));
		this.throttle.admit("owner@example.com", "203.0.113.1");
		assertThat(refusal("owner@example.com", "203.0.113.1").retryAfterSeconds()).isEqualTo(8);
	}

	@Test
	void refused_attempts_do_not_lengthen_the_lock() {
		for (int i = 0; i < 6; i++) {
			this.throttle.admit("owner@example.com", "203.0.113.1");
		}
		for (int i = 0; i < 10; i++) {
			refusal("owner@example.com", "203.0.113.1");
		}
		this.clock.advance(Duration.ofSeconds(2));
		assertThatNoException().isThrownBy(() -> this.throttle.admit("owner@example.com", "203.0.113.1"));
	}

	@Test
	void the_account_key_ignores_case_and_spaces_and_whether_the_account_exists() {
		for (int i = 0; i < 6; i++) {
			this.throttle.admit((i % 2 == 0) ? "Nobody@Example.com " : "nobody@example.com", "203.0.113." + i);
		}
		assertThat(refusal("NOBODY@example.com", "198.51.100.7").retryAfter()).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void a_success_resets_the_account_but_not_the_failures_of_the_address() {
		for (int i = 0; i < 5; i++) {
			this.throttle.admit("owner@example.com", "203.0.113.1");
		}
		this.throttle.admit("owner@example.com", "203.0.113.1").succeeded();
		for (int i = 0; i < 5; i++) {
			this.throttle.admit("owner@example.com", "203.0.113.1");
		}
		for (int i = 0; i < 10; i++) {
			this.throttle.admit("guess" + i + "@example.com", "203.0.113.1");
		}
		// 5 + 5 + 10 failures from the address are its free 20; the success is not one.
		this.throttle.admit("owner@example.com", "203.0.113.1").succeeded();
		this.throttle.admit("another@example.com", "203.0.113.1");
		assertThat(refusal("third@example.com", "203.0.113.1").retryAfter()).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void locks_an_address_that_sprays_many_accounts_but_not_other_addresses() {
		for (int i = 0; i < 21; i++) {
			this.throttle.admit("user" + i + "@example.com", "203.0.113.9");
		}
		assertThat(refusal("fresh@example.com", "203.0.113.9").retryAfter()).isEqualTo(Duration.ofSeconds(2));
		assertThatNoException().isThrownBy(() -> this.throttle.admit("fresh@example.com", "203.0.113.10"));
	}

	@Test
	void attempts_whose_outcome_is_not_known_yet_already_count() {
		// Six guesses in parallel: all admitted before any password is checked.
		for (int i = 0; i < 6; i++) {
			this.throttle.admit("owner@example.com", "203.0.113." + i);
		}
		refusal("owner@example.com", "203.0.113.200");
	}

	@Test
	void failures_older_than_the_window_no_longer_count() {
		for (int i = 0; i < 6; i++) {
			this.throttle.admit("owner@example.com", "203.0.113.1");
		}
		this.clock.advance(Duration.ofMinutes(15).plusSeconds(1));
		for (int i = 0; i < 5; i++) {
			this.throttle.admit("owner@example.com", "203.0.113.1");
		}
	}

	@Test
	void the_lock_never_exceeds_the_maximum_delay() {
		assertThat(POLICY.delay(1)).isEqualTo(Duration.ofSeconds(2));
		assertThat(POLICY.delay(9)).isEqualTo(Duration.ofSeconds(512));
		assertThat(POLICY.delay(10)).isEqualTo(Duration.ofMinutes(15));
		assertThat(POLICY.delay(1_000)).isEqualTo(Duration.ofMinutes(15));
	}

	@Test
	void an_ipv6_client_is_one_key_for_its_whole_64() {
		assertThat(LoginThrottle.addressKey("2001:db8:1:2:aaaa::1"))
			.isEqualTo(LoginThrottle.addressKey("2001:db8:1:2:bbbb:cccc:dddd:eeee"))
			.isNotEqualTo(LoginThrottle.addressKey("2001:db8:1:3::1"));
		assertThat(LoginThrottle.addressKey("203.0.113.1")).isEqualTo("203.0.113.1");
		assertThat(LoginThrottle.addressKey(null)).isEqualTo("unknown");
	}

	@Test
	void remembers_a_bounded_number_of_keys() {
		LoginThrottle small = new LoginThrottle(new LoginThrottleProperties(Duration.ofMinutes(15), 5, 20,
				Duration.ofSeconds(2), Duration.ofMinutes(15), 10), this.clock);
		for (int i = 0; i < 1000; i++) {
			small.admit("user" + i + "@example.com", "10.0." + (i / 250) + "." + (i % 250));
		}
		assertThat(small.trackedKeys()).isLessThanOrEqualTo(20);
	}

	private LoginThrottledException refusal(String email, String address) {
		LoginThrottledException refused = catchThrowableOfType(LoginThrottledException.class,
				() -> this.throttle.admit(email, address));
		assertThat(refused).as("refused " + email + " from " + address).isNotNull();
		return refused;
	}

}
