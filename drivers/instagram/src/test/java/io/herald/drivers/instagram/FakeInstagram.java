package io.herald.drivers.instagram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.herald.drivers.spi.AccountSession;
import io.herald.drivers.spi.MediaItem;
import io.herald.drivers.spi.PublishRequest;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Everything an Instagram test needs, started once per test JVM: the shared clock, the
 * fake Graph API, the media host it downloads from, and a driver pointed at the fake.
 * Tests stay independent by each working on an account of their own.
 */
final class FakeInstagram implements AutoCloseable {

	private static final AtomicInteger names = new AtomicInteger();

	final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));

	final MediaHost mediaHost;

	final FakeGraphApi graph;

	final TestMedia media;

	final InstagramProperties properties;

	final InstagramBackend backend;

	private FakeInstagram() throws IOException {
		this.mediaHost = new MediaHost();
		this.graph = new FakeGraphApi(this.clock);
		this.media = new TestMedia(this.mediaHost);
		this.properties = InstagramProperties.forBaseUrl(this.graph.baseUrl())
			.withApp(FakeGraphApi.APP_ID, FakeGraphApi.APP_SECRET);
		this.backend = new InstagramBackend(this.properties, InstagramBackend.httpClient(this.properties), this.clock);
	}

	FakeGraphApi.Account newAccount() {
		return this.graph.createAccount("herald_test_" + names.incrementAndGet());
	}

	AccountSession session(FakeGraphApi.Account account) {
		return new AccountSession(account.userId, account.username, null, account.token, null,
				this.clock.instant().plus(java.time.Duration.ofDays(60)), Map.of());
	}

	static PublishRequest post(String text, MediaItem... media) {
		return new PublishRequest("target-" + names.incrementAndGet(), "key-" + names.get(), text, List.of(media),
				List.of(), null, null, null, List.of());
	}

	static PublishRequest withFirstComment(PublishRequest request, String comment) {
		return new PublishRequest(request.targetId(), request.idempotencyKey(), request.text(), request.media(),
				request.thread(), null, null, comment, request.langs());
	}

	@Override
	public void close() {
		this.graph.close();
		this.mediaHost.close();
	}

	/** Resolves a {@link FakeInstagram} parameter to the one instance of the test run. */
	static final class Extension implements ParameterResolver {

		private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
			.create(FakeInstagram.class);

		@Override
		public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
			return parameter.getParameter().getType() == FakeInstagram.class;
		}

		@Override
		public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
			return context.getRoot().getStore(NAMESPACE).computeIfAbsent(FakeInstagram.class, (key) -> {
				try {
					return new FakeInstagram();
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}, FakeInstagram.class);
		}

	}

}
