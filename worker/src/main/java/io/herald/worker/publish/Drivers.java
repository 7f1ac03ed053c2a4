package io.herald.worker.publish;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.herald.drivers.spi.BaseSocialBackend;

/**
 * The installed drivers by network id.
 */
public class Drivers {

	private final Map<String, BaseSocialBackend> byNetwork;

	public Drivers(Collection<BaseSocialBackend> backends) {
		this.byNetwork = backends.stream()
			.collect(Collectors.toUnmodifiableMap(BaseSocialBackend::network, Function.identity()));
	}

	public Optional<BaseSocialBackend> get(String network) {
		return Optional.ofNullable(this.byNetwork.get(network));
	}

}
