package io.herald.drivers.bluesky;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FacetsTests {

	@Test
	void offsets_count_utf8_bytes_not_utf16_units() {
		String text = "😀 é #tag";

		List<Facets.Found> found = Facets.find(text);

		assertThat(found).singleElement().satisfies((f) -> {
			assertThat(f.byteStart()).isEqualTo(4 + 1 + 2 + 1);
			assertThat(f.byteEnd()).isEqualTo(f.byteStart() + 4);
			assertThat(slice(text, f)).isEqualTo("#tag");
		});
	}

	@Test
	void links_leave_out_trailing_punctuation_and_an_unopened_parenthesis() {
		String text = "see (https://example.com/a_b), and https://example.com/wiki/Foo_(bar). end";

		assertThat(Facets.find(text)).extracting(Facets.Found::value)
			.containsExactly("https://example.com/a_b", "https://example.com/wiki/Foo_(bar)");
	}

	@Test
	void mentions_need_a_full_handle_and_skip_email_addresses() {
		String text = "hi @alice.bsky.social and @bob, mail me@example.com";

		assertThat(Facets.find(text)).singleElement().satisfies((f) -> {
			assertThat(f.kind()).isEqualTo(Facets.Kind.MENTION);
			assertThat(f.value()).isEqualTo("alice.bsky.social");
		});
	}

	@Test
	void hashtags_need_a_letter_and_are_not_found_inside_links() {
		String text = "#2024 #café https://example.com/#anchor #東京";

		assertThat(Facets.find(text)).extracting(Facets.Found::kind, Facets.Found::value)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(Facets.Kind.TAG, "café"),
					org.assertj.core.groups.Tuple.tuple(Facets.Kind.LINK, "https://example.com/#anchor"),
					org.assertj.core.groups.Tuple.tuple(Facets.Kind.TAG, "東京"));
	}

	private static String slice(String text, Facets.Found found) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		return new String(Arrays.copyOfRange(bytes, found.byteStart(), found.byteEnd()), StandardCharsets.UTF_8);
	}

}
