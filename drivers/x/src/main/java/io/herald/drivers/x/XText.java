package io.herald.drivers.x;

import java.text.Normalizer;
import java.util.List;
import java.util.regex.Pattern;

import com.twitter.twittertext.Extractor;
import com.twitter.twittertext.TwitterTextParser;
import com.twitter.twittertext.TwitterTextParseResults;

/**
 * Text rules of X: the twitter-text weighted length, and the normal form used to
 * recognise one of our posts on the account's timeline.
 */
final class XText {

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	private XText() {
	}

	/**
	 * The length X counts: most Latin characters 1, CJK and emoji 2, every URL 23.
	 * @param text the text
	 * @return the weighted length
	 */
	static int weightedLength(String text) {
		return TwitterTextParser.parseTweet(text).weightedLength;
	}

	/**
	 * Whether X refuses the text for a character it will not take (U+FFFE, U+FEFF, U+FFFF
	 * and other noncharacters), whatever its length.
	 * @param text the text
	 * @return true if twitter-text finds a refused character
	 */
	static boolean hasRefusedCharacters(String text) {
		if (text == null || text.isBlank()) {
			return false;
		}
		// twitter-text calls a text invalid when it is empty, too long or holds a refused
		// character; the first two have codes of their own.
		TwitterTextParseResults parsed = TwitterTextParser.parseTweet(text);
		return !parsed.isValid
				&& parsed.weightedLength <= TwitterTextParser.TWITTER_TEXT_DEFAULT_CONFIG.getMaxWeightedTweetLength();
	}

	/**
	 * The form in which two texts compare equal if X could have turned one into the
	 * other. X shortens every URL to a t.co link (and appends one for attached media),
	 * escapes {@code & < >} as HTML entities, and trims and normalises Unicode; so URLs
	 * are removed, entities unescaped, whitespace collapsed and the text put in NFC.
	 * @param text a text as Herald sent it or as X returns it
	 * @return the comparable form
	 */
	static String comparable(String text) {
		String unescaped = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
		String nfc = Normalizer.normalize(unescaped, Normalizer.Form.NFC);
		StringBuilder out = new StringBuilder(nfc.length());
		int from = 0;
		List<Extractor.Entity> urls = new Extractor().extractURLsWithIndices(nfc);
		for (Extractor.Entity url : urls) {
			out.append(nfc, from, url.getStart()).append(' ');
			from = url.getEnd();
		}
		out.append(nfc, from, nfc.length());
		return WHITESPACE.matcher(out).replaceAll(" ").strip();
	}

}
