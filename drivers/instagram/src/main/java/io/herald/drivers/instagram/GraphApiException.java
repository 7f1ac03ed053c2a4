package io.herald.drivers.instagram;

import java.time.Instant;

import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.PublishException;

/**
 * A Graph API error object, mapped to the taxonomy, with the fields callers inspect for
 * special cases (a container that is not ready yet, the publishing quota).
 */
final class GraphApiException extends PublishException {

	private static final long serialVersionUID = 1L;

	private final int code;

	private final int subcode;

	private final String fbtraceId;

	GraphApiException(ErrorKind kind, String message, Instant retryAt, int httpStatus, int code, int subcode,
			String fbtraceId) {
		this(kind, message, retryAt, httpStatus, code, subcode, fbtraceId, null);
	}

	private GraphApiException(ErrorKind kind, String message, Instant retryAt, int httpStatus, int code, int subcode,
			String fbtraceId, Throwable cause) {
		super(kind, message, retryAt, httpStatus, networkCode(code, subcode), null, cause);
		this.code = code;
		this.subcode = subcode;
		this.fbtraceId = fbtraceId;
	}

	/**
	 * This error, for a call whose effect it does not disprove.
	 */
	GraphApiException asUnknownOutcome() {
		return new GraphApiException(ErrorKind.UNKNOWN_OUTCOME,
				"Instagram may have carried out the call before it failed: " + getMessage(), null,
				httpStatus().orElse(0), this.code, this.subcode, this.fbtraceId, this);
	}

	int code() {
		return this.code;
	}

	int subcode() {
		return this.subcode;
	}

	String fbtraceId() {
		return this.fbtraceId;
	}

	private static String networkCode(int code, int subcode) {
		return (subcode != 0) ? code + "/" + subcode : String.valueOf(code);
	}

}
