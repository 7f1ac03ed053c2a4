package io.herald.core.media;

/**
 * Nothing is stored under the requested key.
 */
public class MediaObjectNotFoundException extends MediaStoreException {

	public MediaObjectNotFoundException(String key) {
		super("No media object under key " + key);
	}

}
