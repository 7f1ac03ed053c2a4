package io.herald.core.media;

/**
 * An upload was completed before all its bytes arrived, or in a state that cannot be
 * completed (HTTP 409).
 */
public class UploadIncompleteException extends MediaException {

	public UploadIncompleteException(String message) {
		super(message);
	}

}
