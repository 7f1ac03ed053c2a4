package io.herald.drivers.spi;

import java.util.List;

/**
 * The rules a request breaks.
 *
 * @param violations each broken rule; empty when the request is valid
 */
public record ValidationResult(List<Violation> violations) {

	public ValidationResult {
		violations = List.copyOf(violations);
	}

	/**
	 * A result with no violations.
	 * @return the valid result
	 */
	public static ValidationResult valid() {
		return new ValidationResult(List.of());
	}

	public boolean isValid() {
		return this.violations.isEmpty();
	}

	/**
	 * One broken rule.
	 *
	 * @param field where in the request, such as {@code text}, {@code media[1].altText}
	 * or {@code thread[0].text}
	 * @param code a stable machine-readable code from {@link Codes}
	 * @param message a sentence a user can act on
	 */
	public record Violation(String field, String code, String message) {
	}

	/** Stable violation codes shared by every driver. */
	public static final class Codes {

		public static final String TEXT_TOO_LONG = "text_too_long";

		public static final String TEXT_EMPTY = "text_empty";

		/**
		 * The text holds characters the network refuses (such as Unicode noncharacters).
		 */
		public static final String TEXT_INVALID_CHARACTERS = "text_invalid_characters";

		public static final String TOO_MANY_HASHTAGS = "too_many_hashtags";

		public static final String TOO_MANY_MENTIONS = "too_many_mentions";

		public static final String TOO_MANY_MEDIA = "too_many_media";

		public static final String MEDIA_KIND_UNSUPPORTED = "media_kind_unsupported";

		public static final String MEDIA_TOO_LARGE = "media_too_large";

		public static final String MEDIA_MIXED_KINDS = "media_mixed_kinds";

		public static final String ASPECT_RATIO = "aspect_ratio";

		public static final String VIDEO_TOO_LONG = "video_too_long";

		public static final String ALT_TEXT_REQUIRED = "alt_text_required";

		public static final String ALT_TEXT_TOO_LONG = "alt_text_too_long";

		public static final String THREADS_UNSUPPORTED = "threads_unsupported";

		public static final String MEDIA_REQUIRED = "media_required";

		private Codes() {
		}

	}

}
