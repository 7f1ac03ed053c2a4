package io.herald.drivers.support.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A CIDR block such as {@code 10.0.0.0/8} or {@code fc00::/7}.
 *
 * @param network the block's first address
 * @param bits the prefix length
 */
record AddressBlock(InetAddress network, int bits) {

	AddressBlock {
		int max = network.getAddress().length * 8;
		if (bits < 0 || bits > max) {
			throw new IllegalArgumentException("Prefix length out of range: " + bits);
		}
	}

	/**
	 * Reads {@code address/bits}, or a bare address as a block of one.
	 * @param text the block
	 * @return the block
	 * @throws IllegalArgumentException if the text is no IP literal or CIDR block
	 */
	static AddressBlock parse(String text) {
		int slash = text.indexOf('/');
		InetAddress network = literal((slash < 0) ? text : text.substring(0, slash));
		int bits = (slash < 0) ? network.getAddress().length * 8 : Integer.parseInt(text.substring(slash + 1));
		return new AddressBlock(network, bits);
	}

	/**
	 * Parses an IP literal without ever asking DNS.
	 * @param text an IPv4 or IPv6 literal, IPv6 optionally in brackets
	 * @return the address
	 * @throws IllegalArgumentException if the text is not an IP literal
	 */
	static InetAddress literal(String text) {
		String bare = text.strip();
		if (bare.startsWith("[") && bare.endsWith("]")) {
			bare = bare.substring(1, bare.length() - 1);
		}
		if (!isLiteral(bare)) {
			throw new IllegalArgumentException("Not an IP address: " + text);
		}
		try {
			// A literal is parsed, never resolved.
			InetAddress address = InetAddress.getByName(bare);
			if (address instanceof Inet4Address && bare.contains(":")) {
				// The JDK turns ::ffff:a.b.c.d into an IPv4 address; keep the IPv6 form
				// that was written, so ::ffff:0:0/96 stays a 96-bit prefix.
				byte[] mapped = new byte[16];
				mapped[10] = (byte) 0xFF;
				mapped[11] = (byte) 0xFF;
				System.arraycopy(address.getAddress(), 0, mapped, 12, 4);
				return Inet6Address.getByAddress(null, mapped, -1);
			}
			return address;
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("Not an IP address: " + text, ex);
		}
	}

	/** Whether a host is written as an IP address rather than a name. */
	static boolean isLiteral(String host) {
		return host.contains(":") || host.matches("[0-9]+(\\.[0-9]+){3}");
	}

	boolean contains(InetAddress address) {
		byte[] candidate = address.getAddress();
		byte[] prefix = this.network.getAddress();
		if (candidate.length != prefix.length) {
			return false;
		}
		int whole = this.bits / 8;
		for (int i = 0; i < whole; i++) {
			if (candidate[i] != prefix[i]) {
				return false;
			}
		}
		int rest = this.bits % 8;
		if (rest == 0) {
			return true;
		}
		int mask = (0xFF << (8 - rest)) & 0xFF;
		return (candidate[whole] & mask) == (prefix[whole] & mask);
	}

}
