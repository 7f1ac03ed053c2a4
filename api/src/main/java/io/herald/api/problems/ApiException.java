package io.herald.api.problems;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A client-visible failure: becomes a problem document of its {@link ProblemType}.
 */
public class ApiException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final ProblemType type;

	private final transient Map<String, Object> properties;

	public ApiException(ProblemType type, String detail) {
		this(type, detail, Map.of());
	}

	public ApiException(ProblemType type, String detail, Map<String, Object> properties) {
		super(detail);
		this.type = type;
		this.properties = new LinkedHashMap<>(properties);
	}

	public ProblemType type() {
		return this.type;
	}

	public Map<String, Object> properties() {
		return this.properties;
	}

	public static ApiException notFound(String what) {
		return new ApiException(ProblemType.NOT_FOUND, what + " not found.");
	}

}
