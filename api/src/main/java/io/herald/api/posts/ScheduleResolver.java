package io.herald.api.posts;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.function.Supplier;

import io.herald.api.input.InputPolicy;
import io.herald.api.problems.ApiException;
import io.herald.api.problems.ProblemType;

/**
 * Turns what a user typed into the instant a post goes out.
 * <p>
 * {@code scheduledAt} with an offset ({@code 2026-03-29T02:30:00+02:00} or {@code ...Z})
 * is that instant. Without an offset it is a wall-clock time in {@code timeZone} (or the
 * workspace's zone). Where the clocks jump forward and the time does not exist (a DST
 * gap), the post goes out at the same distance after the jump: 02:30 in a one-hour gap
 * becomes 03:30. Where they fall back and the time happens twice (an overlap), the post
 * goes out at the first occurrence (the earlier offset). These are java.time's and RFC
 * 5545's rules.
 */
final class ScheduleResolver {

	private static final String FIELD = "scheduledAt";

	private ScheduleResolver() {
	}

	static ZoneId zone(String timeZone, Supplier<String> fallback) {
		String id = (timeZone != null && !timeZone.isBlank()) ? timeZone.trim() : fallback.get();
		try {
			return ZoneId.of(id);
		}
		catch (DateTimeException ex) {
			throw new ApiException(ProblemType.BAD_TIME_ZONE,
					"'" + id + "' is not an IANA time zone id (for example Europe/Berlin).",
					java.util.Map.of("field", "timeZone"));
		}
	}

	static Resolved resolve(String scheduledAt, ZoneId zone) {
		String value = scheduledAt.trim();
		try {
			OffsetDateTime withOffset = OffsetDateTime.parse(value);
			// Checked before it is shown in the zone: at the ends of time that overflows.
			Instant instant = InputPolicy.instant(FIELD, withOffset.toInstant());
			return new Resolved(instant, LocalDateTime.ofInstant(instant, zone), zone);
		}
		catch (DateTimeParseException notAnInstant) {
			LocalDateTime local = local(value);
			Instant instant = InputPolicy.instant(FIELD, ZonedDateTime.ofLocal(local, zone, null).toInstant());
			return new Resolved(instant, local, zone);
		}
	}

	private static LocalDateTime local(String value) {
		try {
			return LocalDateTime.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new ApiException(ProblemType.INVALID_FIELD,
					"'" + value + "' is not an ISO-8601 date-time (2026-05-01T09:30:00Z, 2026-05-01T09:30:00+02:00, or"
							+ " 2026-05-01T09:30 with timeZone).",
					java.util.Map.of("field", FIELD));
		}
	}

	/**
	 * A resolved schedule.
	 *
	 * @param instant when the post goes out
	 * @param local the wall-clock time the user entered (or the instant's local time)
	 * @param zone the zone it is shown in
	 */
	record Resolved(Instant instant, LocalDateTime local, ZoneId zone) {

		/**
		 * An edit that leaves the instant and zone alone keeps the wall-clock time first
		 * entered. An edit repeats the stored instant, whose local time differs from what
		 * was typed only in a gap (02:30 entered, 03:30 shown); without this a text edit
		 * would overwrite the 02:30, and a calendar move off the gap day would go out at
		 * 03:30.
		 */
		Resolved keepingEntered(Instant previous, LocalDateTime entered) {
			if (entered == null || !this.instant.equals(previous) || entered.equals(this.local)) {
				return this;
			}
			ZonedDateTime again = ZonedDateTime.ofLocal(entered, this.zone,
					this.zone.getRules().getOffset(this.instant));
			return again.toInstant().equals(this.instant) ? new Resolved(this.instant, entered, this.zone) : this;
		}

	}

}
