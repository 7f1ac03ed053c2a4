package io.herald.api.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.stereotype.Component;

/**
 * Formats instants for pages, always in an explicit zone ({@code ${@times.format(...)}}).
 */
@Component("times")
public class Times {

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm",
			Locale.ENGLISH);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ENGLISH);

	public String format(Instant instant, String zone) {
		return (instant != null) ? DATE_TIME.format(instant.atZone(zone(zone))) : "";
	}

	public String time(Instant instant, String zone) {
		return (instant != null) ? TIME.format(instant.atZone(zone(zone))) : "";
	}

	public String iso(Instant instant) {
		return (instant != null) ? instant.toString() : "";
	}

	static ZoneId zone(String zone) {
		try {
			return (zone != null) ? ZoneId.of(zone) : ZoneId.of("UTC");
		}
		catch (RuntimeException ex) {
			return ZoneId.of("UTC");
		}
	}

}
