package io.herald.drivers.bluesky;

import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.PublishException;

/**
 * An {@code at://repo/collection/rkey} URI.
 *
 * @param repo the repository's DID (or handle)
 * @param collection the record's collection NSID
 * @param rkey the record key
 */
record AtUri(String repo, String collection, String rkey) {

	static AtUri parse(String value) throws PublishException {
		String[] pieces = (value != null && value.startsWith("at://")) ? value.substring(5).split("/") : null;
		if (pieces == null || pieces.length != 3) {
			throw new PublishException(ErrorKind.INVALID_CONTENT, "Not a post URI: " + value);
		}
		return new AtUri(pieces[0], pieces[1], pieces[2]);
	}

	@Override
	public String toString() {
		return "at://" + this.repo + "/" + this.collection + "/" + this.rkey;
	}

}
