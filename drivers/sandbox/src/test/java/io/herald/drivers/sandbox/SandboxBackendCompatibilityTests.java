package io.herald.drivers.sandbox;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import io.herald.drivers.kit.FaultInjector;
import io.herald.drivers.kit.KitFixture;
import io.herald.drivers.kit.SocialBackendCompatibilityKit;
import io.herald.drivers.kit.StoredPost;
import io.herald.drivers.spi.AccountSession;
import io.herald.drivers.spi.BaseSocialBackend;
import io.herald.drivers.spi.ConnectRequest;
import io.herald.drivers.spi.PublishRequest;
import io.herald.drivers.spi.PublishResult;

/**
 * The sandbox against the driver contract, reading its table from the side.
 */
class SandboxBackendCompatibilityTests extends SocialBackendCompatibilityKit {

	private static final Map<FaultInjector.Fault.Kind, SandboxFault> FAULTS = Map.of(
			FaultInjector.Fault.Kind.RATE_LIMITED, SandboxFault.RATE_LIMITED, FaultInjector.Fault.Kind.SERVER_ERROR,
			SandboxFault.TRANSIENT, FaultInjector.Fault.Kind.TOKEN_EXPIRED, SandboxFault.AUTH_EXPIRED,
			FaultInjector.Fault.Kind.TOKEN_REVOKED, SandboxFault.AUTH_REVOKED, FaultInjector.Fault.Kind.INVALID_CONTENT,
			SandboxFault.INVALID_CONTENT, FaultInjector.Fault.Kind.TIMEOUT_AFTER_SEND, SandboxFault.UNKNOWN_OUTCOME);

	private static Fixture fixture;

	@Override
	protected KitFixture fixture() {
		synchronized (SandboxBackendCompatibilityTests.class) {
			if (fixture == null) {
				fixture = new Fixture(SandboxDatabase.migrated());
			}
			return fixture;
		}
	}

	private static final class Fixture implements KitFixture {

		private final DataSource dataSource;

		private final Clock clock = Clock.systemUTC();

		private final SandboxBackend backend;

		Fixture(DataSource dataSource) {
			this.dataSource = dataSource;
			this.backend = new SandboxBackend(dataSource, this.clock, SandboxProperties.defaults());
		}

		@Override
		public BaseSocialBackend backend() {
			return this.backend;
		}

		@Override
		public Clock clock() {
			return this.clock;
		}

		@Override
		public AccountSession session() throws Exception {
			return this.backend.connect(new ConnectRequest("kit-" + UUID.randomUUID().toString().substring(0, 8), null,
					null, Map.of("session-ttl", "PT1H")));
		}

		@Override
		public List<StoredPost> readBack(PublishResult.Published published) throws SQLException {
			long id = Long.parseLong(published.remoteId().substring("sb-".length()));
			try (Connection connection = this.dataSource.getConnection();
					PreparedStatement query = connection.prepareStatement(
							"SELECT text, alt_texts, thread_texts FROM sandbox_publication WHERE id = ?")) {
				query.setLong(1, id);
				try (ResultSet rs = query.executeQuery()) {
					if (!rs.next()) {
						return List.of();
					}
					String root = published.remoteId();
					List<StoredPost> posts = new ArrayList<>();
					posts
						.add(new StoredPost(root, rs.getString("text"), strings(rs.getArray("alt_texts")), null, null));
					List<String> parts = strings(rs.getArray("thread_texts"));
					for (int i = 0; i < parts.size(); i++) {
						String parent = (i == 0) ? root : root + "." + i;
						posts.add(new StoredPost(root + "." + (i + 1), parts.get(i), List.of(), root, parent));
					}
					return posts;
				}
			}
		}

		@Override
		public long countPublished(PublishRequest request) throws SQLException {
			try (Connection connection = this.dataSource.getConnection();
					// Thread parts live in their publication's row; each counts as a
					// post.
					PreparedStatement query = connection
						.prepareStatement("SELECT (SELECT count(*) FROM sandbox_publication WHERE text = ?)"
								+ " + (SELECT count(*) FROM sandbox_publication, unnest(thread_texts) part"
								+ " WHERE part = ?)")) {
				query.setString(1, request.text());
				query.setString(2, request.text());
				try (ResultSet rs = query.executeQuery()) {
					rs.next();
					return rs.getLong(1);
				}
			}
		}

		/** The sandbox never deduplicates: that is how it shows engine duplicates. */
		@Override
		public boolean deduplicatesRetries() {
			return false;
		}

		@Override
		public Optional<FaultInjector> faults() {
			return Optional.of(new FaultInjector() {

				@Override
				public Set<Fault.Kind> supported() {
					return FAULTS.keySet();
				}

				@Override
				public void failNextCall(Fault fault) {
					Fixture.this.backend.failNextCall(FAULTS.get(fault.kind()), fault.message(), fault.resetAt());
				}

				@Override
				public void clear() {
					Fixture.this.backend.clearFaults();
				}

				@Override
				public List<String> publishingCalls() {
					return List.of("publish");
				}

				/** The sandbox stores the post, then the answer is lost, however. */
				@Override
				public void failAfterApplying(String call, AfterApplied answer) {
					Fixture.this.backend.failNextCall(SandboxFault.UNKNOWN_OUTCOME, "applied, then " + answer, null);
				}

			});
		}

		private static List<String> strings(Array array) throws SQLException {
			return (array != null) ? Arrays.asList((String[]) array.getArray()) : List.of();
		}

	}

}
