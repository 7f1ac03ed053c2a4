package io.herald.drivers.bluesky;

import io.herald.drivers.spi.RateBudget;
import tools.jackson.databind.JsonNode;

/**
 * What a PDS answered.
 *
 * @param status the HTTP status
 * @param body the JSON body (an empty object when there was none)
 * @param budget the rate-limit budget from the headers, or {@code null}
 */
record XrpcResponse(int status, JsonNode body, RateBudget budget) {

	boolean ok() {
		return this.status >= 200 && this.status < 300;
	}

	String error() {
		return this.body.path("error").asString("");
	}

	String describe() {
		String message = this.body.path("message").asString("");
		String error = error();
		if (error.isEmpty()) {
			return "HTTP " + this.status + (message.isEmpty() ? "" : ": " + message);
		}
		return error + (message.isEmpty() ? "" : ": " + message);
	}

}
