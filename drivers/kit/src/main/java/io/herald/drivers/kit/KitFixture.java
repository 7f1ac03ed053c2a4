package io.herald.drivers.kit;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.herald.drivers.spi.AccountSession;
import io.herald.drivers.spi.BaseSocialBackend;
import io.herald.drivers.spi.MediaItem;
import io.herald.drivers.spi.MediaKind;
import io.herald.drivers.spi.PublishRequest;
import io.herald.drivers.spi.PublishResult;

/**
 * What a driver's test gives the {@link SocialBackendCompatibilityKit}: the driver, an
 * account on a server it can talk to, and ways to look at that server from the side.
 * <p>
 * The kit asks for a fixture before every test. Fixtures that are expensive to build (a
 * server process, accounts) should be cached by the driver's test, for example in a
 * static holder, so that one server serves the whole test JVM.
 */
public interface KitFixture {

	/**
	 * The driver under test.
	 * @return the driver, built with {@link #clock()}
	 */
	BaseSocialBackend backend();

	/**
	 * The clock the driver was built with. Fixed clocks make times in assertions exact.
	 * @return the driver's clock
	 */
	Clock clock();

	/**
	 * A working session for the test account. Called once per test, so drivers whose
	 * refresh tokens rotate can hand out a fresh session every time.
	 * @return a connected session
	 * @throws Exception when the account cannot be connected
	 */
	AccountSession session() throws Exception;

	/**
	 * Reads back what the network stored for a publication, bypassing the driver.
	 * @param published the result the driver returned
	 * @return the first post followed by each further thread part, in order
	 * @throws Exception when the server cannot be read
	 */
	List<StoredPost> readBack(PublishResult.Published published) throws Exception;

	/**
	 * Counts the posts the network holds for a request, bypassing the driver. The kit
	 * gives every request a unique text, so counting posts with exactly the request's
	 * first text is enough.
	 * @param request the request
	 * @return how many posts the network holds for it
	 * @throws Exception when the server cannot be read
	 */
	long countPublished(PublishRequest request) throws Exception;

	/**
	 * Whether publishing the same request twice leaves one post (the network lets the
	 * driver derive a server-side key from the idempotency key). The Idempotency tests
	 * run only when this is true.
	 * @return true when retried publishes cannot duplicate
	 */
	boolean deduplicatesRetries();

	/**
	 * The fault injector, for networks whose test server can be made to fail on demand.
	 * The Errors tests are skipped (with a message) when this is empty or does not
	 * support the fault they need.
	 * @return the fault injector, or empty
	 */
	default Optional<FaultInjector> faults() {
		return Optional.empty();
	}

	/**
	 * Wraps test image bytes as a media item. Networks that fetch media from a public URL
	 * override this to store the bytes where the network can reach them.
	 * @param image the image
	 * @param altText the description, or {@code null}
	 * @return a media item for a request
	 */
	default MediaItem image(KitMedia.Image image, String altText) {
		return new MediaItem("kit-" + Integer.toHexString(System.identityHashCode(image)), MediaKind.IMAGE,
				image.contentType(), image.bytes().length, image.width(), image.height(), null, altText, image::open,
				null);
	}

}
