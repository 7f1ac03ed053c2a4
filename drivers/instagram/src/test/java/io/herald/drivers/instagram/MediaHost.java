package io.herald.drivers.instagram;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * Plays Herald's public media URLs: a real HTTP server the fake Graph API downloads
 * {@code image_url} and {@code video_url} from.
 */
public final class MediaHost implements AutoCloseable {

	private final MockWebServer server = new MockWebServer();

	private final Map<String, Served> files = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> downloads = new ConcurrentHashMap<>();

	public MediaHost() throws IOException {
		this.server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				String path = request.getUrl().encodedPath();
				downloads.computeIfAbsent(path, (p) -> new AtomicInteger()).incrementAndGet();
				Served file = files.get(path);
				if (file == null) {
					return new MockResponse.Builder().code(404).body("not found").build();
				}
				return new MockResponse.Builder().code(200)
					.addHeader("Content-Type", file.contentType())
					.body(new Buffer().write(file.bytes()))
					.build();
			}
		});
		this.server.setServerSocketFactory(new NoDelayServerSockets());
		this.server.start();
	}

	public URI put(String name, byte[] bytes, String contentType) {
		String path = "/media/" + name;
		this.files.put(path, new Served(bytes, contentType));
		return this.server.url(path).uri();
	}

	/** A URL nothing is served at, as when a presigned link expired. */
	public URI missing(String name) {
		return this.server.url("/media/" + name).uri();
	}

	public int downloads(String name) {
		AtomicInteger count = this.downloads.get("/media/" + name);
		return (count != null) ? count.get() : 0;
	}

	@Override
	public void close() {
		this.server.close();
	}

	private record Served(byte[] bytes, String contentType) {
	}

}
