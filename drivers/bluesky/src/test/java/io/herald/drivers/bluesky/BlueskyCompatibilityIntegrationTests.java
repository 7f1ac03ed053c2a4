package io.herald.drivers.bluesky;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.herald.drivers.kit.FaultInjector;
import io.herald.drivers.kit.KitFixture;
import io.herald.drivers.kit.SocialBackendCompatibilityKit;
import io.herald.drivers.kit.StoredPost;
import io.herald.drivers.spi.AccountSession;
import io.herald.drivers.spi.BaseSocialBackend;
import io.herald.drivers.spi.ConnectRequest;
import io.herald.drivers.spi.PublishRequest;
import io.herald.drivers.spi.PublishResult;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The compatibility kit against a real local PDS, with a fault-injecting proxy in front
 * of it for the failures a real server cannot produce on demand.
 */
@ExtendWith(LocalPdsExtension.class)
class BlueskyCompatibilityIntegrationTests extends SocialBackendCompatibilityKit {

	private static Fixture shared;

	@Override
	protected KitFixture fixture() throws IOException {
		synchronized (BlueskyCompatibilityIntegrationTests.class) {
			if (shared == null) {
				shared = new Fixture(new PdsClient(LocalPds.get().url()));
			}
			return shared;
		}
	}

	static final class Fixture implements KitFixture {

		private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T09:30:00Z"), ZoneOffset.UTC);

		private final PdsClient pds;

		private final FaultProxy proxy;

		private final BlueskyBackend backend;

		private final PdsClient.Account account;

		private AccountSession session;

		Fixture(PdsClient pds) throws IOException {
			this.pds = pds;
			this.proxy = new FaultProxy(pds.url());
			// A short read timeout keeps the timeout-after-send test quick.
			this.backend = new BlueskyBackend(BlueskyProperties.defaults()
				.withDefaultServiceUrl(this.proxy.url())
				.withReadTimeout(Duration.ofSeconds(5)), LocalOutbound.POLICY, CLOCK, LinkPreviews.NONE);
			this.account = pds.createAccount("kit");
		}

		@Override
		public BaseSocialBackend backend() {
			return this.backend;
		}

		@Override
		public Clock clock() {
			return CLOCK;
		}

		@Override
		public synchronized AccountSession session() throws Exception {
			// One login serves every test: createSession is rate limited per account, and
			// a refreshed session leaves the old access token valid.
			if (this.session == null) {
				this.session = this.backend
					.connect(new ConnectRequest(this.account.handle(), this.account.password(), null, null));
			}
			return this.session;
		}

		@Override
		public List<StoredPost> readBack(PublishResult.Published published) throws IOException {
			List<StoredPost> posts = new ArrayList<>();
			posts.add(stored(this.pds.getRecord(published.remoteId())));
			List<JsonNode> all = this.pds.listRecords(this.account.did(), BlueskyBackend.POST);
			Optional<JsonNode> reply;
			while ((reply = replyTo(all, posts.get(posts.size() - 1).remoteId())).isPresent()) {
				posts.add(stored(reply.get()));
			}
			return posts;
		}

		@Override
		public long countPublished(PublishRequest request) throws IOException {
			return this.pds.listRecords(this.account.did(), BlueskyBackend.POST)
				.stream()
				.filter((record) -> record.path("value").path("text").asString().equals(request.text()))
				.count();
		}

		@Override
		public boolean deduplicatesRetries() {
			return true;
		}

		@Override
		public Optional<FaultInjector> faults() {
			return Optional.of(this.proxy);
		}

		private static Optional<JsonNode> replyTo(List<JsonNode> records, String parentUri) {
			return records.stream()
				.filter((r) -> r.path("value").path("reply").path("parent").path("uri").asString("").equals(parentUri))
				.findFirst();
		}

		private static StoredPost stored(JsonNode record) {
			JsonNode value = record.path("value");
			JsonNode embed = value.path("embed");
			JsonNode images = embed.has("media") ? embed.path("media").path("images") : embed.path("images");
			List<String> alts = new ArrayList<>();
			images.forEach((image) -> alts.add(image.path("alt").asString("")));
			JsonNode reply = value.path("reply");
			return new StoredPost(record.path("uri").asString(), value.path("text").asString(), alts,
					reply.path("root").path("uri").asString(null), reply.path("parent").path("uri").asString(null));
		}

	}

}
