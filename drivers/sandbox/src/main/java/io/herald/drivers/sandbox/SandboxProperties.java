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
 * @param reconcile how reconcile finds an earlier publication: {@code key} (an exact
 * lookup by idempotency key) or {@code timeline} (the account's posts in a time window,
 * matched by content, as against X or Instagram)
 * @param visibilityLag in {@code timeline} mode, how long a new publication takes to
 * appear on the account's timeline
 * @param callTimeout the longest a publish call takes: a post is never stored later than
 * that after its request arrived (the call fails as an unknown outcome instead)
 * @param crashFaults whether the {@code crash_*} faults may halt this JVM (chaos tests
 * only: never in a server anyone uses)
 */
@ConfigurationProperties("herald.drivers.sandbox")
public record SandboxProperties(@DefaultValue("true") boolean enabled, @DefaultValue("0ms") Duration latency,
		@DefaultValue("5s") Duration maxLatency, @DefaultValue("2s") Duration retryAfter, String faults,
		@DefaultValue("key") ReconcileMode reconcile, @DefaultValue("2s") Duration visibilityLag,
		@DefaultValue("10s") Duration callTimeout, @DefaultValue("false") boolean crashFaults) {

	/**
	 * Settings without latency or faults.
	 * @return the defaults
	 */
	public static SandboxProperties defaults() {
		return new SandboxProperties(true, Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(2), null,
				ReconcileMode.KEY, Duration.ofSeconds(2), Duration.ofSeconds(10), false);
	}

	/**
	 * These settings with another global fault plan.
	 * @param faults the plan
	 * @return a copy
	 */
	public SandboxProperties withFaults(String faults) {
		return new SandboxProperties(this.enabled, this.latency, this.maxLatency, this.retryAfter, faults,
				this.reconcile, this.visibilityLag, this.callTimeout, this.crashFaults);
	}

	/**
	 * These settings with the crash faults allowed.
	 * @return a copy
	 */
	public SandboxProperties withCrashFaults() {
		return new SandboxProperties(this.enabled, this.latency, this.maxLatency, this.retryAfter, this.faults,
				this.reconcile, this.visibilityLag, this.callTimeout, true);
	}

	/** How reconcile looks for an earlier publication. */
	public enum ReconcileMode {

		/**
		 * An exact lookup by idempotency key, which no real network without keys offers.
		 */
		KEY,

		/**
		 * The account's timeline in a time window, matched by content, with a visibility
		 * lag: what Herald can do against X or Instagram.
		 */
		TIMELINE

	}

}
