package io.herald.bench;

import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OpenLoopTests {

	private static final long MS = 1_000_000L;

	@Test
	void sends_on_a_fixed_schedule_at_the_given_rate() {
		OpenLoop loop = new OpenLoop(1_000 * MS, 200);
		assertThat(loop.intendedNanos(0)).isEqualTo(1_000 * MS);
		assertThat(loop.intendedNanos(1)).isEqualTo(1_005 * MS);
		assertThat(loop.intendedNanos(200)).isEqualTo(2_000 * MS);
		assertThat(loop.requests(60)).isEqualTo(12_000);
	}

	@Test
	void counts_latency_from_the_intended_send_time_so_a_stall_is_not_hidden() {
		// The server stalls for one second from t=0: requests due during the stall all
		// complete when it ends. A closed-loop client would have sent only one of them
		// and reported one slow request; the open-loop latency shows each one's wait.
		OpenLoop loop = new OpenLoop(0, 200);
		long stallEnd = 1_000 * MS;
		double[] latencies = LongStream.range(0, 400).mapToDouble((i) -> {
			long intended = loop.intendedNanos(i);
			long completed = Math.max(intended, stallEnd) + 2 * MS;
			return loop.latencyNanos(i, completed) / (double) MS;
		}).toArray();
		Percentiles percentiles = Percentiles.of(latencies);
		assertThat(percentiles.max()).isEqualTo(1_002.0);
		assertThat(percentiles.p50()).isEqualTo(2.0);
		// Half the requests were due during the stall: a quarter waited 500 ms or more.
		assertThat(percentiles.p95()).isGreaterThan(500);
	}

	@Test
	void refuses_a_rate_that_sends_nothing() {
		assertThatIllegalArgumentException().isThrownBy(() -> new OpenLoop(0, 0));
	}

}
