package io.herald.drivers.bluesky;

import java.util.regex.Pattern;

/**
 * The syntax of AT Protocol identifiers, so that an answer without a real DID and handle
 * is never stored as a connected account.
 */
final class Identifiers {

	/**
	 * {@code did:plc:} with its 24 base32 characters, or {@code did:web:} with a host.
	 */
	private static final Pattern DID = Pattern
		.compile("did:plc:[a-z2-7]{24}|did:web:[a-zA-Z0-9-]+(\\.[a-zA-Z0-9-]+)*(%3[aA][0-9]{1,5})?");

	/** A DNS name of at least two labels whose last label does not start with a digit. */
	private static final Pattern HANDLE = Pattern
		.compile("([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?");

	private static final int MAX_HANDLE_LENGTH = 253;

	private Identifiers() {
	}

	static boolean isDid(String value) {
		return value != null && value.length() <= 2048 && DID.matcher(value).matches();
	}

	static boolean isHandle(String value) {
		return value != null && value.length() <= MAX_HANDLE_LENGTH && HANDLE.matcher(value).matches();
	}

}
