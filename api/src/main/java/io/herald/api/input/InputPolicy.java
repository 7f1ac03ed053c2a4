package io.herald.api.input;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import io.herald.api.problems.ApiException;
import io.herald.api.problems.ProblemType;
import io.herald.core.time.AcceptedInstants;

/**
 * The rules every value from outside meets before Herald uses it, whichever way it came
 * (JSON body, query or form parameter, multipart field, Basic credentials, decoded
 * cursor): text without NUL characters or unpaired surrogates (Postgres and UTF-8 cannot
 * hold them), and instants and dates within {@link AcceptedInstants}. A breach is a 400
 * {@code invalid-field} problem naming the field.
 */
public final class InputPolicy {

	private InputPolicy() {
	}

	/**
	 * Why a text breaks the policy.
	 * @param value the text
	 * @return the reason, empty when the text is acceptable
	 */
	public static Optional<String> textViolation(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\u0000') {
				return Optional.of("must not contain a NUL character (U+0000)");
			}
			if (Character.isHighSurrogate(c) && i + 1 < value.length()
					&& Character.isLowSurrogate(value.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return Optional.of("must not contain an unpaired surrogate (U+D800 to U+DFFF); send valid Unicode");
			}
		}
		return Optional.empty();
	}

	public static Optional<String> instantViolation(Instant value) {
		return AcceptedInstants.contains(value) ? Optional.empty()
				: Optional.of("must be " + AcceptedInstants.describe());
	}

	public static Optional<String> dateViolation(LocalDate value) {
		return AcceptedInstants.contains(value) ? Optional.empty()
				: Optional.of("must be between " + AcceptedInstants.MIN_DATE + " and " + AcceptedInstants.MAX_DATE);
	}

	public static String text(String field, String value) {
		if (value != null) {
			textViolation(value).ifPresent((reason) -> reject(field, reason));
		}
		return value;
	}

	public static Instant instant(String field, Instant value) {
		if (value != null) {
			instantViolation(value).ifPresent((reason) -> reject(field, reason));
		}
		return value;
	}

	public static LocalDate date(String field, LocalDate value) {
		if (value != null) {
			dateViolation(value).ifPresent((reason) -> reject(field, reason));
		}
		return value;
	}

	/**
	 * The first parameter (name or value) that breaks the policy.
	 * @param parameters query, form or multipart parameters, or header values
	 * @return the problem, empty when every parameter is acceptable
	 */
	public static Optional<ApiException> parameters(Map<String, String[]> parameters) {
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			Optional<String> violation = textViolation(parameter.getKey());
			if (violation.isPresent()) {
				return Optional.of(rejection("parameter name", violation.get()));
			}
			for (String value : parameter.getValue()) {
				violation = (value != null) ? textViolation(value) : Optional.empty();
				if (violation.isPresent()) {
					return Optional.of(rejection(parameter.getKey(), violation.get()));
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * The problem for a value that breaks the policy.
	 * @param field the field, JSON path or parameter name
	 * @param reason what is wrong with it
	 * @return the exception to throw
	 */
	public static ApiException rejection(String field, String reason) {
		return new ApiException(ProblemType.INVALID_FIELD, "'" + field + "' " + reason + ".", Map.of("field", field));
	}

	private static void reject(String field, String reason) {
		throw rejection(field, reason);
	}

}
