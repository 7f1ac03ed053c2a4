package io.herald.drivers.bluesky;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/** A web page on loopback for link-card tests; the caller stops it. */
final class TestPages {

	private TestPages() {
	}

	/** Serves the HTML at {@code /article} on a free loopback port. */
	static HttpServer serve(String html) throws IOException {
		HttpServer page = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
		page.createContext("/article", (exchange) -> {
			exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		});
		page.start();
		return page;
	}

}
