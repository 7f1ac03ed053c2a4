package io.herald.drivers.support.outbound;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The operator's exceptions to the outbound rules.
 *
 * @param hosts host names and IP literals (as written in URLs) that may use http and any
 * address
 * @param blocks addresses that may be connected whatever the host name, over https
 */
record Allowlist(Set<String> hosts, List<AddressBlock> blocks) {

	static Allowlist of(List<String> entries) {
		Set<String> hosts = new HashSet<>();
		List<AddressBlock> blocks = new ArrayList<>();
		for (String entry : entries) {
			if (entry.contains("/")) {
				blocks.add(AddressBlock.parse(entry));
			}
			else {
				// An IP address is trusted as a host written in a URL, like a name: a
				// name
				// that resolves to it gains nothing.
				hosts.add(canonical(entry));
			}
		}
		return new Allowlist(Set.copyOf(hosts), List.copyOf(blocks));
	}

	/**
	 * Whether the operator trusts this host (as written in a URL) with http and any
	 * address.
	 */
	boolean trusts(String host) {
		return this.hosts.contains(canonical(host));
	}

	/** Whether the operator allows connections to this address for any host. */
	boolean allows(InetAddress address) {
		return this.blocks.stream().anyMatch((b) -> b.contains(address));
	}

	private static String canonical(String host) {
		String bare = host.strip().toLowerCase(Locale.ROOT);
		if (bare.startsWith("[") && bare.endsWith("]")) {
			bare = bare.substring(1, bare.length() - 1);
		}
		if (AddressBlock.isLiteral(bare)) {
			// ::1, 0:0:0:0:0:0:0:1 and [::1] are one host.
			return AddressBlock.literal(bare).getHostAddress();
		}
		return bare.endsWith(".") ? bare.substring(0, bare.length() - 1) : bare;
	}

}
