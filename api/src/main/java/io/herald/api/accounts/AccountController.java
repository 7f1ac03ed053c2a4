package io.herald.api.accounts;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.herald.api.security.Caller;
import io.herald.core.accounts.Account;
import io.herald.core.accounts.AccountStatus;
import io.herald.core.workspaces.Role;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/accounts")
@Tag(name = "Accounts", description = "Connected social-network accounts")
class AccountController {

	private final AccountService accounts;

	AccountController(AccountService accounts) {
		this.accounts = accounts;
	}

	@PostMapping
	@Operation(summary = "Connect an account",
			description = "For networks connected with credentials: sandbox (only a handle), Bluesky (handle or DID,"
					+ " app password, optional serviceUrl of a self-hosted PDS). OAuth networks (X, Instagram) connect"
					+ " through /connect/{network} in the browser. Connecting an account that is already connected"
					+ " refreshes its credentials.")
	ResponseEntity<AccountView> connect(@AuthenticationPrincipal Caller caller,
			@Valid @RequestBody ConnectAccountRequest request) {
		caller.require(Role.EDITOR);
		AccountService.Connected connected = this.accounts.connect(caller.workspaceId(), request);
		AccountView view = AccountView.of(connected.account());
		return ResponseEntity.status(connected.created() ? HttpStatus.CREATED : HttpStatus.OK)
			.location(URI.create("/api/v1/accounts/" + view.id()))
			.body(view);
	}

	@GetMapping
	@Operation(summary = "List the workspace's accounts")
	List<AccountView> list(@AuthenticationPrincipal Caller caller) {
		return this.accounts.list(caller.workspaceId()).stream().map(AccountView::of).toList();
	}

	@GetMapping("/{id}")
	@Operation(summary = "Get an account")
	AccountView get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
		return AccountView.of(this.accounts.get(caller.workspaceId(), id));
	}

	@PostMapping("/{id}/check")
	@Operation(summary = "Check that the account's credentials still work",
			description = "Calls the network. Expired sessions are refreshed; revoked ones mark the account"
					+ " NEEDS_RECONNECT.")
	AccountView check(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
		caller.require(Role.EDITOR);
		return AccountView.of(this.accounts.check(caller.workspaceId(), id));
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Disconnect an account",
			description = "Its scheduled targets are canceled. Accounts with publishing history are kept as DISABLED"
					+ " (credentials erased) so past posts keep their account; others are deleted.")
	void delete(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
		caller.require(Role.EDITOR);
		this.accounts.disconnect(caller.workspaceId(), id);
	}

	@Schema(description = "Credentials for a network that connects without OAuth")
	record ConnectAccountRequest(
			@Schema(example = "sandbox", description = "Network id") @NotBlank @Size(max = 32) String network,
			@Schema(example = "demo", description = "Handle, DID or user name") @Size(max = 256) String identifier,
			@Schema(description = "App password (Bluesky); stored encrypted") @Size(max = 1024) String secret,
			@Schema(example = "https://bsky.social",
					description = "Bluesky PDS; https on a public address unless the operator allows the host"
							+ " (HERALD_OUTBOUND_ALLOWED_HOSTS)") URI serviceUrl,
			Map<String, String> settings) {

		@Override
		public String toString() {
			return "ConnectAccountRequest[network=" + this.network + ", identifier=" + this.identifier + "]";
		}

	}

	record AccountView(UUID id, String network, String handle, String displayName, String remoteUserId,
			String serviceUrl, AccountStatus status, String statusReason, Instant tokenExpiresAt, Instant createdAt) {

		static AccountView of(Account a) {
			return new AccountView(a.getId(), a.getNetwork(), a.getHandle(), a.getDisplayName(), a.getRemoteUserId(),
					a.getServiceUrl(), a.getStatus(), a.getStatusReason(), a.getTokenExpiresAt(), a.getCreatedAt());
		}

	}

}
