package io.herald.drivers.bluesky;

import java.time.Clock;

import io.herald.drivers.spi.PublishRequest;
import io.herald.drivers.spi.ValidationResult;
import io.herald.drivers.spi.ValidationResult.Codes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BlueskyValidationTests {

	private final BlueskyBackend backend = new BlueskyBackend(BlueskyProperties.defaults(), LocalOutbound.POLICY,
			Clock.systemUTC(), LinkPreviews.NONE);

	@Test
	void counts_an_emoji_family_as_one_grapheme() {
		String family = "👩‍👩‍👧";
		String text = family.repeat(100) + "a".repeat(200);

		assertThat(this.backend.validate(PublishRequest.text("t", "k", text)).isValid()).isTrue();
		assertThat(codes(PublishRequest.text("t", "k", text + "a"))).containsExactly(Codes.TEXT_TOO_LONG);
	}

	@Test
	void rejects_text_above_three_thousand_utf8_bytes_even_within_three_hundred_graphemes() {
		String text = "👩‍👩‍👧".repeat(200); // 200 graphemes, 18 bytes each

		ValidationResult result = this.backend.validate(PublishRequest.text("t", "k", text));

		assertThat(result.violations()).singleElement().satisfies((v) -> {
			assertThat(v.code()).isEqualTo(Codes.TEXT_TOO_LONG);
			assertThat(v.message()).contains("bytes");
		});
	}

	@Test
	void states_the_lexicons_one_million_byte_image_limit_and_that_larger_images_are_re_encoded() {
		// app.bsky.embed.images: blob maxSize 1000000; a PDS refuses the record above it.
		assertThat(this.backend.capabilities().media().maxImageBytes()).isEqualTo(1_000_000);
		assertThat(this.backend.capabilities().media().reencodesOversizedImages()).isTrue();
	}

	private java.util.List<String> codes(PublishRequest request) {
		return this.backend.validate(request).violations().stream().map(ValidationResult.Violation::code).toList();
	}

}
