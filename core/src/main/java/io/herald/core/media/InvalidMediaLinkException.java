package io.herald.core.media;

/**
 * A media link or upload token was malformed, tampered with, used for the wrong purpose,
 * or expired. Callers answer all of these alike (404 or 403) so a prober learns nothing;
 * {@link #reason()} is for logs.
 */
public class InvalidMediaLinkException extends MediaException {

	private final String reason;

	public InvalidMediaLinkException(String reason) {
		super("Invalid or expired media link");
		this.reason = reason;
	}

	public String reason() {
		return this.reason;
	}

}
