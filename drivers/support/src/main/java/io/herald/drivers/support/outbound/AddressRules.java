package io.herald.drivers.support.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The addresses a user-supplied URL may never reach: everything that is not a public
 * unicast address on the internet. Herald's own machine, its network, cloud metadata
 * services and addresses with no single public destination are all refused.
 */
final class AddressRules {

	/** IPv4 blocks (IANA special-purpose registry) that are not public unicast. */
	private static final List<AddressBlock> IPV4 = blocks("0.0.0.0/8", // "this" network
			"10.0.0.0/8", // private
			"100.64.0.0/10", // carrier-grade NAT (also Alibaba's metadata
								// 100.100.100.200)
			"127.0.0.0/8", // loopback
			"169.254.0.0/16", // link-local, incl. the 169.254.169.254 metadata service
			"172.16.0.0/12", // private
			"192.0.0.0/24", // IETF protocol assignments
			"192.0.2.0/24", // documentation
			"192.88.99.0/24", // 6to4 relay anycast
			"192.168.0.0/16", // private
			"198.18.0.0/15", // benchmarking
			"198.51.100.0/24", // documentation
			"203.0.113.0/24", // documentation
			"224.0.0.0/4", // multicast
			"240.0.0.0/4"); // reserved and broadcast

	/** IPv6 blocks that are not public unicast (embedded IPv4 is checked separately). */
	private static final List<AddressBlock> IPV6 = blocks("::/128", // unspecified
			"::1/128", // loopback
			"100::/64", // discard
			"2001:db8::/32", // documentation
			"fc00::/7", // unique local, incl. AWS's metadata fd00:ec2::254
			"fe80::/10", // link-local
			"fec0::/10", // site-local (deprecated, still routed inside some networks)
			"ff00::/8"); // multicast

	/**
	 * IPv6 forms that carry an IPv4 address in their last 32 bits (the JDK turns
	 * {@code ::ffff:a.b.c.d} into an IPv4 address itself; the others it keeps).
	 */
	private static final List<AddressBlock> IPV4_IN_LAST_32_BITS = blocks("::ffff:0:0/96", // mapped
			"::/96", // compatible (deprecated)
			"64:ff9b::/96", // NAT64 well-known prefix
			"64:ff9b:1::/48"); // NAT64 local-use prefix

	/** 6to4 carries an IPv4 address in bits 16 to 48. */
	private static final AddressBlock SIX_TO_FOUR = AddressBlock.parse("2002::/16");

	private AddressRules() {
	}

	/**
	 * Whether a user-supplied URL may never connect to this address.
	 * @param address the address about to be connected
	 * @return true for loopback, private, link-local, CGNAT, multicast, metadata and
	 * every other non-public address, in IPv4 and IPv6 forms
	 */
	static boolean forbidden(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (bytes.length == 4) {
			return IPV4.stream().anyMatch((b) -> b.contains(address));
		}
		Optional<InetAddress> embedded = embeddedIpv4(address);
		if (embedded.isPresent()) {
			return forbidden(embedded.get());
		}
		return IPV6.stream().anyMatch((b) -> b.contains(address));
	}

	private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (IPV4_IN_LAST_32_BITS.stream().anyMatch((b) -> b.contains(address))) {
			return Optional.of(ipv4(Arrays.copyOfRange(bytes, 12, 16)));
		}
		if (SIX_TO_FOUR.contains(address)) {
			return Optional.of(ipv4(Arrays.copyOfRange(bytes, 2, 6)));
		}
		return Optional.empty();
	}

	private static InetAddress ipv4(byte[] bytes) {
		try {
			return InetAddress.getByAddress(bytes);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<AddressBlock> blocks(String... blocks) {
		return Arrays.stream(blocks).map(AddressBlock::parse).toList();
	}

}
