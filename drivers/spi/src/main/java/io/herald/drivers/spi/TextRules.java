package io.herald.drivers.spi;

/**
 * Text limits of a network.
 *
 * @param maxLength the largest length, counted by {@code counting}
 * @param counting how length is counted
 * @param maxHashtags the most hashtags a post may carry, {@link #UNLIMITED} for no limit
 * @param maxMentions the most mentions a post may carry, {@link #UNLIMITED} for no limit
 */
public record TextRules(int maxLength, TextCounting counting, int maxHashtags, int maxMentions) {

	/** No limit. */
	public static final int UNLIMITED = Integer.MAX_VALUE;

	/** How a network counts the length of a text. */
	public enum TextCounting {

		/** Unicode code points. */
		CODE_POINTS,

		/** User-perceived characters (extended grapheme clusters). */
		GRAPHEMES,

		/** The twitter-text weighted count (URLs count 23, CJK counts 2). */
		TWITTER_WEIGHTED

	}

}
