package io.herald.api.accounts;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import io.herald.api.problems.ApiException;
import io.herald.api.problems.ProblemType;
import io.herald.api.security.Caller;
import io.herald.core.accounts.Account;
import io.herald.core.workspaces.Role;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Connecting accounts of OAuth networks (X, Instagram): start (API or browser), then the
 * network redirects the browser back to the callback.
 */
@RestController
@Tag(name = "Accounts")
class ConnectController {

	private final OAuthConnections connections;

	ConnectController(OAuthConnections connections) {
		this.connections = connections;
	}

	@PostMapping("/api/v1/accounts/oauth/{network}")
	@Operation(summary = "Start connecting an OAuth account",
			description = "Returns the network's authorization URL; open it in a browser. The network sends the"
					+ " browser back to /connect/{network}/callback, which stores the account in this workspace."
					+ " The link is single use and expires in ten minutes.")
	OAuthConnections.Started start(@AuthenticationPrincipal Caller caller, @PathVariable String network,
			HttpServletRequest request) {
		caller.require(Role.EDITOR);
		return this.connections.start(caller.workspaceId(), caller.userId(), network,
				OAuthConnections.binding(request));
	}

	@GetMapping("/connect/{network}")
	@Operation(summary = "Browser: start connecting an OAuth account (redirects to the network)")
	ResponseEntity<Void> browserStart(@AuthenticationPrincipal Caller caller, @PathVariable String network,
			HttpServletRequest request) {
		caller.require(Role.EDITOR);
		URI target = this.connections
			.start(caller.workspaceId(), caller.userId(), network, OAuthConnections.binding(request))
			.authorizationUrl();
		return ResponseEntity.status(HttpStatus.FOUND).location(target).build();
	}

	@GetMapping("/connect/{network}/callback")
	@Operation(summary = "Where the network sends the browser back after authorization",
			description = "Needs the user who started the connect (signed in, or with their API token); a connect"
					+ " started in a browser session must finish in that session.")
	ResponseEntity<AccountController.AccountView> callback(@AuthenticationPrincipal Caller caller,
			HttpServletRequest request, @PathVariable String network, @RequestParam(required = false) String code,
			@RequestParam(required = false) String state, @RequestParam(required = false) String error,
			@RequestParam(name = "error_description", required = false) String errorDescription,
			@RequestHeader(name = "Accept", required = false) String accept) {
		if (error != null || code == null || state == null) {
			throw new ApiException(ProblemType.CONNECT_FAILED, network + " did not authorize the connection: "
					+ ((errorDescription != null) ? errorDescription : (error != null) ? error : "no code returned"));
		}
		Account account = this.connections.complete(network, state, code, caller.userId(),
				OAuthConnections.binding(request));
		if (accept != null && accept.contains("text/html")) {
			// A person in a browser goes back to the accounts page, not to a JSON body.
			return ResponseEntity.status(HttpStatus.SEE_OTHER)
				.location(URI.create("/accounts?connected=" + account.getId()))
				.build();
		}
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/api/v1/accounts/" + account.getId()))
			.body(AccountController.AccountView.of(account));
	}

}
