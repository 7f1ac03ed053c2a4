package io.herald.api.web.calendar;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Hidden;

import io.herald.api.input.InputPolicy;
import io.herald.api.posts.PostOperations;
import io.herald.api.problems.ApiException;
import io.herald.api.security.Caller;
import io.herald.api.web.UiErrors;
import io.herald.api.web.posts.PostQueries;
import io.herald.api.web.posts.PostRow;
import io.herald.api.web.posts.TargetRow;
import io.herald.core.workspaces.Role;
import io.herald.core.workspaces.WorkspaceRepository;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Month and week views of scheduled and published posts, one entry per account, coloured
 * by network, in the workspace's time zone.
 */
@Controller
class CalendarPages extends UiErrors {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

	private static final DateTimeFormatter MOVED = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.ENGLISH);

	private final PostQueries queries;

	private final WorkspaceRepository workspaces;

	private final PostOperations posts;

	private final Clock clock;

	CalendarPages(PostQueries queries, WorkspaceRepository workspaces, PostOperations posts, Clock clock) {
		this.queries = queries;
		this.workspaces = workspaces;
		this.posts = posts;
		this.clock = clock;
	}

	@GetMapping("/calendar")
	String calendar(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String date,
			@RequestParam(defaultValue = "month") String view, Model model) {
		ZoneId zone = ZoneId
			.of(this.workspaces.findById(caller.workspaceId()).map((w) -> w.getTimeZone()).orElse("UTC"));
		LocalDate today = LocalDate.now(this.clock.withZone(zone));
		LocalDate anchor = parse(date, today);
		boolean week = "week".equals(view);
		LocalDate first;
		LocalDate last;
		if (week) {
			first = anchor.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
			last = first.plusDays(6);
		}
		else {
			YearMonth month = YearMonth.from(anchor);
			first = month.atDay(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
			last = month.atEndOfMonth().with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
		}
		Map<LocalDate, List<Entry>> byDay = new LinkedHashMap<>();
		for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
			byDay.put(d, new ArrayList<>());
		}
		List<PostRow> posts = this.queries.between(caller.workspaceId(), first.atStartOfDay(zone).toInstant(),
				last.plusDays(1).atStartOfDay(zone).toInstant());
		for (PostRow post : posts) {
			var local = post.scheduledAt().atZone(zone);
			boolean movable = post.cancelable() && "SCHEDULED".equals(post.status()) && !post.publishNow();
			for (TargetRow target : post.targets()) {
				if ("CANCELED".equals(target.status())) {
					continue;
				}
				byDay.get(local.toLocalDate())
					.add(new Entry(post.id().toString(), TIME.format(local), target.network(), target.handle(),
							target.status(), post.text(), movable));
			}
		}
		List<List<Day>> weeks = new ArrayList<>();
		List<Day> current = new ArrayList<>();
		for (Map.Entry<LocalDate, List<Entry>> day : byDay.entrySet()) {
			current.add(new Day(day.getKey(), day.getKey().getDayOfMonth(),
					week || day.getKey().getMonth() == anchor.getMonth(), day.getKey().equals(today), day.getValue()));
			if (current.size() == 7) {
				weeks.add(current);
				current = new ArrayList<>();
			}
		}
		model.addAttribute("weeks", weeks);
		model.addAttribute("view", week ? "week" : "month");
		model.addAttribute("zone", zone.getId());
		model.addAttribute("heading",
				week ? "Week of " + first.format(DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH))
						: anchor.format(DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH)));
		model.addAttribute("previous", week ? first.minusWeeks(1) : anchor.withDayOfMonth(1).minusMonths(1));
		model.addAttribute("next", week ? first.plusWeeks(1) : anchor.withDayOfMonth(1).plusMonths(1));
		model.addAttribute("anchor", anchor);
		model.addAttribute("empty", posts.isEmpty());
		return "calendar/calendar";
	}

	// A part of the calendar page (htmx), not of the API.
	@Hidden
	@PostMapping("/calendar/reschedule")
	@ResponseBody
	ResponseEntity<String> reschedule(@AuthenticationPrincipal Caller caller, @RequestParam UUID post,
			@RequestParam String date) {
		caller.require(Role.EDITOR);
		PostRow row = this.queries.get(caller.workspaceId(), post).orElseThrow(() -> ApiException.notFound("Post"));
		LocalDate day = parse(date, null);
		if (day == null || row.scheduledAt() == null || row.publishNow()) {
			return ResponseEntity.unprocessableContent().body("Only scheduled posts can be moved to another day.");
		}
		ZoneId zone = ZoneId.of(row.timeZone());
		// The time entered, not the instant's: a post entered at 02:30 on a gap day goes
		// out at 03:30, yet moved to another day it goes out at 02:30 again.
		LocalDateTime entered = (row.localScheduledAt() != null) ? row.localScheduledAt()
				: LocalDateTime.ofInstant(row.scheduledAt(), zone);
		LocalDateTime moved = day.atTime(entered.toLocalTime());
		Instant goesOut;
		try {
			goesOut = this.posts.reschedule(caller.workspaceId(), post, row.version(), moved.toString(), zone.getId());
		}
		catch (ApiException ex) {
			return ResponseEntity.status(ex.type().status()).body(ex.getMessage());
		}
		LocalDateTime shown = LocalDateTime.ofInstant(goesOut, zone);
		String gap = shown.equals(moved) ? "" : " (" + TIME.format(moved) + " does not exist that day)";
		return ResponseEntity.ok("Moved to " + MOVED.format(shown) + " " + zone.getId() + gap + ".");
	}

	private static LocalDate parse(String date, LocalDate fallback) {
		if (date == null || date.isBlank()) {
			return fallback;
		}
		LocalDate parsed;
		try {
			parsed = LocalDate.parse(date);
		}
		catch (DateTimeParseException ex) {
			return fallback;
		}
		return InputPolicy.date("date", parsed);
	}

	/**
	 * A day cell.
	 *
	 * @param date the date
	 * @param number the day of the month
	 * @param inRange whether it is in the month shown
	 * @param today whether it is today
	 * @param entries what is scheduled
	 */
	public record Day(LocalDate date, int number, boolean inRange, boolean today, List<Entry> entries) {
	}

	/**
	 * One post to one account on a day.
	 *
	 * @param postId the post
	 * @param time local time
	 * @param network the network
	 * @param handle the account
	 * @param status the target's status
	 * @param text the post's text
	 * @param movable whether it can be dragged to another day
	 */
	public record Entry(String postId, String time, String network, String handle, String status, String text,
			boolean movable) {
	}

}
