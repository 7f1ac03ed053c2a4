package io.herald.worker.execution;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeyedLimiterTests {

	@Test
	void holds_back_holders_beyond_the_limit_of_their_key_until_a_slot_frees() {
		KeyedLimiter limiter = new KeyedLimiter((key) -> key.equals("a") ? 2 : 1);
		List<String> started = new ArrayList<>();
		List<Runnable> releases = new ArrayList<>();
		for (String name : List.of("a1", "a2", "a3", "b1", "b2")) {
			limiter.acquire(name.substring(0, 1), (release) -> {
				started.add(name);
				releases.add(release);
			});
		}
		assertThat(started).containsExactly("a1", "a2", "b1");
		assertThat(limiter.waiting()).isEqualTo(2);
		releases.get(0).run();
		assertThat(started).containsExactly("a1", "a2", "b1", "a3");
		releases.get(2).run();
		assertThat(started).containsExactly("a1", "a2", "b1", "a3", "b2");
		assertThat(limiter.waiting()).isZero();
	}

}
