package io.herald.drivers.instagram;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.herald.drivers.spi.AccountProfile;
import io.herald.drivers.spi.AccountSession;
import io.herald.drivers.spi.Capabilities;
import io.herald.drivers.spi.ConnectRequest;
import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.MediaItem;
import io.herald.drivers.spi.MediaKind;
import io.herald.drivers.spi.OAuthFlow;
import io.herald.drivers.spi.PublishException;
import io.herald.drivers.spi.PublishRequest;
import io.herald.drivers.spi.PublishResult;
import io.herald.drivers.spi.PublishResult.InProgress;
import io.herald.drivers.spi.PublishResult.Published;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.herald.drivers.instagram.FakeInstagram.post;
import static io.herald.drivers.instagram.FakeInstagram.withFirstComment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The driver against the fake Graph API, which downloads every media URL from a real
 * local HTTP server and checks the bytes.
 */
@ExtendWith(FakeInstagram.Extension.class)
class InstagramBackendIntegrationTests {

	private final FakeInstagram ig;

	private final InstagramBackend backend;

	InstagramBackendIntegrationTests(FakeInstagram ig) {
		this.ig = ig;
		this.backend = ig.backend;
	}

	private PublishResult resumeAfter(Duration wait, PublishRequest request, PublishResult result,
			AccountSession session) throws PublishException {
		this.ig.clock.advance(wait);
		return this.backend.resume(request, ((InProgress) result).token(), session);
	}

	@Nested
	class Publishing {

		@Test
		void publishes_a_single_jpeg_in_one_call_when_its_container_finishes_at_once() throws Exception {
			FakeGraphApi.Account account = ig.newAccount();
			MediaItem photo = ig.media.jpeg("single.jpg", 400, 500, "A lighthouse at dusk");
			PublishRequest request = post("Evening at the harbour #sea", photo);

			PublishResult result = backend.publish(request, ig.session(account));

			assertThat(result).isInstanceOf(Published.class);
			Published published = (Published) result;
			List<FakeGraphApi.Post> posts = ig.graph.posts(account);
			assertThat(posts).singleElement().satisfies((post) -> {
				assertThat(post.id).isEqualTo(published.remoteId());
				assertThat(post.caption).isEqualTo("Evening at the harbour #sea");
				assertThat(post.mediaType).isEqualTo("IMAGE");
				assertThat(published.url()).isEqualTo(URI.create(post.permalink()));
			});
			assertThat(ig.mediaHost.downloads("single.jpg")).isEqualTo(1);
			assertThat(ig.graph.containers(account)).singleElement()
				.satisfies((container) -> assertThat(container.altText).isEqualTo("A lighthouse at dusk"));
		}

		@Test
		void publishes_a_carousel_as_items_then_a_parent_naming_them() throws Exception {
			FakeGraphApi.Account account = ig.newAccount();
			PublishRequest request = post("Three views", ig.media.jpeg("c1.jpg", 400, 400),
					ig.media.jpeg("c2.jpg", 400, 500), ig.media.jpeg("c3.jpg", 400, 210));

			Published published = (Published) backend.publish(request, ig.session(account));

			List<FakeGraphApi.Container> containers = ig.graph.containers(account);
			List<String> items = containers.stream().filter((c) -> c.carouselItem).map((c) -> c.id).toList();
			assertThat(items).hasSize(3);
			assertThat(containers).filteredOn((c) -> c.mediaType.equals("CAROUSEL"))
				.singleElement()
				.satisfies((parent) -> {
					assertThat(parent.children).containsExactlyInAnyOrderElementsOf(items);
					assertThat(parent.caption).isEqualTo("Three views");
					assertThat(parent.publishedAs).isEqualTo(published.remoteId());
				});
			assertThat(ig.graph.posts(account)).singleElement()
				.satisfies((post) -> assertThat(post.mediaType).isEqualTo("CAROUSEL_ALBUM"));
		}

		@Test
		void waits_for_carousel_videos_before_creating_the_parent() throws Exception {
			FakeGraphApi.Account account = ig.newAccount();
			AccountSession session = ig.session(account);
			PublishRequest request = post("Photo and clip", ig.media.jpeg("cv1.jpg", 400, 400),
					ig.media.mp4("cv2.mp4", 1080, 1080, Duration.ofSeconds(20)));

			PublishResult first = backend.publish(request, session);
			PublishResult early = resumeAfter(Duration.ofSeconds(10), request, first, session);

			assertThat(early).isInstanceOf(InProgress.class);
			assertThat(ig.graph.containers(account)).noneMatch((c) -> c.mediaType.equals("CAROUSEL"));
			PublishResult done = resumeAfter(Duration.ofSeconds(30), request, early, session);
			assertThat(done).isInstanceOf(Published.class);
			assertThat(ig.graph.posts(account)).singleElement()
				.satisfies((post) -> assertThat(post.mediaType).isEqualTo("CAROUSEL_ALBUM"));
		}

