package io.herald.core.media;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;

/**
 * Puts already-read leading bytes back in front of the rest of a stream. Unlike a bare
 * {@link SequenceInputStream}, reaching the end never closes the caller's stream: it may
 * still be needed (to finish a hash) and is the caller's to close.
 */
final class HeadAndRest {

	private HeadAndRest() {
	}

	static InputStream of(byte[] head, InputStream rest) {
		InputStream unclosable = new FilterInputStream(rest) {
			@Override
			public void close() {
				// the caller's stream
			}
		};
		return new SequenceInputStream(new ByteArrayInputStream(head), unclosable);
	}

}
