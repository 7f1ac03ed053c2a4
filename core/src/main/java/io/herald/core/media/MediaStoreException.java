package io.herald.core.media;

/**
 * The media store could not do what was asked (disk or network failure, object store
 * error). Messages name the object key, never credentials.
 */
public class MediaStoreException extends RuntimeException {

	public MediaStoreException(String message, Throwable cause) {
		super(message, cause);
	}

	public MediaStoreException(String message) {
		super(message);
	}

}
