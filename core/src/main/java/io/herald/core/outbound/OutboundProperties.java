package io.herald.core.outbound;

import java.time.Duration;
import java.util.List;

import io.herald.drivers.support.outbound.OutboundSettings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The operator's policy for calls to URLs users supply ({@code herald.outbound.*}).
 *
 * @param allowedHosts host names or IP addresses Herald may call over plain http and on
 * private or loopback addresses (a self-hosted PDS), and CIDR blocks whose addresses it
 * may call over https; empty by default
 * @param maxResponseSize the most Herald reads of one answer
 * @param callTimeout the longest one call may take, redirects and body included
 */
@ConfigurationProperties("herald.outbound")
public record OutboundProperties(@DefaultValue List<String> allowedHosts, @DefaultValue("1MB") DataSize maxResponseSize,
		@DefaultValue("60s") Duration callTimeout) {

	OutboundSettings settings() {
		return new OutboundSettings(this.allowedHosts, this.maxResponseSize.toBytes(), this.callTimeout);
	}

}
