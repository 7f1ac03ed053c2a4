package io.herald.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TargetTests {

	@Test
	void a_row_meets_its_target_only_when_the_run_was_correct() {
		Row fast = Row.of("3", "sustained throughput", 3500, "posts/s").target(Target.atLeast(3000));
		assertThat(fast.met()).isTrue();
		assertThat(fast.failed("duplicates").met()).isFalse();
		assertThat(fast.failed("duplicates").metText()).isEqualTo("FAILED");
	}

	@Test
	void an_upper_bound_is_met_at_the_threshold_and_missed_above() {
		assertThat(Row.of("6", "p95", 20, "ms").target(Target.atMost(20)).met()).isTrue();
		assertThat(Row.of("6", "p95", 20.5, "ms").target(Target.atMost(20)).met()).isFalse();
	}

	@Test
	void a_missing_value_is_not_measured_rather_than_met() {
		Row missing = Row.of("3", "ratio", Double.NaN, "×").target(Target.atLeast(1));
		assertThat(missing.met()).isNull();
		assertThat(missing.metText()).isEqualTo("n/a");
		assertThat(missing.valueText()).isEqualTo("n/a");
		assertThat(missing.failed("run broke").met()).isFalse();
	}

	@Test
	void describes_the_target_in_the_rows_unit() {
		assertThat(Target.atLeast(3000).describe("posts/s")).isEqualTo("≥ 3,000 posts/s");
		assertThat(Target.atMost(0.6).describe("×")).isEqualTo("≤ 0.60 ×");
	}

}
