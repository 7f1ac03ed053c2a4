package io.herald.api.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Instant;

import io.herald.drivers.instagram.FakeGraphApi;
import io.herald.drivers.x.FakeXServer;

/**
 * The networks' test servers, started once per test JVM before the application context
 * that points at them, and closed when the JVM ends. The local Bluesky PDS is started
 * separately ({@code LocalPdsExtension}) by the tests that need it, since accounts name
 * their PDS when they connect.
 */
public final class NetworkServers {

	private static NetworkServers instance;

	public final FakeXServer x;

	public final FakeGraphApi instagram;

	/**
	 * Herald's own port, chosen up front: Instagram downloads media from Herald's public
	 * URL, which must therefore be known before the server starts.
	 */
	public final int heraldPort;

	private NetworkServers() throws IOException {
		this.x = new FakeXServer(new io.herald.drivers.x.MutableClock(Instant.now())).warmUp();
		this.instagram = new FakeGraphApi(new io.herald.drivers.instagram.MutableClock(Instant.now()));
		this.heraldPort = freePort();
		Runtime.getRuntime().addShutdownHook(new Thread(this::close, "network-fakes-stop"));
	}

	public static synchronized NetworkServers get() {
		if (instance == null) {
			try {
				instance = new NetworkServers();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return instance;
	}

	public String heraldUrl() {
		return "http://localhost:" + this.heraldPort;
	}

	private void close() {
		this.x.close();
		this.instagram.close();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
	}

}
