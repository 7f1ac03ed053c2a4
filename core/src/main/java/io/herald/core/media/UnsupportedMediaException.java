package io.herald.core.media;

/**
 * The bytes are not a supported image or video, or not what the client declared (HTTP
 * 415).
 */
public class UnsupportedMediaException extends MediaException {

	public UnsupportedMediaException(String message) {
		super(message);
	}

}
