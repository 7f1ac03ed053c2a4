package io.herald.drivers.instagram;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the Instagram driver, bound from {@code herald.drivers.instagram.*}.
 * <p>
 * Herald talks to the "Instagram API with Instagram Login" (Business Login for
 * Instagram): the host is {@code graph.instagram.com}, accounts need no Facebook Page,
 * and long-lived tokens are refreshed with {@code ig_refresh_token}. The Facebook Login
 * variant ({@code graph.facebook.com}) uses other tokens and is not supported.
 *
 * @param enabled whether the driver is registered at all
 * @param graphBaseUrl the Graph host ({@code INSTAGRAM_GRAPH_BASE_URL})
 * @param apiVersion the version path segment, such as {@code v23.0}; blank for the host's
 * default version
 * @param oauthBaseUrl the host that exchanges authorization codes
 * ({@code api.instagram.com})
 * @param authorizeUrl the authorization window users are sent to
 * @param appId the Instagram app id ({@code INSTAGRAM_APP_ID}); without it and the secret
 * only token connection works
 * @param appSecret the Instagram app secret ({@code INSTAGRAM_APP_SECRET})
 * @param pollInterval how long to wait before first looking at a processing container
 * again; later looks back off up to once a minute, the rate Meta recommends
 * @param processingDeadline how long a container may stay {@code IN_PROGRESS} before the
 * publication fails; Meta documents Reel processing in minutes, and a container expires
 * after 24 hours
 * @param rateLimitBackoff when to retry after a rate limit that names no time
 * @param fallbackPublishingLimit posts per 24 hours assumed when the API does not say
 * @param convertsImagesToJpeg whether Herald hands Instagram a JPEG copy (sRGB, quality
 * 0.9, no metadata) of PNG or WebP images at their public URLs, so such uploads are
 * acceptable; when false they are refused as {@code media_kind_unsupported}
 * @param maxContainerRounds how often to start over with new containers after an expired
 * container or a passing processing error
 * @param connectTimeout TCP connect timeout
 * @param readTimeout read timeout of one call
 */
@ConfigurationProperties("herald.drivers.instagram")
public record InstagramProperties(Boolean enabled, URI graphBaseUrl, String apiVersion, URI oauthBaseUrl,
		URI authorizeUrl, String appId, String appSecret, Duration pollInterval, Duration processingDeadline,
		Duration rateLimitBackoff, Integer fallbackPublishingLimit, Boolean convertsImagesToJpeg,
		Integer maxContainerRounds, Duration connectTimeout, Duration readTimeout) {

	public InstagramProperties {
		enabled = (enabled != null) ? enabled : Boolean.TRUE;
		graphBaseUrl = (graphBaseUrl != null) ? graphBaseUrl : URI.create("https://graph.instagram.com");
		apiVersion = (apiVersion != null) ? apiVersion.trim() : "v23.0";
		oauthBaseUrl = (oauthBaseUrl != null) ? oauthBaseUrl : URI.create("https://api.instagram.com");
		authorizeUrl = (authorizeUrl != null) ? authorizeUrl : URI.create("https://www.instagram.com/oauth/authorize");
		pollInterval = (pollInterval != null) ? pollInterval : Duration.ofSeconds(15);
		processingDeadline = (processingDeadline != null) ? processingDeadline : Duration.ofMinutes(20);
		rateLimitBackoff = (rateLimitBackoff != null) ? rateLimitBackoff : Duration.ofMinutes(15);
		fallbackPublishingLimit = (fallbackPublishingLimit != null) ? fallbackPublishingLimit : 50;
		convertsImagesToJpeg = (convertsImagesToJpeg != null) ? convertsImagesToJpeg : Boolean.TRUE;
		maxContainerRounds = (maxContainerRounds != null) ? maxContainerRounds : 3;
		connectTimeout = (connectTimeout != null) ? connectTimeout : Duration.ofSeconds(10);
		readTimeout = (readTimeout != null) ? readTimeout : Duration.ofSeconds(60);
	}

	/**
	 * Defaults pointing at one base URL for every host, as for a fake or a proxy.
	 * @param baseUrl the Graph and OAuth host
	 * @return the properties
	 */
	public static InstagramProperties forBaseUrl(URI baseUrl) {
		return new InstagramProperties(true, baseUrl, null, baseUrl, baseUrl.resolve("/oauth/authorize"), null, null,
				null, null, null, null, null, null, null, null);
	}

	/**
	 * These properties with app credentials.
	 * @param appId the app id
	 * @param appSecret the app secret
	 * @return a copy with the credentials set
	 */
	public InstagramProperties withApp(String appId, String appSecret) {
		return new InstagramProperties(this.enabled, this.graphBaseUrl, this.apiVersion, this.oauthBaseUrl,
				this.authorizeUrl, appId, appSecret, this.pollInterval, this.processingDeadline, this.rateLimitBackoff,
				this.fallbackPublishingLimit, this.convertsImagesToJpeg, this.maxContainerRounds, this.connectTimeout,
				this.readTimeout);
	}

	boolean oauthConfigured() {
		return this.appId != null && !this.appId.isBlank() && this.appSecret != null && !this.appSecret.isBlank();
	}

	/** Keeps the app secret out of logs. */
	@Override
	public String toString() {
		return "InstagramProperties[graphBaseUrl=" + this.graphBaseUrl + ", apiVersion=" + this.apiVersion + ", appId="
				+ this.appId + ", appSecret=" + ((this.appSecret != null) ? "***" : "null") + "]";
	}

}
