package io.herald.bench;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BenchOptionsTests {

	@Test
	void runs_every_scenario_at_full_size_by_default() {
		BenchOptions options = BenchOptions.parse();
		assertThat(options.quick()).isFalse();
		assertThat(BenchOptions.SCENARIOS).allMatch(options::runs);
		assertThat(options.size(100_000, 20_000)).isEqualTo(100_000);
	}

	@Test
	void quick_uses_the_small_sizes_and_only_picks_scenarios() {
		BenchOptions options = BenchOptions.parse("--quick", "--only=3, 2b");
		assertThat(options.size(100_000, 20_000)).isEqualTo(20_000);
		assertThat(options.runs("3")).isTrue();
		assertThat(options.runs("2b")).isTrue();
		assertThat(options.runs("2a")).isFalse();
	}

	@Test
	void passes_worker_settings_through() {
		assertThat(BenchOptions.parse("--worker-arg=--herald.worker.threads=32").workerArgs())
			.isEqualTo(List.of("--herald.worker.threads=32"));
	}

	@Test
	void refuses_unknown_scenarios_and_arguments() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--only=9"));
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--fast"));
	}

}
