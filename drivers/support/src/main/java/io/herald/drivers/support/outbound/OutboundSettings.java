package io.herald.drivers.support.outbound;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the operator decides about calls to user-supplied URLs.
 *
 * @param allowedHosts exceptions to the rules: a host name or IP address (a self-hosted
 * PDS, a test server) may be called over plain http and on private or loopback addresses;
 * a CIDR block ({@code 10.1.2.0/24}) lets any host on those addresses be called over
 * https
 * @param maxResponseBytes the most bytes Herald reads of one answer
 * @param callTimeout the longest one call may take, redirects and body included
 */
public record OutboundSettings(List<String> allowedHosts, long maxResponseBytes, Duration callTimeout) {

	/** The default for {@link #maxResponseBytes()}: 1 MiB. */
	public static final long DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

	/** The default for {@link #callTimeout()}. */
	public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);

	public OutboundSettings {
		allowedHosts = (allowedHosts != null)
				? allowedHosts.stream().map(String::strip).filter((h) -> !h.isEmpty()).toList() : List.of();
		if (maxResponseBytes <= 0) {
			throw new IllegalArgumentException("maxResponseBytes must be positive");
		}
		if (callTimeout == null || callTimeout.isNegative() || callTimeout.isZero()) {
			throw new IllegalArgumentException("callTimeout must be positive");
		}
	}

	/**
	 * The safe defaults: https only, public addresses only, 1 MiB, 60 s.
	 * @return the defaults
	 */
	public static OutboundSettings defaults() {
		return new OutboundSettings(List.of(), DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_CALL_TIMEOUT);
	}

	/**
	 * These settings with more exceptions.
	 * @param hosts host names, IP addresses or CIDR blocks to allow
	 * @return a copy
	 */
	public OutboundSettings allowing(String... hosts) {
		return new OutboundSettings(Stream.concat(this.allowedHosts.stream(), Arrays.stream(hosts)).toList(),
				this.maxResponseBytes, this.callTimeout);
	}

	/**
	 * These settings with another response limit.
	 * @param bytes the most bytes of one answer
	 * @return a copy
	 */
	public OutboundSettings withMaxResponseBytes(long bytes) {
		return new OutboundSettings(this.allowedHosts, bytes, this.callTimeout);
	}

}