		@Test
		void publishes_a_reel_once_processing_finishes_without_waiting_itself() throws Exception {
			FakeGraphApi.Account account = ig.newAccount();
			AccountSession session = ig.session(account);
			PublishRequest request = post("New reel", ig.media.mp4("reel.mp4", 1080, 1920, Duration.ofSeconds(12)));
			Instant start = ig.clock.instant();

			PublishResult first = backend.publish(request, session);

			assertThat(first).isInstanceOf(InProgress.class);
			assertThat(((InProgress) first).retryAt()).isEqualTo(start.plus(ig.properties.pollInterval()));
			assertThat(ig.graph.calls("POST", "/" + account.userId + "/media_publish")).isZero();
			PublishResult stillProcessing = resumeAfter(Duration.ofSeconds(15), request, first, session);
			assertThat(stillProcessing).isInstanceOf(InProgress.class);
			PublishResult done = resumeAfter(Duration.ofSeconds(15), request, stillProcessing, session);
			assertThat(done).isInstanceOf(Published.class);
			assertThat(ig.graph.posts(account)).singleElement().satisfies((post) -> {
				assertThat(post.mediaType).isEqualTo("VIDEO");
				assertThat(post.id).isEqualTo(((Published) done).remoteId());
			});
			assertThat(ig.graph.containers(account)).singleElement()
				.satisfies((container) -> assertThat(container.mediaType).isEqualTo("REELS"));
		}

		@Test
		void polls_a_reel_that_processes_for_minutes_with_backoff_until_it_is_published() throws Exception {
			FakeGraphApi.Account account = ig.newAccount();
			AccountSession session = ig.session(account);
			ig.graph.processingTimes(account, Duration.ZERO, Duration.ofMinutes(6));
			PublishRequest request = post("slow reel", ig.media.mp4("slow.mp4", 1080, 1920, Duration.ofSeconds(40)));
			List<Duration> waits = new java.util.ArrayList<>();

			PublishResult result = backend.publish(request, session);
			while (result instanceof InProgress progress) {
				Duration wait = Duration.between(ig.clock.instant(), progress.retryAt());
				waits.add(wait);
				result = resumeAfter(wait, request, result, session);
			}

			assertThat(result).isInstanceOf(Published.class);
			assertThat(waits).hasSizeGreaterThan(6)
				.allSatisfy((wait) -> assertThat(wait).isBetween(ig.properties.pollInterval(), Duration.ofMinutes(1)))
				.isSortedAccordingTo(Duration::compareTo)
				.endsWith(Duration.ofMinutes(1));
			assertThat(ig.graph.posts(account)).singleElement()
				.satisfies((post) -> assertThat(post.mediaType).isEqualTo("VIDEO"));
		}

		@Test
		void fails_a_reel_still_processing_at_the_processing_deadline_without_publishing_it() throws Exception {
			FakeGraphApi.Account account = ig.newAccount();
			AccountSession session = ig.session(account);
			ig.graph.processingTimes(account, Duration.ZERO, Duration.ofHours(3));
			PublishRequest request = post("stuck reel", ig.media.mp4("stuck.mp4", 1080, 1920, Duration.ofSeconds(40)));
			Instant start = ig.clock.instant();
			PublishResult first = backend.publish(request, session);

			PublishException stuck = catchThrowableOfType(PublishException.class, () -> {
				PublishResult result = first;
				while (result instanceof InProgress progress) {
					result = resumeAfter(Duration.between(ig.clock.instant(), progress.retryAt()), request, result,
							session);
				}
			});

			assertThat(stuck.kind()).isEqualTo(ErrorKind.INVALID_CONTENT);
			assertThat(stuck.networkCode()).contains(InstagramBackend.PROCESSING_DEADLINE);
			assertThat(Duration.between(start, ig.clock.instant())).isGreaterThan(ig.properties.processingDeadline())
				.isLessThan(ig.properties.processingDeadline().plusMinutes(2));
			assertThat(ig.graph.posts(account)).isEmpty();
		}

