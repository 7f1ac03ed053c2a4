package io.herald.worker.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The engine's meters, named {@code herald.publish.*} with low-cardinality tags.
 */
public class PublishMetrics {

	private final MeterRegistry registry;

	private final AtomicLong queueDepth = new AtomicLong();

	private final DistributionSummary claimBatch;

	public PublishMetrics(MeterRegistry registry) {
		this.registry = registry;
		Gauge.builder("herald.publish.queue.depth", this.queueDepth, AtomicLong::get)
			.description("Targets due and waiting to be claimed, cluster-wide")
			.register(registry);
		this.claimBatch = DistributionSummary.builder("herald.publish.claim.batch")
			.description("Targets claimed per claim statement")
			.register(registry);
	}

	public void bindInFlight(Supplier<Number> inFlight) {
		Gauge.builder("herald.publish.inflight", inFlight)
			.description("Targets this node holds (claimed, queued or publishing)")
			.register(this.registry);
	}

	public void published(String network, String outcome, Duration lateness) {
		Counter.builder("herald.publish.published")
			.tag("network", network)
			.tag("outcome", outcome)
			.register(this.registry)
			.increment();
		Timer.builder("herald.publish.lateness")
			.description("From due time to published")
			.tag("network", network)
			.publishPercentileHistogram()
			.register(this.registry)
			.record(lateness.isNegative() ? Duration.ZERO : lateness);
	}

	public void failed(String network, String outcome) {
		Counter.builder("herald.publish.failed")
			.tag("network", network)
			.tag("outcome", outcome)
			.register(this.registry)
			.increment();
	}

	public void attempt(String network, String outcome) {
		Counter.builder("herald.publish.attempts")
			.tag("network", network)
			.tag("outcome", outcome)
			.register(this.registry)
			.increment();
	}

	public void claimed(int batch) {
		this.claimBatch.record(batch);
	}

	public void queueDepth(long depth) {
		this.queueDepth.set(depth);
	}

}
