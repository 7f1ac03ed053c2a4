package io.herald.core.media;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * How a client uploads an object's bytes directly to the object store.
 *
 * @param method the HTTP method to use ({@code PUT})
 * @param url the presigned URL
 * @param headers headers the request must carry
 * @param expiresAt when the URL stops working
 */
public record PresignedUpload(String method, URI url, Map<String, String> headers, Instant expiresAt) {

	public PresignedUpload {
		headers = Map.copyOf(headers);
	}

}