		@Test
		void a_container_instagram_calls_not_ready_at_media_publish_is_still_in_progress() throws Exception {
			FakeGraphApi.Account account = ig.newAccount();
			AccountSession session = ig.session(account);
			PublishRequest request = post("not ready yet", ig.media.jpeg("nr.jpg", 400, 400));
			ig.graph.failNext("POST", "/" + account.userId + "/media_publish", 400, 9007, 2207027,
					"Media ID is not available");

			PublishResult first = backend.publish(request, session);
			PublishResult done = resumeAfter(Duration.ofSeconds(15), request, first, session);

			assertThat(first).isInstanceOf(InProgress.class);
			assertThat(done).isInstanceOf(Published.class);
			assertThat(ig.graph.posts(account)).hasSize(1);
		}

		@Test
		void adds_the_first_comment_after_publishing() throws Exception {
			FakeGraphApi.Account account = ig.newAccount();
			PublishRequest request = withFirstComment(post("With a comment", ig.media.jpeg("fc.jpg", 400, 400)),
					"#more #tags in the first comment");

			backend.publish(request, ig.session(account));

			assertThat(ig.graph.posts(account)).singleElement()
				.satisfies((post) -> assertThat(post.comments).singleElement()
					.satisfies((comment) -> assertThat(comment.get("text"))
						.isEqualTo("#more #tags in the first comment")));
		}

		@Test
		void a_failed_first_comment_leaves_the_publication_a_success() throws Exception {
			FakeGraphApi.Account account = ig.newAccount();
			PublishRequest request = withFirstComment(post("Comment fails", ig.media.jpeg("fc2.jpg", 400, 400)),
					"never posted");
			ig.graph.failNext("POST", "/comments", 500, 2, 0, "An unexpected error has occurred.");

			PublishResult result = backend.publish(request, ig.session(account));

			assertThat(result).isInstanceOf(Published.class);
			assertThat(ig.graph.posts(account)).singleElement()
				.satisfies((post) -> assertThat(post.comments).isEmpty());
		}

	}

	@Nested
	class Quota {

		@Test
		void reports_the_publishing_budget_left() throws Exception {
			FakeGraphApi.Account account = ig.newAccount();
			ig.graph.quotaTotal(account, 5);

			Published published = (Published) backend.publish(post("Budget", ig.media.jpeg("b.jpg", 400, 400)),
					ig.session(account));

			assertThat(published.rateBudget()).hasValueSatisfying((budget) -> {
				assertThat(budget.scope()).isEqualTo("posts-24h");
				assertThat(budget.limit()).isEqualTo(5);
				assertThat(budget.remaining()).isEqualTo(4);
			});
		}

