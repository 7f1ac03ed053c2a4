package io.herald.core.media;

import java.util.Arrays;
import java.util.Optional;

/**
 * The media formats Herald accepts, as recognised from their bytes.
 */
public enum MediaFormat {

	JPEG("image/jpeg", true), PNG("image/png", true), GIF("image/gif", true), WEBP("image/webp", true),
	MP4("video/mp4", false), QUICKTIME("video/quicktime", false);

	private final String contentType;

	private final boolean image;

	MediaFormat(String contentType, boolean image) {
		this.contentType = contentType;
		this.image = image;
	}

	public String contentType() {
		return this.contentType;
	}

	public boolean isImage() {
		return this.image;
	}

	public boolean isVideo() {
		return !this.image;
	}

	/**
	 * The format for a declared content type (parameters and case ignored).
	 * @param contentType a media type such as {@code image/png; charset=x}
	 * @return the format, or empty when Herald does not accept that type
	 */
	public static Optional<MediaFormat> forContentType(String contentType) {
		if (contentType == null) {
			return Optional.empty();
		}
		int semicolon = contentType.indexOf(';');
		String bare = ((semicolon >= 0) ? contentType.substring(0, semicolon) : contentType).trim();
		return Arrays.stream(values()).filter((format) -> format.contentType.equalsIgnoreCase(bare)).findFirst();
	}

}
