package io.herald.core.media;

/**
 * An upload is larger than allowed (HTTP 413).
 */
public class MediaTooLargeException extends MediaException {

	private final long maxBytes;

	public MediaTooLargeException(long maxBytes) {
		super("Media is larger than the limit of " + maxBytes + " bytes");
		this.maxBytes = maxBytes;
	}

	public long maxBytes() {
		return this.maxBytes;
	}

}
