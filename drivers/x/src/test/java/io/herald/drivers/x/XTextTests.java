package io.herald.drivers.x;

import java.util.List;

import io.herald.drivers.spi.PublishRequest;
import io.herald.drivers.spi.PublishRequest.ThreadPart;
import io.herald.drivers.spi.ValidationResult;
import io.herald.drivers.spi.ValidationResult.Codes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class XTextTests {

	private final XCapabilities capabilities = new XCapabilities();

	@Test
	void latin_text_counts_one_per_character() {
		assertThat(XText.weightedLength("Hello, world")).isEqualTo(12);
	}

	@Test
	void every_url_counts_23_however_long_it_is() {
		assertThat(XText.weightedLength("https://example.com")).isEqualTo(23);
		assertThat(XText.weightedLength("see https://example.com/a/very/long/path/that/goes/on?and=on&on=on"))
			.isEqualTo(4 + 23);
		assertThat(XText.weightedLength("x.com")).isEqualTo(23);
	}

	@Test
	void emoji_count_two_even_when_made_of_several_code_points() {
		assertThat(XText.weightedLength("👍")).isEqualTo(2);
		assertThat(XText.weightedLength("👍🏽")).isEqualTo(2);
		assertThat(XText.weightedLength("👨‍👩‍👧‍👦")).isEqualTo(2);
	}

	@Test
	void cjk_characters_count_two() {
		assertThat(XText.weightedLength("日本語")).isEqualTo(6);
		assertThat(XText.weightedLength("한국어")).isEqualTo(6);
	}

	@Test
	void the_limit_is_280_weighted_characters() {
		assertThat(validate("a".repeat(280)).isValid()).isTrue();
		assertThat(validate("a".repeat(281)).violations()).extracting(ValidationResult.Violation::code)
			.containsExactly(Codes.TEXT_TOO_LONG);
		assertThat(validate("日".repeat(140)).isValid()).isTrue();
		assertThat(validate("日".repeat(141)).isValid()).isFalse();
		String withUrls = "https://example.com/" + "x".repeat(200) + " " + "a".repeat(256);
		assertThat(XText.weightedLength(withUrls)).isEqualTo(280);
		assertThat(validate(withUrls).isValid()).isTrue();
	}

	@Test
	void thread_parts_are_counted_one_by_one() {
		PublishRequest request = PublishRequest.text("t", "k", "short")
			.withThread(List.of(new ThreadPart("fine", null), new ThreadPart("b".repeat(281), null)));
		assertThat(this.capabilities.validate(request).violations()).singleElement()
			.satisfies((violation) -> assertThat(violation.field()).isEqualTo("thread[1].text"));
	}

	@Test
	void comparable_form_ignores_what_x_changes_in_a_text() {
		String sent = "Q&A <live> at https://example.com/event?id=1  \n today";
		String shown = "Q&amp;A &lt;live&gt; at https://t.co/AbCdEf1234 \n today https://t.co/MeDiA12345";
		assertThat(XText.comparable(shown)).isEqualTo(XText.comparable(sent));
		assertThat(XText.comparable("Café")).isEqualTo(XText.comparable("Cafe\u0301"));
		assertThat(XText.comparable("other text")).isNotEqualTo(XText.comparable(sent));
	}

	private ValidationResult validate(String text) {
		return this.capabilities.validate(PublishRequest.text("t", "k", text));
	}

}
