package io.herald.drivers.x;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.herald.drivers.kit.FaultInjector;
import io.herald.drivers.kit.KitFixture;
import io.herald.drivers.kit.SocialBackendCompatibilityKit;
import io.herald.drivers.kit.StoredPost;
import io.herald.drivers.spi.AccountSession;
import io.herald.drivers.spi.BaseSocialBackend;
import io.herald.drivers.spi.PublishRequest;
import io.herald.drivers.spi.PublishResult;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The X driver against the compatibility kit, with the spec-validating fake X as the
 * network: every request the kit makes the driver send is checked against the X OpenAPI
 * document too.
 */
@ExtendWith(FakeXExtension.class)
class XBackendCompatibilityTests extends SocialBackendCompatibilityKit {

	private final XFixture fixture;

	XBackendCompatibilityTests(FakeXServer fake) {
		this.fixture = new XFixture(fake);
	}

	@Override
	protected KitFixture fixture() {
		return this.fixture;
	}

	private static final class XFixture implements KitFixture, FaultInjector {

		private final FakeXServer fake;

		private final XBackend backend;

		private AccountSession current;

		XFixture(FakeXServer fake) {
			this.fake = fake;
			// A short read timeout keeps the timeout-after-send test quick; large chunks
			// keep
			// the oversized-image test to a few validated requests.
			this.backend = new XBackend(fake.properties(Duration.ofSeconds(3), 1024 * 1024), fake.clock());
		}

		@Override
		public BaseSocialBackend backend() {
			return this.backend;
		}

		@Override
		public Clock clock() {
			return this.fake.clock();
		}

		@Override
		public AccountSession session() {
			this.current = this.fake.newAccount(XTestSupport.uniqueUser("kit"));
			return this.current;
		}

		@Override
		public List<StoredPost> readBack(PublishResult.Published published) {
			FakeXServer.Post root = this.fake.post(published.remoteId());
			if (root == null) {
				return List.of();
			}
			List<FakeXServer.Post> mine = this.fake.posts(root.userId());
			List<StoredPost> thread = new ArrayList<>();
			thread.add(stored(root, null));
			FakeXServer.Post previous = root;
			while (true) {
				String parentId = previous.id();
				Optional<FakeXServer.Post> next = mine.stream()
					.filter((post) -> parentId.equals(post.replyTo()))
					.findFirst();
				if (next.isEmpty()) {
					return thread;
				}
				thread.add(stored(next.get(), root.id()));
				previous = next.get();
			}
		}

		private StoredPost stored(FakeXServer.Post post, String rootId) {
			List<String> altTexts = post.mediaIds().stream().map((id) -> {
				String alt = this.fake.media(id).altText();
				return (alt != null) ? alt : "";
			}).toList();
			// X returns the text with t.co links; the text it stored is what it was sent.
			return new StoredPost(post.id(), post.sentText(), altTexts, rootId, post.replyTo());
		}

		@Override
		public long countPublished(PublishRequest request) {
			return this.fake.allPosts().stream().filter((post) -> post.sentText().equals(request.text())).count();
		}

		@Override
		public boolean deduplicatesRetries() {
			// X refuses an identical text as a duplicate, but has no idempotency key: a
			// retried publish fails instead of returning the first post.
			return false;
		}

		@Override
		public Optional<FaultInjector> faults() {
			return Optional.of(this);
		}

		@Override
		public Set<Fault.Kind> supported() {
			return Set.of(Fault.Kind.values());
		}

		@Override
		public void failNextCall(Fault fault) {
			FakeXServer.Fault.Kind kind = switch (fault.kind()) {
				case RATE_LIMITED -> FakeXServer.Fault.Kind.RATE_LIMITED;
				case SERVER_ERROR -> FakeXServer.Fault.Kind.SERVER_ERROR;
				case TOKEN_EXPIRED -> FakeXServer.Fault.Kind.UNAUTHORIZED;
				case TOKEN_REVOKED -> FakeXServer.Fault.Kind.TOKEN_REVOKED;
				case INVALID_CONTENT -> FakeXServer.Fault.Kind.INVALID_CONTENT;
				case TIMEOUT_AFTER_SEND -> FakeXServer.Fault.Kind.TIMEOUT_AFTER_SEND;
			};
			this.fake.inject(new FakeXServer.Fault("*", "/", kind, fault.resetAt(), fault.message()));
		}

		@Override
		public void clear() {
			this.fake.reset();
		}

		@Override
		public List<String> publishingCalls() {
			return List.of("/2/media/upload", "/2/media/metadata", "/2/tweets");
		}

		@Override
		public void failAfterApplying(String call, AfterApplied answer) {
			FakeXServer.Fault.Kind kind = switch (answer) {
				case SERVER_ERROR -> FakeXServer.Fault.Kind.APPLIED_THEN_SERVER_ERROR;
				case CONNECTION_RESET -> FakeXServer.Fault.Kind.APPLIED_THEN_RESET;
				case ANSWER_AFTER_TIMEOUT -> FakeXServer.Fault.Kind.TIMEOUT_AFTER_SEND;
			};
			this.fake.inject(FakeXServer.Fault.of("POST", call, kind));
		}

	}

}
