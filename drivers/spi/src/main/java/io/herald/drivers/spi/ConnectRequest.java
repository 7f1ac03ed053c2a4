package io.herald.drivers.spi;

import java.net.URI;
import java.util.Map;

/**
 * Credentials a user enters to connect an account.
 *
 * @param identifier a handle, DID or user name, or {@code null}
 * @param secret an app password, or {@code null}
 * @param serviceUrl the service to connect to (a Bluesky PDS), or {@code null} for the
 * network's default
 * @param settings other network-specific settings
 */
public record ConnectRequest(String identifier, String secret, URI serviceUrl, Map<String, String> settings) {

	public ConnectRequest {
		settings = (settings != null) ? Map.copyOf(settings) : Map.of();
	}

	/** Keeps the secret out of logs. */
	@Override
	public String toString() {
		return "ConnectRequest[identifier=" + this.identifier + ", serviceUrl=" + this.serviceUrl + "]";
	}

}
