package io.herald.api.security;

/** The caller is authenticated but may not do this. */
public class ForbiddenException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public ForbiddenException(String message) {
		super(message);
	}

}
