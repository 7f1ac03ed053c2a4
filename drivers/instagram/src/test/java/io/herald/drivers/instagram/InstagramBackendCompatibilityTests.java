package io.herald.drivers.instagram;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.imageio.ImageIO;

import io.herald.drivers.kit.FaultInjector;
import io.herald.drivers.kit.KitFixture;
import io.herald.drivers.kit.KitMedia;
import io.herald.drivers.kit.SocialBackendCompatibilityKit;
import io.herald.drivers.kit.StoredPost;
import io.herald.drivers.spi.AccountSession;
import io.herald.drivers.spi.BaseSocialBackend;
import io.herald.drivers.spi.MediaItem;
import io.herald.drivers.spi.MediaKind;
import io.herald.drivers.spi.PublishRequest;
import io.herald.drivers.spi.PublishResult;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Instagram driver passes the compatibility kit against the fake Graph API. The
 * fixture plays Herald's media pipeline: it serves a JPEG rendition of every kit image at
 * a public URL, so the driver runs with {@code converts-images-to-jpeg}.
 */
@ExtendWith(FakeInstagram.Extension.class)
class InstagramBackendCompatibilityTests extends SocialBackendCompatibilityKit {

	private final Fixture fixture;

	InstagramBackendCompatibilityTests(FakeInstagram ig) {
		this.fixture = new Fixture(ig);
	}

	@Override
	protected KitFixture fixture() {
		return this.fixture;
	}

	/** Short, so an answer after the timeout costs the test little. */
	private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);

	private static final class Fixture implements KitFixture, FaultInjector {

		private final FakeInstagram ig;

		private final InstagramBackend backend;

		private FakeGraphApi.Account account;

		Fixture(FakeInstagram ig) {
			this.ig = ig;
			InstagramProperties properties = new InstagramProperties(true, ig.graph.baseUrl(), null, ig.graph.baseUrl(),
					null, FakeGraphApi.APP_ID, FakeGraphApi.APP_SECRET, null, null, null, null, true, null, null,
					READ_TIMEOUT);
			this.backend = new InstagramBackend(properties, InstagramBackend.httpClient(properties), ig.clock);
		}

		@Override
		public BaseSocialBackend backend() {
			return this.backend;
		}

		@Override
		public Clock clock() {
			return this.ig.clock;
		}

		/**
		 * A fresh account per test keeps quotas apart; its token is ten days old, so a
		 * refresh really goes to Instagram.
		 */
		@Override
		public AccountSession session() {
			this.account = this.ig.newAccount();
			return new AccountSession(this.account.userId, this.account.username, null,
					this.ig.graph.issueToken(this.account, Duration.ofDays(10)), null,
					this.ig.clock.instant().plus(Duration.ofDays(50)), Map.of());
		}

		@Override
		public List<StoredPost> readBack(PublishResult.Published published) {
			FakeGraphApi.Post post = this.ig.graph.post(published.remoteId());
			return (post != null) ? List.of(new StoredPost(post.id, (post.caption != null) ? post.caption : "",
					this.ig.graph.altTexts(post), null, null)) : List.of();
		}

		@Override
		public long countPublished(PublishRequest request) {
			return this.ig.graph.postsWithCaption(request.text()).size();
		}

		@Override
		public boolean deduplicatesRetries() {
			return false;
		}

		@Override
		public Optional<FaultInjector> faults() {
			return Optional.of(this);
		}

		@Override
		public MediaItem image(KitMedia.Image image, String altText) {
			String name = "kit-" + UUID.randomUUID() + ".jpg";
			byte[] jpeg = jpegRendition(image);
			URI url = this.ig.mediaHost.put(name, jpeg, "image/jpeg");
			// what Herald hands over for a network that needs JPEG images: the copy
			return new MediaItem(name, MediaKind.IMAGE, "image/jpeg", jpeg.length, image.width(), image.height(), null,
					altText, () -> new java.io.ByteArrayInputStream(jpeg), url);
		}

		@Override
		public Set<Fault.Kind> supported() {
			return Set.of(Fault.Kind.values());
		}

		@Override
		public void failNextCall(Fault fault) {
			FakeGraphApi graph = this.ig.graph;
			String message = (fault.message() != null) ? fault.message() : "Kit fault";
			switch (fault.kind()) {
				case RATE_LIMITED -> {
					// the rolling window frees when its oldest post turns 24 hours old
					graph.postInApp(this.account, "kit: oldest post in the window",
							fault.resetAt().minus(Duration.ofHours(24)));
					graph.failNext("POST", "/media_publish", 400, 9, GraphErrors.PUBLISHING_LIMIT, message);
				}
				case SERVER_ERROR -> graph.failNext("", "", 500, 2, 0, message);
				case TOKEN_EXPIRED -> graph.failNext("", "", 400, 190, 463, message);
				case TOKEN_REVOKED -> graph.failNext("", "", 400, 190, 460, message);
				case INVALID_CONTENT -> graph.failNext("POST", "/media", 400, 36003, 2207009, message);
				case TIMEOUT_AFTER_SEND -> graph.dropAnswerAfterApplying("POST", "/media_publish");
			}
		}

		@Override
		public void clear() {
			this.ig.graph.clearFaults();
		}

		@Override
		public List<String> publishingCalls() {
			return List.of("/media", "/media_publish");
		}

		@Override
		public void failAfterApplying(String call, AfterApplied answer) {
			FakeGraphApi graph = this.ig.graph;
			switch (answer) {
				case SERVER_ERROR -> graph.failAfterApplying("POST", call, 500, 2, "Kit: applied, then a server error");
				case CONNECTION_RESET -> graph.dropAnswerAfterApplying("POST", call);
				case ANSWER_AFTER_TIMEOUT -> graph.answerLateAfterApplying("POST", call, READ_TIMEOUT.multipliedBy(2));
			}
		}

		private static byte[] jpegRendition(KitMedia.Image image) {
			try {
				BufferedImage decoded = ImageIO.read(image.open());
				BufferedImage rgb = new BufferedImage(decoded.getWidth(), decoded.getHeight(),
						BufferedImage.TYPE_INT_RGB);
				rgb.createGraphics().drawImage(decoded, 0, 0, null);
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				ImageIO.write(rgb, "jpg", out);
				return out.toByteArray();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
