package io.herald.drivers.x;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.herald.drivers.spi.AltTextRules;
import io.herald.drivers.spi.Capabilities;
import io.herald.drivers.spi.CapabilityValidator;
import io.herald.drivers.spi.MediaItem;
import io.herald.drivers.spi.MediaKind;
import io.herald.drivers.spi.MediaRules;
import io.herald.drivers.spi.PublishRequest;
import io.herald.drivers.spi.TextRules;
import io.herald.drivers.spi.ValidationResult;
import io.herald.drivers.spi.ValidationResult.Codes;
import io.herald.drivers.spi.ValidationResult.Violation;

/**
 * What X accepts (X's media best practices: images up to 5 MB, GIFs up to 15 MB, videos
 * up to 512 MB and 140 s; up to four images or one GIF or one video per post; alt text up
 * to 1,000 characters; 280 weighted characters of text).
 */
final class XCapabilities {

	static final int MAX_TEXT = 280;

	static final long MAX_IMAGE_BYTES = 5L * 1024 * 1024;

	static final long MAX_GIF_BYTES = 15L * 1024 * 1024;

	static final long MAX_VIDEO_BYTES = 512L * 1024 * 1024;

	static final Capabilities CAPABILITIES = new Capabilities(
			new TextRules(MAX_TEXT, TextRules.TextCounting.TWITTER_WEIGHTED, TextRules.UNLIMITED, TextRules.UNLIMITED),
			new MediaRules(Set.of(MediaKind.IMAGE, MediaKind.GIF, MediaKind.VIDEO), 4, MAX_IMAGE_BYTES, MAX_VIDEO_BYTES,
					0, Double.MAX_VALUE, Duration.ofSeconds(140), false, true),
			new AltTextRules(true, false, 1000), true, false, false, Capabilities.ConnectMethod.OAUTH2);

	private final CapabilityValidator shared = new CapabilityValidator(CAPABILITIES, XText::weightedLength);

	/**
	 * The shared rules plus X's own: a GIF or a video stands alone, and GIFs have a limit
	 * of their own (re-encoding would lose the animation).
	 * @param request the request
	 * @return every broken rule
	 */
	ValidationResult validate(PublishRequest request) {
		List<Violation> violations = new ArrayList<>(this.shared.validate(request).violations());
		checkText("", request.text(), violations);
		checkMedia("", request.media(), violations);
		for (int i = 0; i < request.thread().size(); i++) {
			checkText("thread[" + i + "].", request.thread().get(i).text(), violations);
			checkMedia("thread[" + i + "].", request.thread().get(i).media(), violations);
		}
		return new ValidationResult(violations);
	}

	private static void checkText(String prefix, String text, List<Violation> violations) {
		if (XText.hasRefusedCharacters(text)) {
			violations.add(new Violation(prefix + "text", Codes.TEXT_INVALID_CHARACTERS,
					"X refuses this text: it holds a character X does not accept (such as U+FFFE or U+FEFF)."));
		}
	}

	private static void checkMedia(String prefix, List<MediaItem> media, List<Violation> violations) {
		boolean standsAlone = media.stream().anyMatch((item) -> item.kind() != MediaKind.IMAGE);
		if (standsAlone && media.size() > 1) {
			violations.add(new Violation(prefix + "media", Codes.TOO_MANY_MEDIA,
					"A GIF or a video must be the only media of an X post."));
		}
		for (int i = 0; i < media.size(); i++) {
			MediaItem item = media.get(i);
			if (item.kind() == MediaKind.GIF && item.bytes() > MAX_GIF_BYTES) {
				violations.add(new Violation(prefix + "media[" + i + "]", Codes.MEDIA_TOO_LARGE,
						"GIF is " + item.bytes() + " bytes; the limit is " + MAX_GIF_BYTES + "."));
			}
		}
	}

}
