package io.herald.worker.publish;

import io.herald.drivers.spi.PublishRequest;

/**
 * Builds what a driver publishes from a claimed target.
 */
public class PublishRequests {

	/**
	 * The request for a target: its text (the target's override or the post's text), and
	 * its idempotency key.
	 * @param target the target
	 * @return the request
	 */
	public PublishRequest build(ClaimedTarget target) {
		return PublishRequest.text(target.id().toString(), target.idempotencyKey(), target.text());
	}

}
