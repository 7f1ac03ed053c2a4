package io.herald.drivers.instagram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * Instagram's publishing rules as data, from the content-publishing reference: captions
 * of 2,200 characters with at most 30 hashtags and 20 mentions; JPEG images up to 8 MiB
 * between 4:5 and 1.91:1 (other images are fine when Herald hands over JPEG copies);
 * Reels as MP4 or MOV of 3 s to 15 min up to 300 MiB; carousels of up to 10 items.
 */
final class InstagramRules {

	static final int MAX_CAPTION = 2200;

	static final long MAX_IMAGE_BYTES = 8L * 1024 * 1024;

	static final long MAX_VIDEO_BYTES = 300L * 1024 * 1024;

	static final Duration MIN_VIDEO_DURATION = Duration.ofSeconds(3);

	static final Duration MAX_VIDEO_DURATION = Duration.ofMinutes(15);

	/** Reels accept anything from 0.01:1 to 10:1 (9:16 recommended). */
	static final double MIN_VIDEO_ASPECT = 0.01;

	static final double MAX_VIDEO_ASPECT = 10.0;

	static final int MAX_CAROUSEL_ITEMS = 10;

	/** Instagram's own code: the shared codes have no lower bound on duration. */
	static final String VIDEO_TOO_SHORT = "video_too_short";

	/** The API documents no limit for {@code alt_text}; this keeps descriptions sane. */
	static final int MAX_ALT_TEXT = 1000;

	static final Capabilities CAPABILITIES = capabilities(false, Capabilities.ConnectMethod.OAUTH2);

	/**
	 * The capabilities as configured.
	 * @param jpegCopies whether Herald hands over JPEG copies of other images (then PNG
	 * and WebP uploads are fine)
	 * @param method how accounts connect
	 * @return the capabilities
	 */
	static Capabilities capabilities(boolean jpegCopies, Capabilities.ConnectMethod method) {
		return new Capabilities(new TextRules(MAX_CAPTION, TextRules.TextCounting.CODE_POINTS, 30, 20),
				new MediaRules(Set.of(MediaKind.IMAGE, MediaKind.VIDEO), MAX_CAROUSEL_ITEMS, MAX_IMAGE_BYTES,
						MAX_VIDEO_BYTES, 4.0 / 5.0, 1.91, MAX_VIDEO_DURATION, true, false, jpegCopies),
				new AltTextRules(true, false, MAX_ALT_TEXT), false, true, true, method);
	}

	private static final Set<String> VIDEO_TYPES = Set.of("video/mp4", "video/quicktime");

	private final CapabilityValidator shared = new CapabilityValidator(CAPABILITIES, CapabilityValidator::codePoints);

	private final boolean convertsImagesToJpeg;

	InstagramRules(boolean convertsImagesToJpeg) {
		this.convertsImagesToJpeg = convertsImagesToJpeg;
	}

	ValidationResult validate(PublishRequest request) {
		// The shared aspect-ratio rule is the image range; Reels have their own, checked
		// below, so videos reach the shared validator without dimensions.
		List<Violation> violations = new ArrayList<>(this.shared
			.validate(request.withMedia(request.media().stream().map(InstagramRules::withoutDimensions).toList()))
			.violations());
		if (request.media().isEmpty()) {
			violations.add(new Violation("media", Codes.MEDIA_REQUIRED, "Instagram posts need an image or a video."));
		}
		for (int i = 0; i < request.media().size(); i++) {
			checkItem("media[" + i + "]", request.media().get(i), violations);
		}
		if (request.firstComment() != null && CapabilityValidator.codePoints(request.firstComment()) > MAX_CAPTION) {
			violations.add(new Violation("firstComment", Codes.TEXT_TOO_LONG,
					"The first comment is longer than " + MAX_CAPTION + " characters."));
		}
		return new ValidationResult(violations);
	}

	private void checkItem(String field, MediaItem item, List<Violation> violations) {
		String type = (item.contentType() != null) ? item.contentType().toLowerCase(Locale.ROOT) : "";
		if (item.kind() == MediaKind.IMAGE && !isJpeg(type) && !this.convertsImagesToJpeg) {
			violations.add(new Violation(field, Codes.MEDIA_KIND_UNSUPPORTED,
					"Instagram accepts JPEG images only; this one is " + item.contentType() + ". Save it as JPEG."));
		}
		if (item.kind() != MediaKind.VIDEO) {
			return;
		}
		if (!VIDEO_TYPES.contains(type)) {
			violations.add(new Violation(field, Codes.MEDIA_KIND_UNSUPPORTED,
					"Instagram accepts MP4 or MOV videos only; this one is " + item.contentType() + "."));
		}
		if (item.duration() != null && item.duration().compareTo(MIN_VIDEO_DURATION) < 0) {
			violations.add(new Violation(field, VIDEO_TOO_SHORT,
					"Video is shorter than " + MIN_VIDEO_DURATION.toSeconds() + " s; Instagram needs at least that."));
		}
		if (item.width() != null && item.height() != null && item.height() > 0) {
			double ratio = (double) item.width() / item.height();
			if (ratio < MIN_VIDEO_ASPECT || ratio > MAX_VIDEO_ASPECT) {
				violations.add(new Violation(field, Codes.ASPECT_RATIO,
						String.format(Locale.ROOT, "Video aspect ratio %.2f is outside %.2f to %.0f.", ratio,
								MIN_VIDEO_ASPECT, MAX_VIDEO_ASPECT)));
			}
		}
	}

	static boolean isJpeg(String type) {
		return type.equals("image/jpeg") || type.equals("image/jpg") || type.equals("image/pjpeg");
	}

	private static MediaItem withoutDimensions(MediaItem item) {
		if (item.kind() != MediaKind.VIDEO) {
			return item;
		}
		return new MediaItem(item.assetId(), item.kind(), item.contentType(), item.bytes(), null, null, item.duration(),
				item.altText(), item.content(), item.publicUrl());
	}

}
