package io.herald.api.web.compose;

import org.junit.jupiter.api.Test;

import io.herald.drivers.spi.TextRules.TextCounting;

import static org.assertj.core.api.Assertions.assertThat;

class TextCounterTests {

	@Test
	void x_counts_every_link_as_23_and_cjk_as_two() {
		assertThat(
				TextCounter.length("Sale https://example.com/a/very/long/path/indeed", TextCounting.TWITTER_WEIGHTED))
			.isEqualTo(5 + 23);
		assertThat(TextCounter.length("日本", TextCounting.TWITTER_WEIGHTED)).isEqualTo(4);
	}

	@Test
	void bluesky_counts_what_a_reader_sees_as_one_character() {
		String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
		assertThat(TextCounter.length(family, TextCounting.GRAPHEMES)).isEqualTo(1);
		assertThat(TextCounter.length(family, TextCounting.CODE_POINTS)).isEqualTo(5);
	}

	@Test
	void hashtags_are_counted_as_instagram_limits_them() {
		assertThat(Hashtags.count("#one #two and#not #3 #four_5")).isEqualTo(3);
		assertThat(Hashtags.count(null)).isZero();
	}

}
