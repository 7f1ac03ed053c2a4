package io.herald.core.outbound;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herald.drivers.support.outbound.OutboundPolicy;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The one outbound policy every driver uses for user-supplied URLs.
 */
@AutoConfiguration
@EnableConfigurationProperties(OutboundProperties.class)
public class OutboundConfiguration {

	private static final Logger log = LoggerFactory.getLogger(OutboundConfiguration.class);

	@Bean
	OutboundPolicy outboundPolicy(OutboundProperties properties) {
		if (!properties.allowedHosts().isEmpty()) {
			// An exception to the SSRF rules is worth one line at startup.
			log.info("Outbound requests may also reach {} (herald.outbound.allowed-hosts)", properties.allowedHosts());
		}
		return new OutboundPolicy(properties.settings());
	}

}
