package io.herald.drivers.x;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.herald.drivers.spi.MediaItem;
import io.herald.drivers.spi.MediaKind;

/** Small helpers shared by the X driver's tests. */
final class XTestSupport {

	private static final AtomicInteger USERS = new AtomicInteger();

	private XTestSupport() {
	}

	/**
	 * A user name no other test uses, so tests share the fake without seeing each other.
	 */
	static String uniqueUser(String name) {
		return name + USERS.incrementAndGet();
	}

	/** A driver against the fake with small upload chunks, so uploads take several. */
	static XBackend backend(FakeXServer fake) {
		return new XBackend(fake.properties(Duration.ofSeconds(10), 16 * 1024), fake.clock());
	}

	static MediaItem media(String assetId, MediaKind kind, String contentType, byte[] bytes, String altText) {
		return new MediaItem(assetId, kind, contentType, bytes.length, null, null,
				(kind == MediaKind.VIDEO) ? Duration.ofSeconds(3) : null, altText,
				() -> new ByteArrayInputStream(bytes), null);
	}

	static MediaItem sized(MediaKind kind, String contentType, long bytes) {
		return new MediaItem("big", kind, contentType, bytes, null, null,
				(kind == MediaKind.VIDEO) ? Duration.ofSeconds(3) : null, null,
				() -> new ByteArrayInputStream(new byte[0]), null);
	}

}