		@Test
		void is_rate_limited_until_the_oldest_post_leaves_the_window_when_the_quota_is_used_up() throws Exception {
			FakeGraphApi.Account account = ig.newAccount();
			AccountSession session = ig.session(account);
			ig.graph.quotaTotal(account, 2);
			Instant firstPost = ig.clock.instant();
			backend.publish(post("one", ig.media.jpeg("q1.jpg", 400, 400)), session);
			ig.clock.advance(Duration.ofHours(1));
			backend.publish(post("two", ig.media.jpeg("q2.jpg", 400, 400)), session);
			ig.clock.advance(Duration.ofHours(1));
			int containersBefore = ig.graph.containers(account).size();

			PublishException refused = catchThrowableOfType(PublishException.class,
					() -> backend.publish(post("three", ig.media.jpeg("q3.jpg", 400, 400)), session));

			assertThat(refused.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
			assertThat(refused.retryAt()).contains(firstPost.plus(Duration.ofHours(24)));
			assertThat(refused.rateBudget()).hasValueSatisfying((budget) -> assertThat(budget.remaining()).isZero());
			assertThat(ig.graph.containers(account)).hasSize(containersBefore);
			ig.clock.advance(Duration.ofHours(22));
			assertThat(backend.publish(post("three", ig.media.jpeg("q3.jpg", 400, 400)), session))
				.isInstanceOf(Published.class);
		}

		@Test
		void finds_when_a_full_quota_frees_by_reading_every_page_of_recent_media() throws Exception {
			FakeGraphApi.Account account = ig.newAccount();
			AccountSession session = ig.session(account);
			ig.graph.quotaTotal(account, 100);
			Instant oldest = ig.clock.instant().minus(Duration.ofHours(20));
			ig.graph.publishedEarlier(account, 100, oldest, Duration.ofMinutes(10));

			PublishException refused = catchThrowableOfType(PublishException.class,
					() -> backend.publish(post("one too many", ig.media.jpeg("full.jpg", 400, 400)), session));

			assertThat(refused.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
			assertThat(refused.retryAt()).contains(oldest.plus(Duration.ofHours(24)));
			assertThat(ig.graph.calls("GET", "/" + account.userId + "/media")).isGreaterThanOrEqualTo(2);
		}

		@Test
		void a_quota_refusal_at_media_publish_is_rate_limited_not_failed() throws Exception {
			FakeGraphApi.Account account = ig.newAccount();
			AccountSession session = ig.session(account);
			PublishRequest reel = post("late reel", ig.media.mp4("qr.mp4", 1080, 1920, Duration.ofSeconds(8)));
			PublishResult first = backend.publish(reel, session);
			ig.graph.quotaTotal(account, 0);

			PublishException refused = catchThrowableOfType(PublishException.class,
					() -> resumeAfter(Duration.ofMinutes(1), reel, first, session));

			assertThat(refused.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
			assertThat(refused.retryAt()).hasValueSatisfying((at) -> assertThat(at).isAfter(ig.clock.instant()));
			assertThat(ig.graph.posts(account)).isEmpty();
		}

	}

	@Nested
	class Idempotency {

		@Test
		void a_resume_after_a_lost_media_publish_answer_finds_the_post_instead_of_posting_again() throws Exception {
			FakeGraphApi.Account account = ig.newAccount();
			AccountSession session = ig.session(account);
			PublishRequest reel = post("crash test", ig.media.mp4("crash.mp4", 1080, 1920, Duration.ofSeconds(9)));
			PublishResult first = backend.publish(reel, session);
			ig.graph.dropAnswerAfterApplying("POST", "/media_publish");

			PublishException lost = catchThrowableOfType(PublishException.class,
					() -> resumeAfter(Duration.ofMinutes(1), reel, first, session));
			PublishResult again = backend.resume(reel, ((InProgress) first).token(), session);

			assertThat(lost.kind()).isEqualTo(ErrorKind.UNKNOWN_OUTCOME);
			assertThat(ig.graph.posts(account)).singleElement()
				.satisfies((post) -> assertThat(post.id).isEqualTo(((Published) again).remoteId()));
			assertThat(ig.graph.calls("POST", "/" + account.userId + "/media_publish")).isEqualTo(1);
		}

		@Test
		void a_server_error_after_media_publish_went_through_is_an_unknown_outcome_that_reconcile_resolves()
				throws Exception {
			FakeGraphApi.Account account = ig.newAccount();
			AccountSession session = ig.session(account);
			Instant attemptStart = ig.clock.instant();
			PublishRequest request = post("published, then 500", ig.media.jpeg("p500.jpg", 400, 400));
			ig.graph.failAfterApplying("POST", "/media_publish", 500, 2,
					"An unexpected error has occurred. Please retry your request later.");

			PublishException unknown = catchThrowableOfType(PublishException.class,
					() -> backend.publish(request, session));
			ig.clock.advance(Duration.ofSeconds(2));
			Optional<Published> found = backend.reconcile(request, session, attemptStart);

			assertThat(unknown.kind()).isEqualTo(ErrorKind.UNKNOWN_OUTCOME);
			assertThat(unknown.httpStatus()).contains(500);
			assertThat(ig.graph.posts(account)).singleElement()
				.satisfies((post) -> assertThat(found)
					.hasValueSatisfying((published) -> assertThat(published.remoteId()).isEqualTo(post.id)));
			assertThat(ig.graph.containers(account)).hasSize(1);
		}

		@Test
		void a_server_error_after_a_reel_went_out_leaves_one_post_when_resumed() throws Exception {
			FakeGraphApi.Account account = ig.newAccount();
			AccountSession session = ig.session(account);
			PublishRequest reel = post("reel, then 503", ig.media.mp4("r503.mp4", 1080, 1920, Duration.ofSeconds(9)));
			PublishResult first = backend.publish(reel, session);
			ig.graph.failAfterApplying("POST", "/media_publish", 503, 1, "Service temporarily unavailable");

			PublishException unknown = catchThrowableOfType(PublishException.class,
					() -> resumeAfter(Duration.ofMinutes(1), reel, first, session));
			PublishResult again = backend.resume(reel, ((InProgress) first).token(), session);

			assertThat(unknown.kind()).isEqualTo(ErrorKind.UNKNOWN_OUTCOME);
			assertThat(ig.graph.posts(account)).singleElement()
				.satisfies((post) -> assertThat(post.id).isEqualTo(((Published) again).remoteId()));
			assertThat(ig.graph.calls("POST", "/" + account.userId + "/media_publish")).isEqualTo(1);
			assertThat(ig.graph.containers(account)).hasSize(1);
		}

		@Test
		void a_container_already_published_counts_as_success_without_a_second_post() throws Exception {
			FakeGraphApi.Account account = ig.newAccount();
			AccountSession session = ig.session(account);
			PublishRequest reel = withFirstComment(
					post("published by a dead worker", ig.media.mp4("dead.mp4", 1080, 1920, Duration.ofSeconds(9))),
					"first!");
			PublishResult first = backend.publish(reel, session);
			String containerId = ig.graph.containers(account).get(0).id;
			ig.clock.advance(Duration.ofMinutes(1));
			FakeGraphApi.Post earlier = ig.graph.publishDirectly(containerId);
			long publishCalls = ig.graph.calls("POST", "/" + account.userId + "/media_publish");

			Published result = (Published) backend.resume(reel, ((InProgress) first).token(), session);

			assertThat(result.remoteId()).isEqualTo(earlier.id);
			assertThat(result.url()).isEqualTo(URI.create(earlier.permalink()));
			assertThat(ig.graph.calls("POST", "/" + account.userId + "/media_publish")).isEqualTo(publishCalls);
			assertThat(ig.graph.posts(account)).hasSize(1);
			assertThat(earlier.comments).singleElement()
				.satisfies((comment) -> assertThat(comment.get("text")).isEqualTo("first!"));
			backend.resume(reel, ((InProgress) first).token(), session);
			assertThat(earlier.comments).hasSize(1);
		}

		@Test
		void reconcile_finds_a_post_with_the_caption_since_the_attempt_started() throws Exception {
			FakeGraphApi.Account account = ig.newAccount();
			AccountSession session = ig.session(account);
			ig.graph.postInApp(account, "same words", ig.clock.instant().minus(Duration.ofDays(2)));
			Instant attemptStart = ig.clock.instant();
			PublishRequest request = post("same words", ig.media.jpeg("rec.jpg", 400, 400));
			Published published = (Published) backend.publish(request, session);

			assertThat(backend.reconcile(request, session, attemptStart)).hasValueSatisfying((found) -> {
				assertThat(found.remoteId()).isEqualTo(published.remoteId());
				assertThat(found.url()).isEqualTo(published.url());
			});
			assertThat(backend.reconcile(request, session, attemptStart.plus(Duration.ofHours(1)))).isEmpty();
			assertThat(
					backend.reconcile(post("never posted", ig.media.jpeg("rec2.jpg", 400, 400)), session, attemptStart))
				.isEmpty();
		}

		@Test
		void an_expired_container_is_replaced_and_never_published() throws Exception {
			FakeGraphApi.Account account = ig.newAccount();
			AccountSession session = ig.session(account);
			PublishRequest reel = post("slow engine", ig.media.mp4("late.mp4", 1080, 1920, Duration.ofSeconds(9)));
			PublishResult first = backend.publish(reel, session);
			String expired = ig.graph.containers(account).get(0).id;

			PublishResult second = resumeAfter(Duration.ofHours(25), reel, first, session);
			PublishResult done = resumeAfter(Duration.ofMinutes(1), reel, second, session);

			assertThat(second).isInstanceOf(InProgress.class);
			assertThat(((InProgress) second).token()).isNotEqualTo(((InProgress) first).token());
			assertThat(done).isInstanceOf(Published.class);
			assertThat(ig.graph.container(expired).publishCalls).isZero();
			assertThat(ig.graph.posts(account)).hasSize(1);
		}

	}

	@Nested
	class Errors {

		@Test
		void an_expired_token_is_auth_expired_with_the_networks_message_and_trace_id() {
			FakeGraphApi.Account account = ig.newAccount();
			AccountSession session = new AccountSession(account.userId, account.username, null,
					ig.graph.issueToken(account, Duration.ofDays(61)), null, null, Map.of());

			PublishException refused = catchThrowableOfType(PublishException.class,
					() -> backend.publish(post("x", ig.media.jpeg("t.jpg", 400, 400)), session));

			assertThat(refused.kind()).isEqualTo(ErrorKind.AUTH_EXPIRED);
			assertThat(refused.networkCode()).contains("190/463");
			assertThat(refused.getMessage()).contains("Session has expired").contains("fbtrace_id FakeTrace");
			assertThat(refused.getMessage()).doesNotContain(session.accessToken());
		}

		@Test
		void a_throttled_app_is_rate_limited_until_the_time_instagram_names() {
			FakeGraphApi.Account account = ig.newAccount();
			ig.graph.failNext("POST", "/media", ig.graph
				.errorResponse(400, 4, 0, "Application request limit reached", Map.of("X-Business-Use-Case-Usage", "{\""
						+ account.userId
						+ "\":[{\"type\":\"instagram\",\"call_count\":100,\"estimated_time_to_regain_access\":7}]}")));

			PublishException refused = catchThrowableOfType(PublishException.class,
					() -> backend.publish(post("x", ig.media.jpeg("rl.jpg", 400, 400)), ig.session(account)));

			assertThat(refused.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
			assertThat(refused.retryAt()).contains(ig.clock.instant().plus(Duration.ofMinutes(7)));
		}

		@Test
		void an_image_whose_real_aspect_ratio_is_too_wide_is_invalid_content() {
			FakeGraphApi.Account account = ig.newAccount();
			MediaItem wide = ig.media.jpeg("wide.jpg", 800, 200);
			// the metadata is wrong, so only Instagram's own check can catch it
			MediaItem claimsSquare = new MediaItem(wide.assetId(), MediaKind.IMAGE, "image/jpeg", wide.bytes(), 200,
					200, null, null, wide.content(), wide.publicUrl());

			PublishException refused = catchThrowableOfType(PublishException.class,
					() -> backend.publish(post("wide", claimsSquare), ig.session(account)));

			assertThat(refused.kind()).isEqualTo(ErrorKind.INVALID_CONTENT);
			assertThat(refused.networkCode()).contains("36003/2207009");
			assertThat(refused.getMessage()).contains("aspect ratio");
		}

		@Test
		void a_png_behind_a_jpeg_label_is_invalid_content() {
			FakeGraphApi.Account account = ig.newAccount();

			PublishException refused = catchThrowableOfType(PublishException.class, () -> backend
				.publish(post("png", ig.media.pngLabelledJpeg("fake.jpg", 400, 400)), ig.session(account)));

			assertThat(refused.kind()).isEqualTo(ErrorKind.INVALID_CONTENT);
			assertThat(refused.networkCode()).contains("36001/2207005");
		}

		@Test
		void media_instagram_cannot_fetch_is_transient() {
			FakeGraphApi.Account account = ig.newAccount();

			PublishException refused = catchThrowableOfType(PublishException.class,
					() -> backend.publish(post("gone", ig.media.unreachableJpeg("gone.jpg")), ig.session(account)));

			assertThat(refused.kind()).isEqualTo(ErrorKind.TRANSIENT);
			assertThat(refused.networkCode()).contains("9004/2207052");
			assertThat(ig.mediaHost.downloads("gone.jpg")).isEqualTo(1);
		}

		@Test
		void a_video_instagram_cannot_decode_fails_as_invalid_content_when_processing_ends() throws Exception {
			FakeGraphApi.Account account = ig.newAccount();
			AccountSession session = ig.session(account);
			PublishRequest reel = post("broken", ig.media.brokenMp4("broken.mp4"));
			PublishResult first = backend.publish(reel, session);

			PublishException refused = catchThrowableOfType(PublishException.class,
					() -> resumeAfter(Duration.ofMinutes(1), reel, first, session));

			assertThat(refused.kind()).isEqualTo(ErrorKind.INVALID_CONTENT);
			assertThat(refused.networkCode()).contains("2207026");
			assertThat(refused.getMessage()).contains("2207026");
		}

		@Test
		void a_carousel_item_instagram_cannot_process_fails_the_carousel_as_invalid_content() throws Exception {
			FakeGraphApi.Account account = ig.newAccount();
			AccountSession session = ig.session(account);
			PublishRequest carousel = post("half broken", ig.media.jpeg("hb.jpg", 400, 400),
					ig.media.brokenMp4("hb.mp4"));
			PublishResult first = backend.publish(carousel, session);

			PublishException refused = catchThrowableOfType(PublishException.class,
					() -> resumeAfter(Duration.ofMinutes(1), carousel, first, session));

			assertThat(first).isInstanceOf(InProgress.class);
			assertThat(refused.kind()).isEqualTo(ErrorKind.INVALID_CONTENT);
			assertThat(ig.graph.containers(account)).noneMatch((c) -> c.mediaType.equals("CAROUSEL"));
			assertThat(ig.graph.posts(account)).isEmpty();
		}

		@Test
		void a_server_error_is_transient() {
			FakeGraphApi.Account account = ig.newAccount();
			ig.graph.failNext("GET", "/content_publishing_limit",
					new MockResponse.Builder().code(503).body("<html>Service Unavailable</html>").build());

			PublishException refused = catchThrowableOfType(PublishException.class,
					() -> backend.publish(post("x", ig.media.jpeg("5xx.jpg", 400, 400)), ig.session(account)));

			assertThat(refused.kind()).isEqualTo(ErrorKind.TRANSIENT);
			assertThat(refused.httpStatus()).contains(503);
		}

		@Test
		void an_unreachable_instagram_is_transient() throws Exception {
			URI closed;
			try (ServerSocket socket = new ServerSocket(0)) {
				closed = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
			}
			InstagramProperties properties = InstagramProperties.forBaseUrl(closed);
			InstagramBackend offline = new InstagramBackend(properties, InstagramBackend.httpClient(properties),
					ig.clock);
			FakeGraphApi.Account account = ig.newAccount();

			PublishException refused = catchThrowableOfType(PublishException.class,
					() -> offline.publish(post("x", ig.media.jpeg("off.jpg", 400, 400)), ig.session(account)));

			assertThat(refused.kind()).isEqualTo(ErrorKind.TRANSIENT);
		}

		@Test
		void accepts_png_uploads_but_refuses_to_hand_instagram_anything_but_the_jpeg_copy() {
			FakeGraphApi.Account account = ig.newAccount();
			MediaItem jpeg = ig.media.jpeg("copy.jpg", 400, 400);
			MediaItem png = new MediaItem(jpeg.assetId(), MediaKind.IMAGE, "image/png", jpeg.bytes(), jpeg.width(),
					jpeg.height(), null, null, jpeg.content(), jpeg.publicUrl());

			assertThat(backend.capabilities().media().needsJpegImages()).isTrue();
			assertThat(backend.validate(post("png", png)).isValid()).isTrue();
			assertThatExceptionOfType(PublishException.class)
				.isThrownBy(() -> backend.publish(post("png", png), ig.session(account)))
				.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.INVALID_CONTENT))
				.withMessageContaining("JPEG copy");
			assertThat(ig.graph.containers(account)).isEmpty();
		}

		@Test
		void media_without_a_public_url_is_refused_with_the_setting_to_fix() {
			FakeGraphApi.Account account = ig.newAccount();
			MediaItem local = ig.media.jpeg("local.jpg", 400, 400);
			MediaItem noUrl = new MediaItem(local.assetId(), local.kind(), local.contentType(), local.bytes(),
					local.width(), local.height(), null, null, local.content(), null);

			assertThatExceptionOfType(PublishException.class)
				.isThrownBy(() -> backend.publish(post("x", noUrl), ig.session(account)))
				.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.INVALID_CONTENT))
				.withMessageContaining("MINIO_PUBLIC_ENDPOINT");
		}

	}

