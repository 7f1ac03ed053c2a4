package io.herald.core.secrets;

/**
 * Herald may not make up its own master key here: the operator has to set
 * {@code HERALD_SECRET_KEY}. The message is the one line an operator reads.
 */
public class MissingSecretKeyException extends IllegalStateException {

	MissingSecretKeyException(String message) {
		super(message);
	}

}
