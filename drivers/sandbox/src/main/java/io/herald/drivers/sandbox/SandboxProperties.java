package io.herald.drivers.sandbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the sandbox network behaves for every account. An account adds its own plan in the
 * {@code faults} setting of its session (see {@link FaultSpec}).
 *
 * @param enabled whether the sandbox network is installed
 * @param latency how long each call takes (a simulated network round trip)
 * @param maxLatency the longest simulated latency, whatever a plan asks for
 * @param retryAfter the {@code Retry-After} a simulated 429 carries
 * @param faults the global fault plan, such as {@code transient=0.1,unknown_outcome=0.05}
 */
@ConfigurationProperties("herald.drivers.sandbox")
public record SandboxProperties(@DefaultValue("true") boolean enabled, @DefaultValue("0ms") Duration latency,
		@DefaultValue("5s") Duration maxLatency, @DefaultValue("2s") Duration retryAfter, String faults) {

	/**
	 * Settings without latency or faults.
	 * @return the defaults
	 */
	public static SandboxProperties defaults() {
		return new SandboxProperties(true, Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(2), null);
	}

	/**
	 * These settings with another global fault plan.
	 * @param faults the plan
	 * @return a copy
	 */
	public SandboxProperties withFaults(String faults) {
		return new SandboxProperties(this.enabled, this.latency, this.maxLatency, this.retryAfter, faults);
	}

}
