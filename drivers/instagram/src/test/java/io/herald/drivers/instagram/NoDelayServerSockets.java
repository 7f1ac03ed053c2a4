package io.herald.drivers.instagram;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import javax.net.ServerSocketFactory;

/**
 * Server sockets whose connections send at once. Without {@code TCP_NODELAY} every small
 * local exchange waits out a 40 ms delayed acknowledgement, which made the fake's tests
 * ten times slower than the work they do.
 */
final class NoDelayServerSockets extends ServerSocketFactory {

	@Override
	public ServerSocket createServerSocket() throws IOException {
		return new NoDelayServerSocket();
	}

	@Override
	public ServerSocket createServerSocket(int port) throws IOException {
		ServerSocket socket = new NoDelayServerSocket();
		socket.bind(new java.net.InetSocketAddress(port));
		return socket;
	}

	@Override
	public ServerSocket createServerSocket(int port, int backlog) throws IOException {
		ServerSocket socket = new NoDelayServerSocket();
		socket.bind(new java.net.InetSocketAddress(port), backlog);
		return socket;
	}

	@Override
	public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
		ServerSocket socket = new NoDelayServerSocket();
		socket.bind(new java.net.InetSocketAddress(address, port), backlog);
		return socket;
	}

	private static final class NoDelayServerSocket extends ServerSocket {

		NoDelayServerSocket() throws IOException {
		}

		@Override
		public Socket accept() throws IOException {
			Socket socket = super.accept();
			socket.setTcpNoDelay(true);
			return socket;
		}

	}

}
