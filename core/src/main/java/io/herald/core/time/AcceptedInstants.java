package io.herald.core.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The instants Herald accepts from outside (request fields, query parameters, decoded
 * cursors): 1970-01-01T00:00:00Z up to 9999-12-31T23:59:59.999999Z. Java and Postgres
 * disagree at the extremes (Postgres stops at 4713 BC and 294276 AD, {@code Timestamp}
 * overflows far earlier than {@code Instant}, years before 1582 change calendar on the
 * way), so one range that every layer handles the same keeps an extreme date a 400 and
 * never a 500. No post is scheduled before 1970 or after 9999.
 */
public final class AcceptedInstants {

	public static final Instant MIN = Instant.EPOCH;

	public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

	public static final LocalDate MIN_DATE = LocalDate.ofInstant(MIN, ZoneOffset.UTC);

	public static final LocalDate MAX_DATE = LocalDate.ofInstant(MAX, ZoneOffset.UTC);

	private AcceptedInstants() {
	}

	public static boolean contains(Instant instant) {
		return !instant.isBefore(MIN) && !instant.isAfter(MAX);
	}

	/**
	 * Whether a calendar date (a day in some zone) is in the same years. A day at either
	 * end reaches up to 14 hours past the instant range in a far zone, which Java and
	 * Postgres both still handle.
	 * @param date a calendar date
	 * @return {@code true} when the date is between {@link #MIN_DATE} and
	 * {@link #MAX_DATE}
	 */
	public static boolean contains(LocalDate date) {
		return !date.isBefore(MIN_DATE) && !date.isAfter(MAX_DATE);
	}

	/**
	 * The accepted range in words, for error messages.
	 * @return the range
	 */
	public static String describe() {
		return "between " + MIN + " and " + MAX;
	}

}
