package io.herald.api.web.compose;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Counts hashtags for the counters, as the drivers' shared validator recognises them. */
final class Hashtags {

	private static final Pattern HASHTAG = Pattern
		.compile("(?:^|[^\\p{L}\\p{N}_&])[#＃]([\\p{L}\\p{N}_]*\\p{L}[\\p{L}\\p{N}_]*)");

	private Hashtags() {
	}

	static int count(String text) {
		Matcher matcher = HASHTAG.matcher((text != null) ? text : "");
		int n = 0;
		while (matcher.find()) {
			n++;
		}
		return n;
	}

}
