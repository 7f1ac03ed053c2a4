package io.herald.drivers.bluesky;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Bluesky driver ({@code herald.drivers.bluesky.*}).
 *
 * @param enabled whether the driver is installed
 * @param defaultServiceUrl the PDS (or entryway) used when an account names none
 * @param webUrl where public post and profile links point
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer once a request is sent
 * @param linkCards whether to fetch a page's title for a link card
 */
@ConfigurationProperties("herald.drivers.bluesky")
public record BlueskyProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("https://bsky.social") URI defaultServiceUrl, @DefaultValue("https://bsky.app") URI webUrl,
		@DefaultValue("5s") Duration connectTimeout, @DefaultValue("30s") Duration readTimeout,
		@DefaultValue("true") boolean linkCards) {

	/**
	 * The defaults, for use without Spring.
	 * @return properties with every default
	 */
	public static BlueskyProperties defaults() {
		return new BlueskyProperties(true, URI.create("https://bsky.social"), URI.create("https://bsky.app"),
				Duration.ofSeconds(5), Duration.ofSeconds(30), true);
	}

	/**
	 * These settings talking to another default service.
	 * @param serviceUrl the default PDS
	 * @return a copy
	 */
	public BlueskyProperties withDefaultServiceUrl(URI serviceUrl) {
		return new BlueskyProperties(this.enabled, serviceUrl, this.webUrl, this.connectTimeout, this.readTimeout,
				this.linkCards);
	}

	/**
	 * These settings with another read timeout.
	 * @param readTimeout the read timeout
	 * @return a copy
	 */
	public BlueskyProperties withReadTimeout(Duration readTimeout) {
		return new BlueskyProperties(this.enabled, this.defaultServiceUrl, this.webUrl, this.connectTimeout,
				readTimeout, this.linkCards);
	}

}
