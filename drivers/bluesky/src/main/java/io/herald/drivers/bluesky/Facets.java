package io.herald.drivers.bluesky;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds links, mentions and hashtags in a post's text, with the UTF-8 byte ranges that
 * {@code app.bsky.richtext.facet#byteSlice} uses (Java strings index UTF-16 units, so
 * every offset is converted).
 */
final class Facets {

	private static final Pattern LINK = Pattern.compile("(?<=^|[\\s(\\[])(https?://[^\\s<>\"]+)");

	private static final Pattern MENTION = Pattern.compile(
			"(?<=^|[\\s(\\[])@((?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)");

	private static final Pattern HASHTAG = Pattern
		.compile("(?<=^|\\s)[#＃]([\\p{L}\\p{M}\\p{N}_]*[\\p{L}\\p{M}_][\\p{L}\\p{M}\\p{N}_]*)");

	private static final String TRAILING_PUNCTUATION = ".,;:!?'\"";

	private Facets() {
	}

	/**
	 * Every link, mention and hashtag, in text order.
	 * @param text the post's text
	 * @return the facets found
	 */
	static List<Found> find(String text) {
		List<Found> found = new ArrayList<>();
		Matcher link = LINK.matcher(text);
		while (link.find()) {
			int end = trimLink(text, link.start(1), link.end(1));
			found.add(found(text, link.start(1), end, Kind.LINK, text.substring(link.start(1), end)));
		}
		Matcher mention = MENTION.matcher(text);
		while (mention.find()) {
			if (!insideAny(found, text, mention.start())) {
				found.add(found(text, mention.start(), mention.end(), Kind.MENTION, mention.group(1).toLowerCase()));
			}
		}
		Matcher tag = HASHTAG.matcher(text);
		while (tag.find()) {
			if (!insideAny(found, text, tag.start()) && tag.group(1).codePointCount(0, tag.group(1).length()) <= 64) {
				found.add(found(text, tag.start(), tag.end(), Kind.TAG, tag.group(1)));
			}
		}
		found.sort(Comparator.comparingInt(Found::byteStart));
		return found;
	}

	private static int trimLink(String text, int start, int end) {
		while (end > start && TRAILING_PUNCTUATION.indexOf(text.charAt(end - 1)) >= 0) {
			end--;
		}
		// A closing parenthesis belongs to the link only when the link opened one.
		String link = text.substring(start, end);
		if (link.endsWith(")") && !link.contains("(")) {
			end--;
		}
		return end;
	}

	private static boolean insideAny(List<Found> found, String text, int charIndex) {
		int byteIndex = bytes(text, charIndex);
		return found.stream().anyMatch((f) -> byteIndex >= f.byteStart() && byteIndex < f.byteEnd());
	}

	private static Found found(String text, int start, int end, Kind kind, String value) {
		return new Found(bytes(text, start), bytes(text, end), kind, value);
	}

	private static int bytes(String text, int charIndex) {
		return text.substring(0, charIndex).getBytes(StandardCharsets.UTF_8).length;
	}

	/** What a facet marks. */
	enum Kind {

		LINK, MENTION, TAG

	}

	/**
	 * One facet.
	 *
	 * @param byteStart the first UTF-8 byte, inclusive
	 * @param byteEnd the last UTF-8 byte, exclusive
	 * @param kind what it marks
	 * @param value the URL, the handle (without '@') or the tag (without '#')
	 */
	record Found(int byteStart, int byteEnd, Kind kind, String value) {
	}

}
