package io.herald.api.input;

import java.text.ParseException;
import java.time.Instant;
import java.util.Locale;

import org.springframework.format.datetime.standard.InstantFormatter;

/**
 * Reads an instant parameter ({@code ?from=2026-05-01T00:00:00Z}) the way Spring does,
 * and holds it to the accepted range.
 */
public final class CheckedInstantParameter {

	private static final InstantFormatter SPRING = new InstantFormatter();

	private CheckedInstantParameter() {
	}

	static Instant convert(String value) {
		if (value.isBlank()) {
			return null;
		}
		Instant instant;
		try {
			instant = SPRING.parse(value.trim(), Locale.ROOT);
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException(ex.getMessage(), ex);
		}
		InputPolicy.instantViolation(instant).ifPresent((reason) -> {
			throw new OutOfRange(reason);
		});
		return instant;
	}

	/** An instant parameter that parsed but is outside the accepted range. */
	public static final class OutOfRange extends IllegalArgumentException {

		private static final long serialVersionUID = 1L;

		OutOfRange(String reason) {
			super(reason);
		}

	}

}
