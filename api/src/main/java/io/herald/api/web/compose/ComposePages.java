package io.herald.api.web.compose;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import io.herald.api.posts.PostOperations;
import io.herald.api.problems.ApiException;
import io.herald.api.security.Caller;
import io.herald.api.web.UiErrors;
import io.herald.core.accounts.Account;
import io.herald.core.accounts.AccountRepository;
import io.herald.core.accounts.AccountStatus;
import io.herald.core.networks.NetworkRegistry;
import io.herald.core.workspaces.Role;
import io.herald.core.workspaces.WorkspaceRepository;
import io.herald.drivers.spi.TextRules;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Compose once, tailor per account, schedule: the form, its live checks and its submit.
 */
@Controller
class ComposePages extends UiErrors {

	private static final List<String> ZONES = ZoneId.getAvailableZoneIds()
		.stream()
		.filter((z) -> z.contains("/") && !z.startsWith("Etc/") && !z.startsWith("SystemV/"))
		.sorted()
		.toList();

	private final AccountRepository accounts;

	private final WorkspaceRepository workspaces;

	private final NetworkRegistry networks;

	private final PostOperations posts;

	private final Clock clock;

	ComposePages(AccountRepository accounts, WorkspaceRepository workspaces, NetworkRegistry networks,
			PostOperations posts, Clock clock) {
		this.accounts = accounts;
		this.workspaces = workspaces;
		this.networks = networks;
		this.posts = posts;
		this.clock = clock;
	}

	@GetMapping("/compose")
	String form(@AuthenticationPrincipal Caller caller, Model model) {
		caller.require(Role.EDITOR);
		String zone = workspaceZone(caller);
		LocalDateTime inAnHour = LocalDateTime.now(this.clock.withZone(ZoneId.of(zone)))
			.plusHours(1)
			.truncatedTo(ChronoUnit.HOURS);
		return show(caller, ComposeForm.empty(inAnHour.toString(), zone), model);
	}

	@PostMapping("/compose")
	String submit(@AuthenticationPrincipal Caller caller, @RequestParam MultiValueMap<String, String> params,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		caller.require(Role.EDITOR);
		ComposeForm form = ComposeForm.of(params);
		try {
			UUID id = this.posts.create(caller.workspaceId(), caller.userId(), form.composed());
			redirect.addFlashAttribute("notice", switch (form.action()) {
				case "draft" -> "Draft saved.";
				case "now" -> "Publishing now.";
				default -> "Scheduled.";
			});
			return "redirect:/posts/" + id;
		}
		catch (ApiException ex) {
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
			model.addAttribute("error", ex.getMessage());
			model.addAttribute("issues", PostOperations.issues(ex));
			return show(caller, form, model);
		}
	}

	@PostMapping("/compose/check")
	String check(@AuthenticationPrincipal Caller caller, @RequestParam MultiValueMap<String, String> params,
			Model model) {
		ComposeForm form = ComposeForm.of(params);
		Map<UUID, Account> byId = new TreeMap<>();
		this.accounts.findAllInWorkspace(caller.workspaceId(), form.accountIds())
			.forEach((a) -> byId.put(a.getId(), a));
		List<Counter> counters = new ArrayList<>();
		for (UUID id : form.accountIds()) {
			Account account = byId.get(id);
			if (account != null) {
				counters.add(counter(account, form.textFor(id), form.parts()));
			}
		}
		model.addAttribute("counters", counters);
		model.addAttribute("baseLength", form.text().codePointCount(0, form.text().length()));
		if (!form.accountIds().isEmpty()) {
			try {
				model.addAttribute("issues", this.posts.validate(caller.workspaceId(), form.composed()));
			}
			catch (ApiException ex) {
				model.addAttribute("checkError", ex.getMessage());
			}
		}
		model.addAttribute("handles", handles(byId.values()));
		return "compose/checks :: checks";
	}

	@GetMapping("/compose/part")
	String part() {
		return "compose/form :: part";
	}

	private String show(Caller caller, ComposeForm form, Model model) {
		List<Account> connectable = this.accounts.findAllInWorkspace(caller.workspaceId())
			.stream()
			.filter((a) -> a.getStatus() != AccountStatus.DISABLED)
			.sorted(Comparator.comparing(Account::getHandle))
			.toList();
		Map<String, List<Account>> groups = new TreeMap<>();
		connectable.forEach((a) -> groups.computeIfAbsent(a.getNetwork(), (n) -> new ArrayList<>()).add(a));
		model.addAttribute("groups", groups);
		model.addAttribute("limits", limits(groups.keySet()));
		model.addAttribute("form", form);
		String workspaceZone = workspaceZone(caller);
		model.addAttribute("zones", zones(workspaceZone, form.zone()));
		model.addAttribute("workspaceZone", workspaceZone);
		model.addAttribute("handles", handles(connectable));
		return "compose/form";
	}

	private Map<String, String> limits(Iterable<String> networkIds) {
		Map<String, String> limits = new TreeMap<>();
		for (String network : networkIds) {
			this.networks.find(network).ifPresent((backend) -> {
				TextRules rules = backend.capabilities().text();
				limits.put(network, rules.maxLength() + " " + TextCounter.unit(rules.counting()));
			});
		}
		return limits;
	}

	private Counter counter(Account account, String text, List<String> parts) {
		return this.networks.find(account.getNetwork()).map((backend) -> {
			TextRules rules = backend.capabilities().text();
			int length = TextCounter.length(text, rules.counting());
			int hashtags = Hashtags.count(text);
			List<Integer> partLengths = parts.stream().map((p) -> TextCounter.length(p, rules.counting())).toList();
			return new Counter(account.getId(), account.getNetwork(), account.getHandle(), text, length,
					rules.maxLength(), TextCounter.unit(rules.counting()), hashtags,
					(rules.maxHashtags() == TextRules.UNLIMITED) ? null : rules.maxHashtags(), partLengths,
					backend.capabilities().threads());
		})
			.orElse(new Counter(account.getId(), account.getNetwork(), account.getHandle(), text, 0, 0, "", 0, null,
					List.of(), false));
	}

	private static Map<UUID, String> handles(Iterable<Account> accounts) {
		Map<UUID, String> handles = new TreeMap<>();
		accounts.forEach((a) -> handles.put(a.getId(), a.getHandle() + " on " + a.getNetwork()));
		return handles;
	}

	/**
	 * The menu's zones. The region list leaves out ids such as {@code UTC}; a workspace
	 * or a post may still use one, and a menu without it would preselect its first entry
	 * instead.
	 */
	static List<String> zones(String... inUse) {
		Set<String> zones = new TreeSet<>(ZONES);
		for (String zone : inUse) {
			if (zone != null && !zone.isBlank()) {
				zones.add(zone);
			}
		}
		return List.copyOf(zones);
	}

	private String workspaceZone(Caller caller) {
		return this.workspaces.findById(caller.workspaceId()).map((w) -> w.getTimeZone()).orElse("UTC");
	}

	/**
	 * One account's live counter.
	 */
	public record Counter(UUID accountId, String network, String handle, String text, int length, int max, String unit,
			int hashtags, Integer maxHashtags, List<Integer> partLengths, boolean threads) {

		public boolean over() {
			return this.max > 0 && (this.length > this.max || this.partLengths.stream().anyMatch((l) -> l > this.max));
		}

		public boolean tooManyHashtags() {
			return this.maxHashtags != null && this.hashtags > this.maxHashtags;
		}

		public int remaining() {
			return this.max - this.length;
		}

	}

}
