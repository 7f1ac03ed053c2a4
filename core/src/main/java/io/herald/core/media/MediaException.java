package io.herald.core.media;

/**
 * Base of the media failures the API turns into problem documents; each subclass is one
 * problem type.
 */
public abstract class MediaException extends RuntimeException {

	protected MediaException(String message) {
		super(message);
	}

}
