package io.herald.drivers.support.outbound;

import java.io.IOException;

/**
 * An answer was longer than the outbound policy lets Herald read.
 */
public class ResponseTooLargeException extends IOException {

	private static final long serialVersionUID = 1L;

	/**
	 * The limit was passed.
	 * @param limit the most bytes Herald reads of one answer
	 */
	public ResponseTooLargeException(long limit) {
		super("The answer is longer than " + limit + " bytes");
	}

}
