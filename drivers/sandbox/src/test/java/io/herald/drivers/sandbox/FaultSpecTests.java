package io.herald.drivers.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FaultSpecTests {

	@Test
	void reads_probabilities_counters_and_latency() {
		FaultSpec spec = FaultSpec.parse("transient=0.1, rate-limited=0.05; unknown_outcome=next:3, latency=20ms");
		assertThat(spec.probabilities()).containsEntry(SandboxFault.TRANSIENT, 0.1)
			.containsEntry(SandboxFault.RATE_LIMITED, 0.05);
		assertThat(spec.nextCalls()).containsEntry(SandboxFault.UNKNOWN_OUTCOME, 3);
		assertThat(spec.latency()).isEqualTo(Duration.ofMillis(20));
	}

	@Test
	void refuses_probabilities_above_one() {
		assertThatIllegalArgumentException().isThrownBy(() -> FaultSpec.parse("transient=0.7,rate_limited=0.7"));
	}

	@Test
	void counted_faults_come_first_then_the_random_draw_decides() {
		FaultInjector injector = new FaultInjector(FaultSpec.parse("transient=0.5"), () -> 0.75);
		FaultSpec account = FaultSpec.parse("auth_expired=next:2");
		List<Optional<SandboxFault>> faults = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			faults.add(injector.next("a", account).map(FaultInjector.Scripted::fault));
		}
		assertThat(faults).containsExactly(Optional.of(SandboxFault.AUTH_EXPIRED),
				Optional.of(SandboxFault.AUTH_EXPIRED), Optional.empty());
		FaultInjector unlucky = new FaultInjector(FaultSpec.parse("transient=0.5"), () -> 0.25);
		assertThat(unlucky.next("a", FaultSpec.NONE).map(FaultInjector.Scripted::fault))
			.contains(SandboxFault.TRANSIENT);
	}

}
