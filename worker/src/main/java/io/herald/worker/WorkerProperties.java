package io.herald.worker;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The publishing engine's settings ({@code herald.worker.*}).
 *
 * @param enabled whether this process runs the engine
 * @param mode how due targets are found: sharded dispatchers, or the one trigger per post
 * baseline
 * @param nodeId this node's name in leases and attempt rows; blank for host name and a
 * random suffix
 * @param shards how many dispatcher jobs the cluster runs
 * @param dispatchInterval how often each dispatcher job fires
 * @param dispatchBudget how long one dispatcher fire keeps claiming while work is due
 * @param batchSize the most targets one claim takes
 * @param maxInFlight the most targets this node holds at once (claimed, queued or
 * publishing)
 * @param threads the publishing pool's size on Java 17 (Java 21+ uses virtual threads);
 * publishing threads wait on network calls and on shared commits, not on a connection of
 * their own, so this can exceed the connection pool size
 * @param perAccountConcurrency the most simultaneous calls for one account on this node
 * @param perNetworkConcurrency the most simultaneous calls per network on this node (key
 * {@code default} for networks not listed)
 * @param lease how long a claim is held before other nodes may take the target over
 * @param maxAttempts the most network calls for one target before it fails
 * @param maxLateness how late after its due time a target may still go out
 * @param backoffBase the first retry delay
 * @param backoffMax the longest retry delay
 * @param sweepInterval how often expired leases are swept
 * @param refreshInterval how often tokens close to expiry are refreshed
 * @param refreshAhead how long before expiry a token is refreshed
 * @param shutdownGrace how long shutdown waits for in-flight publications
 * @param maxRateLimitWait how long after its due time a target may wait for a rate limit
 * or publishing quota that names when it frees (such waits cost no attempt and do not
 * count toward the maximum lateness); the default covers Instagram's 24-hour window
 */
@ConfigurationProperties("herald.worker")
public record WorkerProperties(@DefaultValue("true") boolean enabled, @DefaultValue("dispatcher") Mode mode,
		String nodeId, @DefaultValue("8") int shards, @DefaultValue("250ms") Duration dispatchInterval,
		@DefaultValue("2s") Duration dispatchBudget, @DefaultValue("100") int batchSize,
		@DefaultValue("1024") int maxInFlight, @DefaultValue("256") int threads,
		@DefaultValue("8") int perAccountConcurrency, Map<String, Integer> perNetworkConcurrency,
		@DefaultValue("60s") Duration lease, @DefaultValue("6") int maxAttempts,
		@DefaultValue("2h") Duration maxLateness, @DefaultValue("2s") Duration backoffBase,
		@DefaultValue("5m") Duration backoffMax, @DefaultValue("5s") Duration sweepInterval,
		@DefaultValue("60s") Duration refreshInterval, @DefaultValue("10m") Duration refreshAhead,
		@DefaultValue("20s") Duration shutdownGrace, @DefaultValue("26h") Duration maxRateLimitWait) {

	public WorkerProperties {
		perNetworkConcurrency = (perNetworkConcurrency != null) ? Map.copyOf(perNetworkConcurrency) : Map.of();
	}

	/**
	 * The concurrency limit of one network on this node.
	 * @param network the network id
	 * @return the limit
	 */
	public int networkConcurrency(String network) {
		return this.perNetworkConcurrency.getOrDefault(network,
				this.perNetworkConcurrency.getOrDefault("default", this.maxInFlight));
	}

	/** How due targets are found. */
	public enum Mode {

		/** A few sharded dispatcher jobs claim due targets in batches. */
		DISPATCHER,

		/** One Quartz trigger per target: the measured baseline. */
		TRIGGER_PER_POST

	}

}
