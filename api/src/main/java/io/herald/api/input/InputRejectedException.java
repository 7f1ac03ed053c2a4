package io.herald.api.input;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * A JSON value that is well formed but breaks the {@link InputPolicy}; Jackson adds the
 * path of the field on its way out.
 */
public class InputRejectedException extends InvalidFormatException {

	private static final long serialVersionUID = 1L;

	private final String reason;

	InputRejectedException(JsonParser parser, String reason, Object value, Class<?> targetType) {
		super(parser, reason, value, targetType);
		this.reason = reason;
	}

	public String reason() {
		return this.reason;
	}

}
