package io.herald.drivers.bluesky;

import io.herald.drivers.support.outbound.OutboundPolicy;
import io.herald.drivers.support.outbound.OutboundSettings;

/**
 * The outbound policy of the tests: the strict default with the local PDS, its fault
 * proxy and the test pages allowlisted, as an operator allowlists a self-hosted PDS.
 */
final class LocalOutbound {

	static final OutboundPolicy POLICY = new OutboundPolicy(
			OutboundSettings.defaults().allowing("127.0.0.1", "localhost"));

	private LocalOutbound() {
	}

}