	@Nested
	class Connecting {

		private final URI callback = URI.create("https://herald.example/connect/instagram/callback");

		@Test
		void sends_users_to_the_authorization_window_with_the_publishing_scopes() {
			OAuthFlow flow = backend.oauth().orElseThrow();

			URI url = flow.authorizationUrl("state-123", "challenge", this.callback);

			assertThat(url.toString()).startsWith(ig.graph.baseUrl() + "oauth/authorize?")
				.contains("client_id=" + FakeGraphApi.APP_ID)
				.contains("state=state-123")
				.contains("response_type=code")
				.contains("instagram_business_content_publish")
				.contains("redirect_uri=https%3A%2F%2Fherald.example%2Fconnect%2Finstagram%2Fcallback");
		}

		@Test
		void exchanges_a_code_for_a_long_lived_token_of_the_professional_account() throws Exception {
			FakeGraphApi.Account account = ig.newAccount();
			String code = ig.graph.authorize(account);

			AccountSession session = backend.oauth().orElseThrow().exchange(code + "#_", "verifier", this.callback);

			assertThat(session.remoteUserId()).isEqualTo(account.userId);
			assertThat(session.handle()).isEqualTo(account.username);
			assertThat(session.accessTokenExpiresAt()).isEqualTo(ig.clock.instant().plus(Duration.ofDays(60)));
			assertThat(backend.verify(session).handle()).isEqualTo(account.username);
		}

