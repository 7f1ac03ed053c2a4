package io.herald.drivers.spi;

/**
 * What a network accepts. Callers (API validation, UI counters, the engine) read these
 * instead of asking which network they talk to.
 *
 * @param text how long a post may be and how length is counted
 * @param media which media and how many
 * @param altText rules for image descriptions
 * @param threads whether a post may have further parts published as replies
 * @param firstComment whether a first comment can be added after publishing
 * @param needsPublicMediaUrls whether the network fetches media from a public URL itself
 * @param connectMethod how a user connects an account
 */
public record Capabilities(TextRules text, MediaRules media, AltTextRules altText, boolean threads,
		boolean firstComment, boolean needsPublicMediaUrls, ConnectMethod connectMethod) {

	/** How a user connects an account of a network. */
	public enum ConnectMethod {

		/** Nothing to enter (the sandbox). */
		NONE,

		/** An identifier, a secret (app password) and optionally a service URL. */
		CREDENTIALS,

		/** A browser redirect through the network's OAuth authorization server. */
		OAUTH2

	}

}
