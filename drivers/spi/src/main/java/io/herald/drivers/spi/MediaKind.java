package io.herald.drivers.spi;

/** The kinds of media a post can carry. */
public enum MediaKind {

	/** A still image (JPEG, PNG, WebP). */
	IMAGE,

	/** An animated GIF. */
	GIF,

	/** A video. */
	VIDEO

}
