package io.herald.drivers.bluesky;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecordKeysTests {

	/** The TID syntax from the AT Protocol spec. */
	private static final String TID = "^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$";

	@Test
	void derives_the_same_valid_tid_for_the_same_key_and_part() {
		String key = UUID.randomUUID().toString();

		assertThat(RecordKeys.tid(key, 0)).matches(TID).isEqualTo(RecordKeys.tid(key, 0));
	}

	@Test
	void derives_different_tids_for_each_part_and_key() {
		Set<String> keys = new HashSet<>();
		for (int i = 0; i < 2000; i++) {
			String key = UUID.randomUUID().toString();
			keys.add(RecordKeys.tid(key, 0));
			keys.add(RecordKeys.tid(key, 1));
		}

		assertThat(keys).hasSize(4000).allMatch((k) -> k.matches(TID));
	}

	@Test
	void keeps_the_timestamp_in_the_past() {
		String tid = RecordKeys.tid("any", 0);
		long value = 0;
		for (char c : tid.toCharArray()) {
			value = (value << 5) | "234567abcdefghijklmnopqrstuvwxyz".indexOf(c);
		}
		long micros = value >>> 10;

		assertThat(micros / 1_000_000).isBetween(1_672_531_200L, 1_704_067_200L);
	}

}
