package io.herald.drivers.support.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import okhttp3.Dns;

/**
 * Resolves names and drops the addresses the policy forbids, so a name with one public
 * and one private address still works, and a name with only private ones fails before any
 * connection. Each address it returns carries the name it was resolved for, which
 * {@link GuardedSockets} reads to honour host-name exceptions.
 */
final class PolicyDns implements Dns {

	private final Dns resolver;

	private final Allowlist allowlist;

	PolicyDns(Dns resolver, Allowlist allowlist) {
		this.resolver = resolver;
		this.allowlist = allowlist;
	}

	@Override
	public List<InetAddress> lookup(String hostname) throws UnknownHostException {
		boolean trusted = this.allowlist.trusts(hostname);
		List<InetAddress> allowed = new ArrayList<>();
		for (InetAddress address : this.resolver.lookup(hostname)) {
			if (trusted || this.allowlist.allows(address) || !AddressRules.forbidden(address)) {
				allowed.add(InetAddress.getByAddress(hostname, address.getAddress()));
			}
		}
		if (allowed.isEmpty()) {
			throw new OutboundRefusedException("The host has no public address");
		}
		return allowed;
	}

}
