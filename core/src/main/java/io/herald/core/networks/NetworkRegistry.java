package io.herald.core.networks;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.herald.drivers.spi.BaseSocialBackend;

import org.springframework.stereotype.Component;

/**
 * The installed drivers, by network id. A driver is installed by putting its jar on the
 * classpath; its auto-configuration contributes the bean.
 */
@Component
public class NetworkRegistry {

	private final Map<String, BaseSocialBackend> backends;

	public NetworkRegistry(List<BaseSocialBackend> backends) {
		this.backends = backends.stream().collect(Collectors.toMap(BaseSocialBackend::network, Function.identity()));
	}

	public Optional<BaseSocialBackend> find(String network) {
		return Optional.ofNullable(this.backends.get(network));
	}

	public SortedSet<String> networks() {
		return new TreeSet<>(this.backends.keySet());
	}

}
