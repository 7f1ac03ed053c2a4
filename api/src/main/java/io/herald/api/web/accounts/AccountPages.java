package io.herald.api.web.accounts;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import io.herald.api.accounts.AccountOperations;
import io.herald.api.problems.ApiException;
import io.herald.api.security.Caller;
import io.herald.api.web.UiErrors;
import io.herald.core.accounts.Account;
import io.herald.core.accounts.AccountRepository;
import io.herald.core.accounts.AccountStatus;
import io.herald.core.networks.NetworkRegistry;
import io.herald.core.workspaces.Role;
import io.herald.drivers.spi.Capabilities;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Connected accounts: list, connect (credentials or OAuth), check, reconnect, disconnect.
 */
@Controller
class AccountPages extends UiErrors {

	private static final String BLUESKY = "bluesky";

	private final AccountRepository accounts;

	private final AccountOperations operations;

	private final NetworkRegistry networks;

	AccountPages(AccountRepository accounts, AccountOperations operations, NetworkRegistry networks) {
		this.accounts = accounts;
		this.operations = operations;
		this.networks = networks;
	}

	@GetMapping("/accounts")
	String list(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) UUID connected, Model model) {
		if (connected != null) {
			this.accounts.findInWorkspace(connected, caller.workspaceId())
				.ifPresent((a) -> model.addAttribute("notice",
						"Connected " + a.getHandle() + " on " + a.getNetwork() + "."));
		}
		List<Account> all = this.accounts.findAllInWorkspace(caller.workspaceId())
			.stream()
			.filter((a) -> a.getStatus() != AccountStatus.DISABLED)
			.sorted(Comparator.comparing(Account::getNetwork).thenComparing(Account::getHandle))
			.toList();
		model.addAttribute("accounts", all);
		model.addAttribute("networks", this.networks.networks());
		model.addAttribute("oauthNetworks", connectingWith(Capabilities.ConnectMethod.OAUTH2));
		// Networks that take a pasted access token (Instagram without an app of its own).
		// Bluesky also connects with credentials, but has a form of its own (handle, app
		// password, service URL).
		model.addAttribute("tokenNetworks",
				connectingWith(Capabilities.ConnectMethod.CREDENTIALS).stream()
					.filter((n) -> !BLUESKY.equals(n))
					.toList());
		return "accounts/list";
	}

	@PostMapping("/accounts/connect")
	String connect(@AuthenticationPrincipal Caller caller, @RequestParam String network,
			@RequestParam(required = false) String identifier, @RequestParam(required = false) String secret,
			@RequestParam(required = false) String serviceUrl, RedirectAttributes redirect) {
		caller.require(Role.EDITOR);
		try {
			Account account = this.operations.connect(caller.workspaceId(), network, blankToNull(identifier),
					blankToNull(secret), serviceUrl(serviceUrl));
			redirect.addFlashAttribute("notice",
					"Connected " + account.getHandle() + " on " + account.getNetwork() + ".");
		}
		catch (ApiException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			redirect.addFlashAttribute("failedNetwork", network);
		}
		return "redirect:/accounts";
	}

	@GetMapping("/accounts/oauth/{network}")
	String oauth(@AuthenticationPrincipal Caller caller, @PathVariable String network, HttpServletRequest request,
			RedirectAttributes redirect) {
		caller.require(Role.EDITOR);
		try {
			return "redirect:" + this.operations.startOAuth(caller.workspaceId(), caller.userId(), network, request);
		}
		catch (ApiException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/accounts";
		}
	}

	@PostMapping("/accounts/{id}/check")
	String check(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, RedirectAttributes redirect) {
		caller.require(Role.EDITOR);
		try {
			Account account = this.operations.check(caller.workspaceId(), id);
			redirect.addFlashAttribute((account.getStatus() == AccountStatus.CONNECTED) ? "notice" : "error",
					account.getHandle() + " on " + account.getNetwork() + ": "
							+ ((account.getStatus() == AccountStatus.CONNECTED) ? "connection works."
									: "needs reconnecting (" + account.getStatusReason() + ")."));
		}
		catch (ApiException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/accounts";
	}

	@PostMapping("/accounts/{id}/disconnect")
	String disconnect(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, RedirectAttributes redirect) {
		caller.require(Role.EDITOR);
		this.operations.disconnect(caller.workspaceId(), id);
		redirect.addFlashAttribute("notice", "Disconnected. Its scheduled posts to this account were canceled.");
		return "redirect:/accounts";
	}

	private List<String> connectingWith(Capabilities.ConnectMethod method) {
		return this.networks.networks()
			.stream()
			.filter((n) -> this.networks.find(n).map((b) -> b.capabilities().connectMethod() == method).orElse(false))
			.toList();
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

	private static URI serviceUrl(String value) {
		String url = blankToNull(value);
		if (url == null) {
			return null;
		}
		try {
			URI uri = URI.create(url);
			if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
				throw new IllegalArgumentException("not http");
			}
			return uri;
		}
		catch (IllegalArgumentException ex) {
			throw new ApiException(io.herald.api.problems.ProblemType.INVALID_FIELD,
					"The service URL must look like https://bsky.social.");
		}
	}

}
