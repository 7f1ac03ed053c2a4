package io.herald.drivers.support.outbound;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;

import javax.net.SocketFactory;

/**
 * Sockets that check the address they are about to connect, before any packet leaves:
 * whatever OkHttp decided (a resolved name, an IP literal, which it never resolves, a
 * redirect's next hop, a fallback route), the address actually connected is the one
 * checked. Refusing before connecting also keeps "closed port" and "open port" from
 * answering differently, so the policy is no port scanner.
 */
final class GuardedSockets extends SocketFactory {

	private final Allowlist allowlist;

	GuardedSockets(Allowlist allowlist) {
		this.allowlist = allowlist;
	}

	/**
	 * Whether a connection to this endpoint is allowed. The host string is the name
	 * {@link PolicyDns} resolved (it tags the addresses it returns) or, for a URL naming
	 * an IP address, that address; it is read without any reverse lookup.
	 */
	boolean permits(InetSocketAddress endpoint) {
		if (endpoint.isUnresolved()) {
			return false;
		}
		InetAddress address = endpoint.getAddress();
		String host = endpoint.getHostString();
		return this.allowlist.trusts(host) || this.allowlist.allows(address) || !AddressRules.forbidden(address);
	}

	@Override
	public Socket createSocket() {
		return new GuardedSocket();
	}

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		return connected(new InetSocketAddress(host, port));
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		return createSocket(host, port);
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		return connected(new InetSocketAddress(host, port));
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
			throws IOException {
		return createSocket(address, port);
	}

	private Socket connected(InetSocketAddress endpoint) throws IOException {
		Socket socket = new GuardedSocket();
		socket.connect(endpoint);
		return socket;
	}

	private final class GuardedSocket extends Socket {

		@Override
		public void connect(SocketAddress endpoint, int timeout) throws IOException {
			if (!(endpoint instanceof InetSocketAddress inet) || !permits(inet)) {
				close();
				throw new OutboundRefusedException("The address is not public (loopback, private or reserved)");
			}
			super.connect(endpoint, timeout);
		}

	}

}
