package io.herald.api.web.posts;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.UUID;

import io.herald.api.input.InputPolicy;
import io.herald.api.posts.PostOperations;
import io.herald.api.problems.ApiException;
import io.herald.api.security.Caller;
import io.herald.api.web.UiErrors;
import io.herald.core.accounts.Account;
import io.herald.core.accounts.AccountRepository;
import io.herald.core.workspaces.Role;
import io.herald.core.workspaces.WorkspaceRepository;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The post list with filters, and each post's detail with live status.
 */
@Controller
class PostPages extends UiErrors {

	private final PostQueries queries;

	private final PostOperations operations;

	private final AccountRepository accounts;

	private final WorkspaceRepository workspaces;

	PostPages(PostQueries queries, PostOperations operations, AccountRepository accounts,
			WorkspaceRepository workspaces) {
		this.queries = queries;
		this.operations = operations;
		this.accounts = accounts;
		this.workspaces = workspaces;
	}

	@GetMapping("/")
	String home() {
		return "redirect:/posts";
	}

	@GetMapping("/posts")
	String list(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String status,
			@RequestParam(required = false) String account, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String q, Model model) {
		ZoneId zone = zone(caller);
		PostFilter filter = new PostFilter((status != null && PostQueries.STATUSES.contains(status)) ? status : null,
				uuid(account), date("from", from), date("to", to), (q != null && !q.isBlank()) ? q.trim() : null);
		model.addAttribute("posts", this.queries.list(caller.workspaceId(), filter, zone));
		model.addAttribute("filter", filter);
		model.addAttribute("statuses", PostQueries.STATUSES.stream().sorted().toList());
		model.addAttribute("accounts",
				this.accounts.findAllInWorkspace(caller.workspaceId())
					.stream()
					.sorted(Comparator.comparing(Account::getNetwork).thenComparing(Account::getHandle))
					.toList());
		model.addAttribute("zone", zone.getId());
		return "posts/list";
	}

	@GetMapping("/posts/{id}")
	String detail(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, Model model) {
		model.addAttribute("post", find(caller, id));
		model.addAttribute("media", this.queries.media(caller.workspaceId(), id));
		return "posts/detail";
	}

	@GetMapping("/posts/{id}/status")
	String status(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, Model model) {
		model.addAttribute("post", find(caller, id));
		return "posts/detail :: status";
	}

	@PostMapping("/posts/{id}/cancel")
	String cancel(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, RedirectAttributes redirect) {
		caller.require(Role.EDITOR);
		try {
			this.operations.cancel(caller.workspaceId(), id);
			redirect.addFlashAttribute("notice", "Canceled.");
		}
		catch (ApiException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return this.queries.get(caller.workspaceId(), id).isPresent() ? "redirect:/posts/" + id : "redirect:/posts";
	}

	private PostRow find(Caller caller, UUID id) {
		return this.queries.get(caller.workspaceId(), id).orElseThrow(() -> ApiException.notFound("Post"));
	}

	private ZoneId zone(Caller caller) {
		return ZoneId.of(this.workspaces.findById(caller.workspaceId()).map((w) -> w.getTimeZone()).orElse("UTC"));
	}

	private static UUID uuid(String value) {
		try {
			return (value != null && !value.isBlank()) ? UUID.fromString(value) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static LocalDate date(String field, String value) {
		LocalDate parsed;
		try {
			parsed = (value != null && !value.isBlank()) ? LocalDate.parse(value) : null;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
		return InputPolicy.date(field, parsed);
	}

}
