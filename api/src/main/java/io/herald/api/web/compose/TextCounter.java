package io.herald.api.web.compose;

import com.twitter.twittertext.TwitterTextParser;

import io.herald.drivers.spi.CapabilityValidator;
import io.herald.drivers.spi.TextRules;

/**
 * Counts a text the way a network does, for the live counters: the drivers validate with
 * the same rules when the post is saved.
 */
final class TextCounter {

	private TextCounter() {
	}

	static int length(String text, TextRules.TextCounting counting) {
		String value = (text != null) ? text : "";
		return switch (counting) {
			case TWITTER_WEIGHTED -> TwitterTextParser.parseTweet(value).weightedLength;
			case GRAPHEMES -> CapabilityValidator.graphemes(value);
			case CODE_POINTS -> CapabilityValidator.codePoints(value);
		};
	}

	static String unit(TextRules.TextCounting counting) {
		return switch (counting) {
			case TWITTER_WEIGHTED -> "weighted characters (links count 23)";
			case GRAPHEMES -> "characters (graphemes)";
			case CODE_POINTS -> "characters";
		};
	}

}
