package io.herald.api.accounts;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import io.herald.core.accounts.Account;

import org.springframework.stereotype.Component;

/**
 * The account operations the web UI uses: the same service, and so the same rules, as the
 * REST API.
 */
@Component
public class AccountOperations {

	private final AccountService accounts;

	private final OAuthConnections connections;

	AccountOperations(AccountService accounts, OAuthConnections connections) {
		this.accounts = accounts;
		this.connections = connections;
	}

	/**
	 * Starts connecting an account of an OAuth network.
	 * @param workspaceId the workspace
	 * @param userId the user connecting it
	 * @param network the network id
	 * @param request the browser's request, whose session the connect is bound to
	 * @return the network's authorization URL to send the browser to
	 */
	public URI startOAuth(UUID workspaceId, UUID userId, String network, HttpServletRequest request) {
		return this.connections.start(workspaceId, userId, network, OAuthConnections.binding(request))
			.authorizationUrl();
	}

	/**
	 * Connects (or reconnects) an account of a network that takes credentials.
	 * @param workspaceId the workspace
	 * @param network the network id
	 * @param identifier handle or DID
	 * @param secret app password, or {@code null}
	 * @param serviceUrl the service URL, or {@code null} for the network's default
	 * @return the account
	 */
	public Account connect(UUID workspaceId, String network, String identifier, String secret, URI serviceUrl) {
		return this.accounts
			.connect(workspaceId,
					new AccountController.ConnectAccountRequest(network, identifier, secret, serviceUrl, Map.of()))
			.account();
	}

	/**
	 * Checks that an account's credentials still work.
	 * @param workspaceId the workspace
	 * @param accountId the account
	 * @return the account with its updated status
	 */
	public Account check(UUID workspaceId, UUID accountId) {
		return this.accounts.check(workspaceId, accountId);
	}

	/**
	 * Disconnects an account.
	 * @param workspaceId the workspace
	 * @param accountId the account
	 */
	public void disconnect(UUID workspaceId, UUID accountId) {
		this.accounts.disconnect(workspaceId, accountId);
	}

}
