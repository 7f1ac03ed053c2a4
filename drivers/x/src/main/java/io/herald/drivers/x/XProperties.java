package io.herald.drivers.x;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the X driver ({@code herald.drivers.x.*}).
 *
 * @param apiBaseUrl the X API base URL (also serves the OAuth token endpoint)
 * @param authorizeUrl where users authorise Herald in their browser
 * @param webBaseUrl the public web site, for post and profile links
 * @param clientId the OAuth 2.0 client id of the X app, or {@code null} when X is not set
 * up
 * @param clientSecret the OAuth 2.0 client secret (confidential client), or {@code null}
 * @param connectTimeout how long to wait for a TCP/TLS connection
 * @param readTimeout how long to wait for a response once a request is sent
 * @param uploadChunkBytes the size of each media upload chunk
 * @param reconcileSkew how far before an attempt's start reconcile looks, for clock skew
 * between Herald and X
 */
@ConfigurationProperties("herald.drivers.x")
public record XProperties(URI apiBaseUrl, URI authorizeUrl, URI webBaseUrl, String clientId, String clientSecret,
		Duration connectTimeout, Duration readTimeout, Integer uploadChunkBytes, Duration reconcileSkew) {

	static final URI DEFAULT_API_BASE_URL = URI.create("https://api.x.com");

	static final URI DEFAULT_AUTHORIZE_URL = URI.create("https://x.com/i/oauth2/authorize");

	static final URI DEFAULT_WEB_BASE_URL = URI.create("https://x.com");

	public XProperties {
		apiBaseUrl = (apiBaseUrl != null) ? apiBaseUrl : DEFAULT_API_BASE_URL;
		authorizeUrl = (authorizeUrl != null) ? authorizeUrl : DEFAULT_AUTHORIZE_URL;
		webBaseUrl = (webBaseUrl != null) ? webBaseUrl : DEFAULT_WEB_BASE_URL;
		clientId = blankToNull(clientId);
		clientSecret = blankToNull(clientSecret);
		connectTimeout = (connectTimeout != null) ? connectTimeout : Duration.ofSeconds(10);
		readTimeout = (readTimeout != null) ? readTimeout : Duration.ofSeconds(30);
		// X accepts append segments up to 5 MB; stay below it.
		uploadChunkBytes = (uploadChunkBytes != null) ? uploadChunkBytes : 4 * 1024 * 1024;
		reconcileSkew = (reconcileSkew != null) ? reconcileSkew : Duration.ofMinutes(2);
		if (uploadChunkBytes <= 0) {
			throw new IllegalArgumentException("herald.drivers.x.upload-chunk-bytes must be positive");
		}
	}

	/**
	 * Settings for an X API at the given base URL with the given app credentials.
	 * @param apiBaseUrl the API base URL
	 * @param clientId the client id
	 * @param clientSecret the client secret
	 * @return the settings, other values defaulted
	 */
	public static XProperties of(URI apiBaseUrl, String clientId, String clientSecret) {
		return new XProperties(apiBaseUrl, null, null, clientId, clientSecret, null, null, null, null);
	}

	boolean configured() {
		return this.clientId != null;
	}

	/** Keeps the client secret out of logs. */
	@Override
	public String toString() {
		return "XProperties[apiBaseUrl=" + this.apiBaseUrl + ", authorizeUrl=" + this.authorizeUrl + ", clientId="
				+ this.clientId + ", clientSecret=" + ((this.clientSecret != null) ? "***" : "null") + "]";
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
