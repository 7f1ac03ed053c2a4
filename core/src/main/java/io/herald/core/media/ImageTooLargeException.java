package io.herald.core.media;

import java.util.Locale;

/**
 * An image declares more pixels than {@code herald.media.max-image-pixels} allows (HTTP
 * 422). Read from the header, so a small file that claims a huge size is refused before
 * anything decodes it.
 */
public class ImageTooLargeException extends MediaException {

	private final int width;

	private final int height;

	private final long maxPixels;

	public ImageTooLargeException(int width, int height, long maxPixels) {
		super(String.format(Locale.ROOT, "The image is %d×%d pixels (%.1f megapixels), above the limit of %d pixels",
				width, height, (long) width * height / 1e6, maxPixels));
		this.width = width;
		this.height = height;
		this.maxPixels = maxPixels;
	}

	public int width() {
		return this.width;
	}

	public int height() {
		return this.height;
	}

	public long maxPixels() {
		return this.maxPixels;
	}

}
