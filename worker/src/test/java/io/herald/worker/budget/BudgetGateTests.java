package io.herald.worker.budget;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BudgetGateTests {

	private static final Instant NOW = Instant.parse("2026-11-01T05:30:00Z");

	@Test
	void lets_a_call_through_while_every_window_has_room() {
		assertThat(BudgetGate.blockedUntil(
				List.of(new BudgetGate.Window(0, NOW.plusSeconds(60)), new BudgetGate.Window(40, NOW.plusSeconds(900))),
				NOW))
			.isEmpty();
		assertThat(BudgetGate.blockedUntil(List.of(), NOW)).isEmpty();
	}

	@Test
	void blocks_until_the_latest_reset_of_the_spent_windows() {
		assertThat(BudgetGate.blockedUntil(List.of(new BudgetGate.Window(-1, NOW.plusSeconds(60)),
				new BudgetGate.Window(-3, NOW.plusSeconds(900)), new BudgetGate.Window(5, NOW.plusSeconds(3600))), NOW))
			.contains(NOW.plusSeconds(900));
	}

	@Test
	void ignores_windows_that_already_reset() {
		assertThat(BudgetGate.blockedUntil(List.of(new BudgetGate.Window(-1, NOW)), NOW)).isEmpty();
	}

}
