package io.herald.drivers.spi;

import java.net.URI;

/**
 * The public face of a connected account.
 *
 * @param remoteUserId the account's id on the network
 * @param handle the account's handle
 * @param displayName the display name, or {@code null}
 * @param profileUrl the public profile URL, or {@code null}
 */
public record AccountProfile(String remoteUserId, String handle, String displayName, URI profileUrl) {
}
