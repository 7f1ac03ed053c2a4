package io.herald.drivers.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.herald.drivers.spi.ValidationResult.Codes;
import io.herald.drivers.spi.ValidationResult.Violation;

/**
 * Checks a request against a network's {@link Capabilities}: the rules every driver
 * shares. A driver calls it from {@link BaseSocialBackend#validate} and adds its own
 * checks.
 */
public final class CapabilityValidator {

	private static final Pattern HASHTAG = Pattern
		.compile("(?:^|[^\\p{L}\\p{N}_&])[#＃]([\\p{L}\\p{N}_]*\\p{L}[\\p{L}\\p{N}_]*)");

	private static final Pattern MENTION = Pattern.compile("(?:^|[^\\p{L}\\p{N}_@])@([A-Za-z0-9_][A-Za-z0-9_.-]*)");

	private final Capabilities capabilities;

	private final ToIntFunction<String> lengthOf;

	/**
	 * A validator for one network.
	 * @param capabilities the network's capabilities
	 * @param lengthOf counts a text's length the way the network does
	 */
	public CapabilityValidator(Capabilities capabilities, ToIntFunction<String> lengthOf) {
		this.capabilities = capabilities;
		this.lengthOf = lengthOf;
	}

	/**
	 * Checks the first part and every thread part.
	 * @param request the request
	 * @return every broken rule
	 */
	public ValidationResult validate(PublishRequest request) {
		List<Violation> violations = new ArrayList<>();
		checkPart("", request.text(), request.media(), violations);
		if (!request.thread().isEmpty() && !this.capabilities.threads()) {
			violations
				.add(new Violation("thread", Codes.THREADS_UNSUPPORTED, "This network does not support threads."));
		}
		for (int i = 0; i < request.thread().size(); i++) {
			PublishRequest.ThreadPart part = request.thread().get(i);
			checkPart("thread[" + i + "].", part.text(), part.media(), violations);
		}
		return new ValidationResult(violations);
	}

	private void checkPart(String prefix, String text, List<MediaItem> media, List<Violation> violations) {
		TextRules rules = this.capabilities.text();
		if (text.isBlank() && media.isEmpty()) {
			violations.add(new Violation(prefix + "text", Codes.TEXT_EMPTY, "Write some text or attach media."));
		}
		int length = this.lengthOf.applyAsInt(text);
		if (length > rules.maxLength()) {
			violations.add(new Violation(prefix + "text", Codes.TEXT_TOO_LONG,
					"Text is " + length + " long; the limit is " + rules.maxLength() + "."));
		}
		int hashtags = count(HASHTAG, text);
		if (hashtags > rules.maxHashtags()) {
			violations.add(new Violation(prefix + "text", Codes.TOO_MANY_HASHTAGS,
					"Text has " + hashtags + " hashtags; the limit is " + rules.maxHashtags() + "."));
		}
		int mentions = count(MENTION, text);
		if (mentions > rules.maxMentions()) {
			violations.add(new Violation(prefix + "text", Codes.TOO_MANY_MENTIONS,
					"Text has " + mentions + " mentions; the limit is " + rules.maxMentions() + "."));
		}
		checkMedia(prefix, media, violations);
	}

	private void checkMedia(String prefix, List<MediaItem> media, List<Violation> violations) {
		MediaRules rules = this.capabilities.media();
		if (media.size() > rules.maxItems()) {
			violations.add(new Violation(prefix + "media", Codes.TOO_MANY_MEDIA,
					media.size() + " media attached; the limit is " + rules.maxItems() + "."));
		}
		if (!rules.mixedKinds() && media.stream().map(MediaItem::kind).distinct().count() > 1) {
			violations.add(new Violation(prefix + "media", Codes.MEDIA_MIXED_KINDS,
					"Images and videos cannot be mixed on one post here."));
		}
		for (int i = 0; i < media.size(); i++) {
			checkItem(prefix + "media[" + i + "]", media.get(i), violations);
		}
	}

	private void checkItem(String field, MediaItem item, List<Violation> violations) {
		MediaRules rules = this.capabilities.media();
		if (!rules.kinds().contains(item.kind())) {
			violations.add(new Violation(field, Codes.MEDIA_KIND_UNSUPPORTED,
					item.kind().name().toLowerCase() + " (" + item.contentType() + ") is not accepted here."));
			return;
		}
		boolean video = item.kind() == MediaKind.VIDEO;
		long maxBytes = video ? rules.maxVideoBytes() : rules.maxImageBytes();
		if (item.bytes() > maxBytes && (video || !rules.reencodesOversizedImages())) {
			violations.add(new Violation(field, Codes.MEDIA_TOO_LARGE,
					"File is " + item.bytes() + " bytes; the limit is " + maxBytes + "."));
		}
		if (item.width() != null && item.height() != null && item.height() > 0) {
			double ratio = (double) item.width() / item.height();
			if (ratio < rules.minAspectRatio() || ratio > rules.maxAspectRatio()) {
				violations.add(new Violation(field, Codes.ASPECT_RATIO,
						String.format(java.util.Locale.ROOT, "Aspect ratio %.2f is outside %.2f to %.2f.", ratio,
								rules.minAspectRatio(), rules.maxAspectRatio())));
			}
		}
		if (video && item.duration() != null && item.duration().compareTo(rules.maxVideoDuration()) > 0) {
			violations.add(new Violation(field, Codes.VIDEO_TOO_LONG, "Video is " + item.duration().toSeconds()
					+ " s long; the limit is " + rules.maxVideoDuration().toSeconds() + " s."));
		}
		checkAltText(field, item, violations);
	}

	private void checkAltText(String field, MediaItem item, List<Violation> violations) {
		AltTextRules alt = this.capabilities.altText();
		boolean missing = item.altText() == null || item.altText().isBlank();
		if (alt.required() && missing && item.kind() != MediaKind.VIDEO) {
			violations
				.add(new Violation(field + ".altText", Codes.ALT_TEXT_REQUIRED, "Describe this image (alt text)."));
		}
		if (!missing && alt.supported()
				&& item.altText().codePointCount(0, item.altText().length()) > alt.maxLength()) {
			violations.add(new Violation(field + ".altText", Codes.ALT_TEXT_TOO_LONG,
					"Alt text is longer than " + alt.maxLength() + " characters."));
		}
	}

	private static int count(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		int n = 0;
		while (matcher.find()) {
			n++;
		}
		return n;
	}

	/**
	 * Counts Unicode code points.
	 * @param text the text
	 * @return its length in code points
	 */
	public static int codePoints(String text) {
		return text.codePointCount(0, text.length());
	}

	/**
	 * Counts extended grapheme clusters (what a reader sees as one character).
	 * @param text the text
	 * @return its length in graphemes
	 */
	public static int graphemes(String text) {
		Matcher matcher = Pattern.compile("\\X").matcher(text);
		int n = 0;
		while (matcher.find()) {
			n++;
		}
		return n;
	}

}
