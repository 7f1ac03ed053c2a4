package io.herald.bench;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PercentilesTests {

	@Test
	void uses_the_nearest_rank_of_one_to_a_hundred() {
		double[] values = IntStream.rangeClosed(1, 100).mapToDouble((i) -> 101 - i).toArray();
		Percentiles percentiles = Percentiles.of(values);
		assertThat(percentiles.count()).isEqualTo(100);
		assertThat(percentiles.p50()).isEqualTo(50);
		assertThat(percentiles.p95()).isEqualTo(95);
		assertThat(percentiles.p99()).isEqualTo(99);
		assertThat(percentiles.max()).isEqualTo(100);
	}

	@Test
	void a_few_slow_values_show_in_the_tail_and_not_in_the_median() {
		double[] values = new double[1000];
		java.util.Arrays.fill(values, 2.0);
		for (int i = 0; i < 20; i++) {
			values[i * 50] = 900.0;
		}
		Percentiles percentiles = Percentiles.of(values);
		assertThat(percentiles.p50()).isEqualTo(2.0);
		assertThat(percentiles.p95()).isEqualTo(2.0);
		assertThat(percentiles.p99()).isEqualTo(900.0);
		assertThat(percentiles.max()).isEqualTo(900.0);
	}

	@Test
	void does_not_reorder_the_callers_values() {
		double[] values = { 3, 1, 2 };
		Percentiles.of(values);
		assertThat(values).containsExactly(3, 1, 2);
	}

	@Test
	void is_all_zero_without_values() {
		assertThat(Percentiles.of(new double[0])).isEqualTo(new Percentiles(0, 0, 0, 0, 0));
	}

	@Test
	void a_single_value_is_every_percentile() {
		assertThat(Percentiles.of(new double[] { 7 })).isEqualTo(new Percentiles(1, 7, 7, 7, 7));
	}

}