		@Test
		void a_used_code_is_refused_as_auth_revoked() throws Exception {
			FakeGraphApi.Account account = ig.newAccount();
			String code = ig.graph.authorize(account);
			backend.oauth().orElseThrow().exchange(code, "verifier", this.callback);

			assertThatExceptionOfType(PublishException.class)
				.isThrownBy(() -> backend.oauth().orElseThrow().exchange(code, "verifier", this.callback))
				.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.AUTH_REVOKED));
		}

		@Test
		void offers_token_connection_instead_of_oauth_without_app_credentials() {
			InstagramProperties properties = InstagramProperties.forBaseUrl(ig.graph.baseUrl());
			InstagramBackend tokenOnly = new InstagramBackend(properties, InstagramBackend.httpClient(properties),
					ig.clock);

			assertThat(tokenOnly.oauth()).isEmpty();
			assertThat(tokenOnly.capabilities().connectMethod()).isEqualTo(Capabilities.ConnectMethod.CREDENTIALS);
			assertThat(backend.capabilities().connectMethod()).isEqualTo(Capabilities.ConnectMethod.OAUTH2);
		}

		@Test
		void connects_a_pasted_token_and_learns_its_expiry_by_refreshing_it() throws Exception {
			FakeGraphApi.Account account = ig.newAccount();
			String token = ig.graph.issueToken(account, Duration.ofDays(10));

			AccountSession session = backend.connect(new ConnectRequest("@" + account.username, token, null, null));

			assertThat(session.remoteUserId()).isEqualTo(account.userId);
			assertThat(session.accessToken()).isNotEqualTo(token);
			assertThat(session.accessTokenExpiresAt()).isEqualTo(ig.clock.instant().plus(Duration.ofDays(60)));
		}

		@Test
		void connects_a_token_too_new_to_refresh_with_a_safe_expiry() throws Exception {
			FakeGraphApi.Account account = ig.newAccount();

			AccountSession session = backend.connect(new ConnectRequest(null, account.token, null, null));

			assertThat(session.accessToken()).isEqualTo(account.token);
			assertThat(session.accessTokenExpiresAt()).isEqualTo(ig.clock.instant().plus(Duration.ofDays(59)));
		}

		@Test
		void refuses_a_token_of_another_account_or_no_token_at_all() {
			FakeGraphApi.Account account = ig.newAccount();

			assertThatExceptionOfType(PublishException.class)
				.isThrownBy(() -> backend.connect(new ConnectRequest("someone_else", account.token, null, null)))
				.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.AUTH_REVOKED));
			assertThatExceptionOfType(PublishException.class)
				.isThrownBy(() -> backend.connect(new ConnectRequest(null, "IGAAnot-a-token", null, null)))
				.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.AUTH_REVOKED));
		}

		@Test
		void refreshes_a_token_ahead_of_expiry() throws Exception {
			FakeGraphApi.Account account = ig.newAccount();
			String old = ig.graph.issueToken(account, Duration.ofDays(50));
			AccountSession session = new AccountSession(account.userId, account.username, null, old, null,
					ig.clock.instant().plus(Duration.ofDays(10)), Map.of());

			AccountSession refreshed = backend.refresh(session);

			assertThat(refreshed.accessToken()).isNotEqualTo(old);
			assertThat(refreshed.accessTokenExpiresAt()).isEqualTo(ig.clock.instant().plus(Duration.ofDays(60)));
			assertThat(backend.publish(post("after refresh", ig.media.jpeg("rf.jpg", 400, 400)), refreshed))
				.isInstanceOf(Published.class);
		}

		@Test
		void leaves_a_token_less_than_a_day_old_alone() throws Exception {
			AccountSession fresh = ig.session(ig.newAccount());
			long refreshCalls = ig.graph.calls("GET", "/refresh_access_token");

			assertThat(backend.refresh(fresh)).isSameAs(fresh);
			assertThat(ig.graph.calls("GET", "/refresh_access_token")).isEqualTo(refreshCalls);
		}

		@Test
		void a_token_that_can_no_longer_be_refreshed_needs_reconnecting() {
			FakeGraphApi.Account account = ig.newAccount();
			AccountSession expired = new AccountSession(account.userId, account.username, null,
					ig.graph.issueToken(account, Duration.ofDays(61)), null,
					ig.clock.instant().minus(Duration.ofDays(1)), Map.of());

			assertThatExceptionOfType(PublishException.class).isThrownBy(() -> backend.refresh(expired))
				.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.AUTH_REVOKED));
		}

		@Test
		void a_removed_grant_fails_publishing_as_expired_and_refreshing_as_revoked() {
			FakeGraphApi.Account account = ig.newAccount();
			AccountSession session = new AccountSession(account.userId, account.username, null,
					ig.graph.issueToken(account, Duration.ofDays(5)), null,
					ig.clock.instant().plus(Duration.ofDays(55)), Map.of());
			ig.graph.revokeTokens(account);

			assertThatExceptionOfType(PublishException.class)
				.isThrownBy(() -> backend.publish(post("x", ig.media.jpeg("rv.jpg", 400, 400)), session))
				.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.AUTH_EXPIRED));
			assertThatExceptionOfType(PublishException.class).isThrownBy(() -> backend.refresh(session))
				.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.AUTH_REVOKED));
		}

		@Test
		void verifies_a_session_by_reading_the_profile() throws Exception {
			FakeGraphApi.Account account = ig.newAccount();

			AccountProfile profile = backend.verify(ig.session(account));

			assertThat(profile.remoteUserId()).isEqualTo(account.userId);
			assertThat(profile.displayName()).isEqualTo(account.name);
			assertThat(profile.profileUrl())
				.isEqualTo(URI.create("https://www.instagram.com/" + account.username + "/"));
		}

	}

}
