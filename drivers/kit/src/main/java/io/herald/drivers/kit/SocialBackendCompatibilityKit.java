package io.herald.drivers.kit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import io.herald.drivers.kit.FaultInjector.Fault;
import io.herald.drivers.spi.AccountProfile;
import io.herald.drivers.spi.AccountSession;
import io.herald.drivers.spi.BaseSocialBackend;
import io.herald.drivers.spi.Capabilities;
import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.MediaItem;
import io.herald.drivers.spi.MediaKind;
import io.herald.drivers.spi.MediaRules;
import io.herald.drivers.spi.PublishException;
import io.herald.drivers.spi.PublishRequest;
import io.herald.drivers.spi.PublishResult;
import io.herald.drivers.spi.ValidationResult;
import io.herald.drivers.spi.ValidationResult.Codes;
import io.herald.drivers.spi.ValidationResult.Violation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract every driver passes. A driver's test extends this class and returns a
 * {@link KitFixture} from {@link #fixture()}; the {@link Nested} groups then check text,
 * media, threads, validation, error mapping, idempotency, reconciliation and token
 * refresh against the fixture's server.
 * <p>
 * Groups that need something a network lacks (threads, media, fault injection,
 * server-side deduplication) are skipped through JUnit assumptions, with a message that
 * says what is missing. Every request the kit publishes has a unique text, so fixtures
 * can find and count posts by text. A publish that returns
 * {@link PublishResult.InProgress} is resumed straight away, up to ten times, so a test
 * server should finish media processing by the time the driver asks again.
 */
public abstract class SocialBackendCompatibilityKit {

	private static final int MAX_RESUMES = 10;

	private KitFixture fixture;

	private BaseSocialBackend backend;

	private AccountSession session;

	/**
	 * The fixture for the driver under test. Called before every test; cache anything
	 * expensive.
	 * @return the fixture
	 * @throws Exception when the fixture cannot be built
	 */
	protected abstract KitFixture fixture() throws Exception;

	@BeforeEach
	void setUpKit() throws Exception {
		this.fixture = fixture();
		this.backend = this.fixture.backend();
		this.session = null;
	}

	private AccountSession session() throws Exception {
		if (this.session == null) {
			this.session = this.fixture.session();
		}
		return this.session;
	}

	private KitFixture kit() {
		return this.fixture;
	}

	private BaseSocialBackend backend() {
		return this.backend;
	}

	private ValidationResult validate(PublishRequest request) {
		return this.backend.validate(request);
	}

	private long countPublished(PublishRequest request) throws Exception {
		return this.fixture.countPublished(request);
	}

	private Capabilities capabilities() {
		return this.backend.capabilities();
	}

	private static String uniquePrefix() {
		return "kit " + UUID.randomUUID().toString().substring(0, 8) + " ";
	}

	/**
	 * A request with the given text. Networks that refuse posts without media (their
	 * validation reports {@link Codes#MEDIA_REQUIRED}) get one small image from the
	 * fixture.
	 */
	private PublishRequest request(String text) {
		String key = UUID.randomUUID().toString();
		PublishRequest request = PublishRequest.text("kit-target-" + key.substring(0, 8), key, text);
		if (codes(this.backend.validate(PublishRequest.text("kit-probe", "kit-probe", "probe")))
			.contains(Codes.MEDIA_REQUIRED)) {
			request = request.withMedia(List.of(image(KitMedia.jpeg(64, 64), null)));
		}
		return request;
	}

	/**
	 * A unique text whose length, counted the network's way, is exactly {@code length}.
	 * The filler is one unit under the network's rule but longer under simpler rules, so
	 * a driver that counts the wrong way fails.
	 */
	private String textOfLength(int length) {
		String prefix = uniquePrefix();
		String filler = switch (capabilities().text().counting()) {
			case GRAPHEMES -> "e\u0301";
			case CODE_POINTS -> "\uD83D\uDE00";
			case TWITTER_WEIGHTED -> "a";
		};
		return prefix + filler.repeat(length - prefix.length());
	}

	private PublishResult.Published publish(PublishRequest request) throws Exception {
		return publish(request, session());
	}

	/**
	 * Publishes, resuming an in-progress result at once: drivers never sleep, and test
	 * servers are expected to finish media processing by the time the driver asks again.
	 */
	private PublishResult.Published publish(PublishRequest request, AccountSession session) throws Exception {
		PublishResult result = this.backend.publish(request, session);
		for (int attempt = 0; attempt < MAX_RESUMES && result instanceof PublishResult.InProgress progress; attempt++) {
			result = this.backend.resume(request, progress.token(), session);
		}
		assertThat(result).as("published after at most %d resumes", MAX_RESUMES)
			.isInstanceOf(PublishResult.Published.class);
		return (PublishResult.Published) result;
	}

	private List<StoredPost> readBack(PublishResult.Published published) throws Exception {
		List<StoredPost> posts = this.fixture.readBack(published);
		assertThat(posts).as("posts read back for %s", published.remoteId()).isNotEmpty();
		return posts;
	}

	private static PublishException failure(ErrorKind expected, Executable call) {
		PublishException ex = assertThrows(PublishException.class, call);
		assertThat(ex.kind()).as("error kind (message: %s)", ex.getMessage()).isEqualTo(expected);
		return ex;
	}

	private static List<String> codes(ValidationResult result) {
		return result.violations().stream().map(Violation::code).toList();
	}

	private MediaItem image(KitMedia.Image image, String altText) {
		return this.fixture.image(image, altText);
	}

	private void assumeImages() {
		assumeTrue(capabilities().media().kinds().contains(MediaKind.IMAGE) && capabilities().media().maxItems() > 0,
				"the network takes no images");
	}

	/** Text: the limit, how it is counted, and that validation agrees with publishing. */
	@Nested
	class Text {

		@Test
		void publishes_text_of_exactly_the_maximum_length() throws Exception {
			PublishRequest request = request(textOfLength(capabilities().text().maxLength()));
			assertThat(validate(request).violations()).isEmpty();

			PublishResult.Published published = publish(request);

			assertThat(readBack(published).get(0).text()).isEqualTo(request.text());
			assertThat(countPublished(request)).isEqualTo(1);
		}

		@Test
		void counts_length_the_way_the_capabilities_say() {
			int max = capabilities().text().maxLength();
			assertThat(codes(validate(request(textOfLength(max))))).doesNotContain(Codes.TEXT_TOO_LONG);
			assertThat(codes(validate(request(textOfLength(max + 1))))).contains(Codes.TEXT_TOO_LONG);
		}

		@Test
		void refuses_to_publish_what_validation_rejects() throws Exception {
			PublishRequest request = request(textOfLength(capabilities().text().maxLength() + 1));
			AccountSession session = session();

			failure(ErrorKind.INVALID_CONTENT, () -> backend().publish(request, session));

			assertThat(countPublished(request)).isZero();
		}

	}

	/** Media: images with their descriptions, and oversized images where re-encoded. */
	@Nested
	class Media {

		@Test
		void publishes_images_with_their_alt_texts_in_order() throws Exception {
			assumeImages();
			List<MediaItem> media = new ArrayList<>();
			media.add(image(KitMedia.png(64, 48), "A wide orange-to-blue gradient"));
			if (capabilities().media().maxItems() > 1) {
				media.add(image(KitMedia.jpeg(56, 64), "A tall gradient, ünïcödé ✓"));
			}
			PublishRequest request = request(uniquePrefix() + "with images").withMedia(media);
			assertThat(validate(request).violations()).isEmpty();

			StoredPost stored = readBack(publish(request)).get(0);

			assertThat(stored.mediaCount()).isEqualTo(media.size());
			if (capabilities().altText().supported()) {
				assertThat(stored.altTexts())
					.containsExactlyElementsOf(media.stream().map(MediaItem::altText).toList());
			}
		}

		@Test
		void publishes_an_image_above_the_byte_limit_when_the_driver_reencodes() throws Exception {
			assumeImages();
			MediaRules rules = capabilities().media();
			assumeTrue(rules.reencodesOversizedImages(), "the driver does not re-encode oversized images");
			int side = (int) Math.ceil(Math.sqrt(rules.maxImageBytes() / 3.0 * 1.2));
			KitMedia.Image big = KitMedia.noisePng(side, side, 5);
			assertThat((long) big.bytes().length).isGreaterThan(rules.maxImageBytes());
			PublishRequest request = request(uniquePrefix() + "with a big image")
				.withMedia(List.of(image(big, "Noise")));
			assertThat(validate(request).violations()).isEmpty();

			assertThat(readBack(publish(request)).get(0).mediaCount()).isEqualTo(1);
		}

	}

	/** Threads: later parts reply to the previous part and share the first as root. */
	@Nested
	class Threads {

		@Test
		void publishes_later_parts_as_replies_to_the_previous_part() throws Exception {
			assumeTrue(capabilities().threads(), "the network has no threads");
			String prefix = uniquePrefix();
			PublishRequest request = request(prefix + "1/3")
				.withThread(List.of(new PublishRequest.ThreadPart(prefix + "2/3", List.of()),
						new PublishRequest.ThreadPart(prefix + "3/3", List.of())));

			List<StoredPost> posts = readBack(publish(request));

			assertThat(posts).extracting(StoredPost::text)
				.containsExactly(prefix + "1/3", prefix + "2/3", prefix + "3/3");
			StoredPost root = posts.get(0);
			assertThat(root.replyParentId()).isNull();
			for (int i = 1; i < posts.size(); i++) {
				assertThat(posts.get(i).replyRootId()).as("root of part %d", i).isEqualTo(root.remoteId());
				assertThat(posts.get(i).replyParentId()).as("parent of part %d", i)
					.isEqualTo(posts.get(i - 1).remoteId());
			}
		}

	}

	/** Validation: pure checks that give the stable codes. */
	@Nested
	class Validation {

		@Test
		void reports_over_limit_text_on_the_part_that_breaks_it() {
			String tooLong = textOfLength(capabilities().text().maxLength() + 1);
			ValidationResult first = validate(request(tooLong));
			assertThat(first.violations()).extracting(Violation::field, Violation::code)
				.contains(tuple("text", Codes.TEXT_TOO_LONG));

			assumeTrue(capabilities().threads(), "the network has no threads");
			ValidationResult part = validate(
					request(uniquePrefix()).withThread(List.of(new PublishRequest.ThreadPart(tooLong, null))));
			assertThat(part.violations()).extracting(Violation::field, Violation::code)
				.containsExactly(tuple("thread[0].text", Codes.TEXT_TOO_LONG));
		}

		@Test
		void reports_too_many_media() {
			int max = capabilities().media().maxItems();
			List<MediaItem> media = new ArrayList<>();
			KitMedia.Image png = KitMedia.png(8, 8);
			for (int i = 0; i <= max; i++) {
				media.add(new MediaItem("m" + i, MediaKind.IMAGE, png.contentType(), png.bytes().length, 8, 8, null,
						"alt " + i, png::open, null));
			}
			ValidationResult result = validate(request(uniquePrefix()).withMedia(media));
			assertThat(codes(result)).contains(Codes.TOO_MANY_MEDIA);
		}

		@Test
		void reports_images_above_the_byte_limit_unless_the_driver_reencodes() {
			assumeImages();
			MediaRules rules = capabilities().media();
			MediaItem huge = new MediaItem("huge", MediaKind.IMAGE, "image/jpeg", rules.maxImageBytes() + 1, 100, 100,
					null, "alt", () -> {
						throw new AssertionError("validation must not read media");
					}, null);
			List<String> codes = codes(validate(request(uniquePrefix()).withMedia(List.of(huge))));
			if (rules.reencodesOversizedImages()) {
				assertThat(codes).doesNotContain(Codes.MEDIA_TOO_LARGE);
			}
			else {
				assertThat(codes).contains(Codes.MEDIA_TOO_LARGE);
			}
		}

		@Test
		void reports_missing_alt_text_only_where_it_is_required() {
			assumeImages();
			KitMedia.Image png = KitMedia.png(8, 8);
			MediaItem bare = new MediaItem("bare", MediaKind.IMAGE, png.contentType(), png.bytes().length, 8, 8, null,
					null, png::open, null);
			ValidationResult result = validate(request(uniquePrefix()).withMedia(List.of(bare)));
			if (capabilities().altText().required()) {
				assertThat(result.violations()).extracting(Violation::field, Violation::code)
					.contains(tuple("media[0].altText", Codes.ALT_TEXT_REQUIRED));
			}
			else {
				assertThat(codes(result)).doesNotContain(Codes.ALT_TEXT_REQUIRED);
			}
		}

		@Test
		void reports_threads_where_the_network_has_none() {
			assumeTrue(!capabilities().threads(), "the network has threads");
			ValidationResult result = validate(
					request(uniquePrefix()).withThread(List.of(new PublishRequest.ThreadPart("second", null))));
			assertThat(codes(result)).contains(Codes.THREADS_UNSUPPORTED);
		}

	}

	/** Errors: each failure maps to its kind and keeps the network's message. */
	@Nested
	class Errors {

		private PublishRequest request;

		@AfterEach
		void clearFaults() {
			kit().faults().ifPresent(FaultInjector::clear);
		}

		private void injecting(Fault fault) throws Exception {
			Optional<FaultInjector> faults = kit().faults()
				.filter((injector) -> injector.supported().contains(fault.kind()));
			assumeTrue(faults.isPresent(),
					"the fixture cannot inject " + fault.kind() + " (KitFixture.faults() lacks it)");
			// Log in first: the fault is for the call under test, not for connecting.
			session();
			faults.get().failNextCall(fault);
		}

		private PublishException publishFailing(Fault fault, ErrorKind expected) throws Exception {
			injecting(fault);
			this.request = request(uniquePrefix() + "meets " + fault.kind());
			AccountSession session = session();
			PublishException ex = failure(expected, () -> backend().publish(this.request, session));
			if (fault.message() != null) {
				assertThat(ex.getMessage()).as("the network's message is kept").contains(fault.message());
			}
			return ex;
		}

		@Test
		void maps_a_rate_limit_to_rate_limited_with_the_reset_time() throws Exception {
			Instant resetAt = kit().clock().instant().plusSeconds(90).truncatedTo(ChronoUnit.SECONDS);
			PublishException ex = publishFailing(new Fault(Fault.Kind.RATE_LIMITED, "Kit says slow down", resetAt),
					ErrorKind.RATE_LIMITED);
			assertThat(ex.retryAt()).contains(resetAt);
			assertThat(countPublished(this.request)).isZero();
		}

		/**
		 * A 5xx is TRANSIENT, or UNKNOWN_OUTCOME where the call creates the post without
		 * an idempotency key: the network may have applied it before failing.
		 */
		@Test
		void maps_a_server_error_to_transient_or_unknown_outcome() throws Exception {
			Fault fault = Fault.of(Fault.Kind.SERVER_ERROR, "Kit says the server broke");
			injecting(fault);
			this.request = request(uniquePrefix() + "meets " + fault.kind());
			AccountSession session = session();
			PublishException ex = assertThrows(PublishException.class, () -> backend().publish(this.request, session));
			assertThat(ex.kind()).as("error kind (message: %s)", ex.getMessage())
				.isIn(ErrorKind.TRANSIENT, ErrorKind.UNKNOWN_OUTCOME);
			assertThat(ex.getMessage()).as("the network's message is kept").contains(fault.message());
			assertThat(countPublished(this.request)).isZero();
		}

		@Test
		void maps_an_expired_token_to_auth_expired() throws Exception {
			publishFailing(Fault.of(Fault.Kind.TOKEN_EXPIRED, "Kit says the token expired"), ErrorKind.AUTH_EXPIRED);
		}

		@Test
		void maps_a_refused_refresh_to_auth_revoked() throws Exception {
			Fault fault = Fault.of(Fault.Kind.TOKEN_REVOKED, "Kit says the grant is gone");
			injecting(fault);
			AccountSession session = session();
			PublishException ex = failure(ErrorKind.AUTH_REVOKED, () -> backend().refresh(session));
			assertThat(ex.getMessage()).contains(fault.message());
		}

		@Test
		void maps_refused_content_to_invalid_content() throws Exception {
			publishFailing(Fault.of(Fault.Kind.INVALID_CONTENT, "Kit says this record is invalid"),
					ErrorKind.INVALID_CONTENT);
		}

		@Test
		void maps_a_timeout_after_sending_to_unknown_outcome_which_reconcile_resolves() throws Exception {
			Instant attemptStart = kit().clock().instant();
			publishFailing(Fault.of(Fault.Kind.TIMEOUT_AFTER_SEND, null), ErrorKind.UNKNOWN_OUTCOME);

			Optional<PublishResult.Published> found = backend().reconcile(this.request, session(), attemptStart);

			assertThat(found).as("the post the network applied is found").isPresent();
			assertThat(readBack(found.get()).get(0).text()).isEqualTo(this.request.text());
		}

	}

	/** Idempotency: a retried publish leaves one post. */
	@Nested
	class Idempotency {

		@Test
		void publishing_the_same_request_twice_leaves_one_post() throws Exception {
			assumeTrue(kit().deduplicatesRetries(),
					"the network cannot deduplicate retried publishes (KitFixture.deduplicatesRetries())");
			String prefix = uniquePrefix();
			PublishRequest request = request(prefix + "once");
			if (capabilities().threads()) {
				request = request.withThread(List.of(new PublishRequest.ThreadPart(prefix + "reply", List.of())));
			}

			PublishResult.Published first = publish(request);
			PublishResult.Published second = publish(request);

			assertThat(second.remoteId()).isEqualTo(first.remoteId());
			assertThat(countPublished(request)).isEqualTo(1);
			if (capabilities().threads()) {
				assertThat(countPublished(request(prefix + "reply"))).isEqualTo(1);
			}
		}

	}

	/**
	 * ExactlyOnce: whichever publishing call of the flow the network applied but answered
	 * badly (a 5xx, a reset connection, an answer after the read timeout), publishing as
	 * the engine does (reconcile after an unknown outcome, retry after a passing failure,
	 * resume what is in progress) leaves exactly one publication.
	 */
	@Nested
	class ExactlyOnce {

		private static final int MAX_STEPS = 12;

		@TestFactory
		Stream<DynamicTest> publishes_once_whichever_publishing_call_is_applied_then_answered_badly() {
			Optional<FaultInjector> faults = kit().faults().filter((injector) -> !injector.publishingCalls().isEmpty());
			assumeTrue(faults.isPresent(), "the fixture names no publishing calls (FaultInjector.publishingCalls())");
			return faults.get()
				.publishingCalls()
				.stream()
				.flatMap((call) -> Arrays.stream(FaultInjector.AfterApplied.values())
					.map((answer) -> DynamicTest.dynamicTest(call + " applied, then " + answer,
							() -> publishesOnce(faults.get(), call, answer))));
		}

		private void publishesOnce(FaultInjector faults, String call, FaultInjector.AfterApplied answer)
				throws Exception {
			String prefix = uniquePrefix();
			PublishRequest request = request(prefix + "once");
			if (capabilities().media().kinds().contains(MediaKind.IMAGE) && request.media().isEmpty()) {
				request = request.withMedia(List.of(image(KitMedia.png(32, 24), "Exactly once")));
			}
			if (capabilities().threads()) {
				request = request.withThread(List.of(new PublishRequest.ThreadPart(prefix + "reply", List.of())));
			}
			session();
			faults.failAfterApplying(call, answer);
			try {
				PublishResult.Published published = publishLikeTheEngine(request);

				assertThat(countPublished(request)).as("posts at the network").isEqualTo(1);
				if (capabilities().threads()) {
					assertThat(countPublished(request(prefix + "reply"))).as("replies at the network").isEqualTo(1);
				}
				assertThat(readBack(published).get(0).text()).isEqualTo(request.text());
			}
			finally {
				faults.clear();
			}
		}

		private PublishResult.Published publishLikeTheEngine(PublishRequest request) throws Exception {
			AccountSession session = session();
			String token = null;
			Instant uncertainSince = null;
			List<String> steps = new ArrayList<>();
			for (int step = 0; step < MAX_STEPS; step++) {
				if (uncertainSince != null) {
					Optional<PublishResult.Published> found = backend().reconcile(request, session, uncertainSince);
					steps.add("reconcile: " + (found.isPresent() ? "found" : "not found"));
					if (found.isPresent()) {
						return found.get();
					}
					uncertainSince = null;
				}
				Instant callStart = kit().clock().instant();
				try {
					PublishResult result = (token != null) ? backend().resume(request, token, session)
							: backend().publish(request, session);
					if (result instanceof PublishResult.Published published) {
						return published;
					}
					token = ((PublishResult.InProgress) result).token();
					steps.add("in progress");
				}
				catch (PublishException ex) {
					steps.add(ex.kind() + ": " + ex.getMessage());
					if (ex.kind() == ErrorKind.UNKNOWN_OUTCOME) {
						uncertainSince = callStart;
					}
					else if (ex.kind() != ErrorKind.TRANSIENT) {
						throw new AssertionError("the driver gave up after " + steps, ex);
					}
				}
			}
			throw new AssertionError("not published after " + MAX_STEPS + " steps: " + steps);
		}

	}

	/** Reconcile: finds what was published, and only that. */
	@Nested
	class Reconcile {

		@Test
		void finds_a_published_request() throws Exception {
			Instant attemptStart = kit().clock().instant();
			PublishRequest request = request(uniquePrefix() + "to reconcile");
			PublishResult.Published published = publish(request);

			Optional<PublishResult.Published> found = backend().reconcile(request, session(), attemptStart);

			assertThat(found).map(PublishResult.Published::remoteId).contains(published.remoteId());
		}

		@Test
		void finds_nothing_for_a_request_never_published() throws Exception {
			Instant attemptStart = kit().clock().instant();
			PublishRequest request = request(uniquePrefix() + "never published");

			assertThat(backend().reconcile(request, session(), attemptStart)).isEmpty();
		}

	}

	/** AuthRefresh: a refreshed session is as good as the old one. */
	@Nested
	class AuthRefresh {

		@Test
		void refresh_returns_a_session_that_verifies_and_publishes() throws Exception {
			AccountSession old = session();

			AccountSession refreshed = backend().refresh(old);

			assertThat(refreshed.remoteUserId()).isEqualTo(old.remoteUserId());
			AccountProfile profile = backend().verify(refreshed);
			assertThat(profile.remoteUserId()).isEqualTo(old.remoteUserId());
			PublishRequest request = request(uniquePrefix() + "after refresh");
			assertThat(readBack(publish(request, refreshed)).get(0).text()).isEqualTo(request.text());
		}

	}

}
