package io.herald.drivers.x;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import javax.imageio.ImageIO;

import java.awt.image.BufferedImage;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.exif.ExifIFD0Directory;

import io.herald.drivers.spi.AccountSession;
import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.MediaItem;
import io.herald.drivers.spi.MediaKind;
import io.herald.drivers.spi.PublishException;
import io.herald.drivers.spi.PublishRequest;
import io.herald.drivers.spi.PublishRequest.ThreadPart;
import io.herald.drivers.spi.PublishResult;
import io.herald.drivers.spi.PublishResult.InProgress;
import io.herald.drivers.spi.PublishResult.Published;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ExtendWith(FakeXExtension.class)
class XPublishIntegrationTests {

	private final FakeXServer fake;

	private final XBackend backend;

	XPublishIntegrationTests(FakeXServer fake) {
		this.fake = fake;
		this.backend = XTestSupport.backend(fake);
	}

	private FakeXServer fake() {
		return this.fake;
	}

	private XBackend backend() {
		return this.backend;
	}

	private AccountSession account(String name) {
		return this.fake.newAccount(XTestSupport.uniqueUser(name));
	}

	@Nested
	class Text {

		@Test
		void publishes_a_post_and_reports_its_url_and_rate_budget() throws Exception {
			AccountSession session = account("ada");

			Published published = (Published) backend()
				.publish(PublishRequest.text("t1", "k1", "Hello from Herald & friends"), session);

			FakeXServer.Post post = fake().posts(session.remoteUserId()).get(0);
			assertThat(post.sentText()).isEqualTo("Hello from Herald & friends");
			assertThat(published.remoteId()).isEqualTo(post.id());
			assertThat(published.url())
				.isEqualTo(URI.create("https://x.test/" + session.handle() + "/status/" + post.id()));
			assertThat(published.rateBudget()).hasValueSatisfying((budget) -> {
				assertThat(budget.scope()).isEqualTo("posts");
				assertThat(budget.remaining()).isEqualTo(FakeXServer.POSTS_PER_WINDOW - 1);
				assertThat(budget.limit()).isEqualTo(FakeXServer.POSTS_PER_WINDOW);
				assertThat(budget.resetAt()).isEqualTo(FakeXExtension.START.plus(FakeXServer.WINDOW));
			});
		}

		@Test
		void replies_to_and_quotes_existing_posts() throws Exception {
			AccountSession session = account("alan");
			String original = ((Published) backend().publish(PublishRequest.text("t1", "k1", "original"), session))
				.remoteId();

			PublishRequest reply = new PublishRequest("t2", "k2", "a reply", null, null, original, null, null, null);
			PublishRequest quote = new PublishRequest("t3", "k3", "a quote", null, null, null, original, null, null);
			backend().publish(reply, session);
			backend().publish(quote, session);

			List<FakeXServer.Post> posts = fake().posts(session.remoteUserId());
			assertThat(posts.get(1).replyTo()).isEqualTo(original);
			assertThat(posts.get(2).quote()).isEqualTo(original);
		}

		@Test
		void refuses_to_send_text_over_280_weighted_characters() {
			AccountSession session = account("long");
			String text = "漢".repeat(141);

			assertThatExceptionOfType(PublishException.class)
				.isThrownBy(() -> backend().publish(PublishRequest.text("t", "k", text), session))
				.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.INVALID_CONTENT));
			assertThat(fake().posts(session.remoteUserId())).isEmpty();
		}

	}

	@Nested
	class Threads {

		@Test
		void publishes_each_part_as_a_reply_to_the_previous_one() throws Exception {
			AccountSession session = account("thread");
			PublishRequest request = PublishRequest.text("t", "k", "1/3 a thread")
				.withThread(List.of(new ThreadPart("2/3 continues", null), new ThreadPart("3/3 ends", null)));

			Published published = (Published) backend().publish(request, session);

			List<FakeXServer.Post> posts = fake().posts(session.remoteUserId());
			assertThat(posts).extracting(FakeXServer.Post::sentText)
				.containsExactly("1/3 a thread", "2/3 continues", "3/3 ends");
			assertThat(published.remoteId()).isEqualTo(posts.get(0).id());
			assertThat(posts.get(0).replyTo()).isNull();
			assertThat(posts.get(1).replyTo()).isEqualTo(posts.get(0).id());
			assertThat(posts.get(2).replyTo()).isEqualTo(posts.get(1).id());
		}

		@Test
		void a_failure_after_the_first_part_resumes_the_thread_without_posting_its_start_again() throws Exception {
			AccountSession session = account("resume");
			PublishRequest request = PublishRequest.text("t", "k", "first")
				.withThread(List.of(new ThreadPart("second", null), new ThreadPart("third", null)));
			Instant reset = FakeXExtension.START.plusSeconds(600);
			fake().injectAfter(1,
					new FakeXServer.Fault("POST", "/2/tweets", FakeXServer.Fault.Kind.RATE_LIMITED, reset));

			PublishResult first = backend().publish(request, session);

			assertThat(first).isInstanceOf(InProgress.class);
			assertThat(((InProgress) first).retryAt()).isEqualTo(reset);
			assertThat(fake().posts(session.remoteUserId())).extracting(FakeXServer.Post::sentText)
				.containsExactly("first");
			Published done = (Published) backend().resume(request, ((InProgress) first).token(), session);

			List<FakeXServer.Post> posts = fake().posts(session.remoteUserId());
			assertThat(posts).extracting(FakeXServer.Post::sentText).containsExactly("first", "second", "third");
			assertThat(done.remoteId()).isEqualTo(posts.get(0).id());
			assertThat(posts.get(1).replyTo()).isEqualTo(posts.get(0).id());
			assertThat(posts.get(2).replyTo()).isEqualTo(posts.get(1).id());
		}

		@Test
		void a_part_whose_answer_was_lost_is_looked_for_before_the_thread_goes_on() throws Exception {
			AccountSession session = account("lostpart");
			XBackend impatient = new XBackend(fake().properties(Duration.ofMillis(700), 16 * 1024), fake().clock());
			PublishRequest request = PublishRequest.text("t", "k", "one")
				.withThread(List.of(new ThreadPart("two", null), new ThreadPart("three", null)));
			fake().injectAfter(1, FakeXServer.Fault.of("POST", "/2/tweets", FakeXServer.Fault.Kind.TIMEOUT_AFTER_SEND));

			InProgress uncertain = (InProgress) impatient.publish(request, session);

			assertThat(uncertain.retryAt()).isAfter(fake().clock().instant());
			assertThat(fake().posts(session.remoteUserId())).extracting(FakeXServer.Post::sentText)
				.containsExactly("one", "two");
			fake().clock().advance(Duration.ofSeconds(10));
			Published done = (Published) backend().resume(request, uncertain.token(), session);

			List<FakeXServer.Post> posts = fake().posts(session.remoteUserId());
			assertThat(posts).extracting(FakeXServer.Post::sentText).containsExactly("one", "two", "three");
			assertThat(posts.get(2).replyTo()).isEqualTo(posts.get(1).id());
			assertThat(done.remoteId()).isEqualTo(posts.get(0).id());
		}

		@Test
		void a_part_lost_before_x_applied_it_is_posted_on_resume() throws Exception {
			AccountSession session = account("neverarrived");
			XBackend impatient = new XBackend(fake().properties(Duration.ofMillis(700), 16 * 1024), fake().clock());
			PublishRequest request = PublishRequest.text("t", "k", "uno")
				.withThread(List.of(new ThreadPart("dos", null)));
			fake().injectAfter(1,
					FakeXServer.Fault.of("POST", "/2/tweets", FakeXServer.Fault.Kind.TIMEOUT_NOT_APPLIED));

			InProgress uncertain = (InProgress) impatient.publish(request, session);
			assertThat(fake().posts(session.remoteUserId())).hasSize(1);
			fake().clock().advance(Duration.ofSeconds(10));
			backend().resume(request, uncertain.token(), session);

			List<FakeXServer.Post> posts = fake().posts(session.remoteUserId());
			assertThat(posts).extracting(FakeXServer.Post::sentText).containsExactly("uno", "dos");
			assertThat(posts.get(1).replyTo()).isEqualTo(posts.get(0).id());
		}

		@Test
		void a_part_x_refuses_after_the_first_is_reported_with_the_posted_ids() throws Exception {
			AccountSession session = account("refused");
			PublishRequest request = PublishRequest.text("t", "k", "start")
				.withThread(List.of(new ThreadPart("start", null)));

			assertThatExceptionOfType(PublishException.class).isThrownBy(() -> backend().publish(request, session))
				.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.DUPLICATE))
				.withMessageContaining("Part 2 of 2 failed after posting")
				.withMessageContaining(fake().posts(session.remoteUserId()).get(0).id())
				.withMessageContaining("duplicate content");
		}

	}

	@Nested
	class Media {

		@Test
		void uploads_images_in_chunks_with_alt_text_and_without_exif() throws Exception {
			AccountSession session = account("photo");
			byte[] photo = XTestSupport.jpegWithExif(40, 20, 6);
			byte[] noise = XTestSupport.noise(120, 120, "png", 1);
			assertThat(noise.length).isGreaterThan(2 * 16 * 1024);
			List<MediaItem> media = List.of(
					XTestSupport.media("a1", MediaKind.IMAGE, "image/jpeg", photo, "A tilted test photo"),
					XTestSupport.media("a2", MediaKind.IMAGE, "image/png", noise, null));

			backend().publish(PublishRequest.text("t", "k", "two images").withMedia(media), session);

			FakeXServer.Post post = fake().posts(session.remoteUserId()).get(0);
			assertThat(post.mediaIds()).hasSize(2);
			assertThat(post.text()).matches("two images https://t\\.co/\\w+");
			FakeXServer.Media uploadedPhoto = fake().media(post.mediaIds().get(0));
			assertThat(uploadedPhoto.altText()).isEqualTo("A tilted test photo");
			byte[] sent = uploadedPhoto.content();
			assertThat(new String(sent, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("HeraldCam")
				.doesNotContain("Exif");
			assertThat(ImageMetadataReader.readMetadata(new ByteArrayInputStream(sent))
				.getFirstDirectoryOfType(ExifIFD0Directory.class)).isNull();
			BufferedImage upright = ImageIO.read(new ByteArrayInputStream(sent));
			assertThat(upright.getWidth()).isEqualTo(20);
			assertThat(upright.getHeight()).isEqualTo(40);
			FakeXServer.Media uploadedNoise = fake().media(post.mediaIds().get(1));
			assertThat(uploadedNoise.segments()).hasSizeGreaterThan(2);
			assertThat(uploadedNoise.mediaType()).isEqualTo("image/png");
			assertThat(uploadedNoise.altText()).isNull();
		}

		@Test
		void returns_in_progress_while_x_processes_a_video_and_posts_it_on_resume() throws Exception {
			AccountSession session = account("video");
			byte[] video = new byte[40 * 1024];
			Arrays.fill(video, (byte) 7);
			PublishRequest request = PublishRequest.text("t", "k", "a video")
				.withMedia(List.of(XTestSupport.media("v1", MediaKind.VIDEO, "video/mp4", video, null)));
			fake().processingPolls(1);

			PublishResult first = backend().publish(request, session);

			assertThat(first).isInstanceOf(InProgress.class);
			InProgress pending = (InProgress) first;
			assertThat(pending.retryAt()).isEqualTo(FakeXExtension.START.plusSeconds(1));
			assertThat(pending.token()).doesNotContain(session.accessToken(), session.refreshToken());
			assertThat(fake().posts(session.remoteUserId())).isEmpty();
			fake().clock().advance(Duration.ofSeconds(1));

			PublishResult second = backend().resume(request, pending.token(), session);

			assertThat(second).isInstanceOf(InProgress.class);
			assertThat(((InProgress) second).retryAt()).isEqualTo(fake().clock().instant().plusSeconds(2));
			fake().clock().advance(Duration.ofSeconds(2));

			Published published = (Published) backend().resume(request, ((InProgress) second).token(), session);

			FakeXServer.Post post = fake().posts(session.remoteUserId()).get(0);
			assertThat(published.remoteId()).isEqualTo(post.id());
			FakeXServer.Media uploaded = fake().media(post.mediaIds().get(0));
			assertThat(uploaded.category()).isEqualTo("tweet_video");
			assertThat(uploaded.segments()).hasSize(3);
			assertThat(uploaded.content()).isEqualTo(video);
			assertThat(fake().requests()).filteredOn((line) -> line.startsWith("GET /2/media/upload?"))
				.filteredOn((line) -> line.contains(post.mediaIds().get(0)))
				.hasSize(2);
		}

		@Test
		void a_video_x_fails_to_process_is_invalid_content() throws Exception {
			AccountSession session = account("badvideo");
			PublishRequest request = PublishRequest.text("t", "k", "broken video")
				.withMedia(List.of(XTestSupport.media("v", MediaKind.VIDEO, "video/mp4", new byte[100], null)));
			InProgress pending = (InProgress) backend().publish(request, session);
			fake().inject(FakeXServer.Fault.of("GET", "/2/media/upload", FakeXServer.Fault.Kind.PROCESSING_FAILED));

			assertThatExceptionOfType(PublishException.class)
				.isThrownBy(() -> backend().resume(request, pending.token(), session))
				.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.INVALID_CONTENT))
				.withMessageContaining("could not process");
			assertThat(fake().posts(session.remoteUserId())).isEmpty();
		}

		@Test
		void a_thread_uploads_every_parts_media_before_posting_anything() throws Exception {
			AccountSession session = account("mediathread");
			byte[] gif = "GIF89a-not-really-but-x-only-counts-bytes"
				.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
			PublishRequest request = PublishRequest.text("t", "k", "look")
				.withThread(List.of(new ThreadPart("and this",
						List.of(XTestSupport.media("g1", MediaKind.GIF, "image/gif", gif, "a loop")))));
			fake().processingPolls(0);

			InProgress pending = (InProgress) backend().publish(request, session);
			assertThat(fake().posts(session.remoteUserId())).isEmpty();
			fake().clock().advance(Duration.ofSeconds(1));
			backend().resume(request, pending.token(), session);

			List<FakeXServer.Post> posts = fake().posts(session.remoteUserId());
			assertThat(posts.get(0).mediaIds()).isEmpty();
			assertThat(posts.get(1).mediaIds()).singleElement()
				.satisfies((id) -> assertThat(fake().media(id).altText()).isEqualTo("a loop"));
		}

	}

	@Nested
	class Errors {

		@Test
		void a_429_is_rate_limited_until_the_window_resets() {
			AccountSession session = account("limited");
			Instant reset = FakeXExtension.START.plus(Duration.ofMinutes(9));
			fake().inject(new FakeXServer.Fault("POST", "/2/tweets", FakeXServer.Fault.Kind.RATE_LIMITED, reset));

			assertThatExceptionOfType(PublishException.class)
				.isThrownBy(() -> backend().publish(PublishRequest.text("t", "k", "hi"), session))
				.satisfies((ex) -> {
					assertThat(ex.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
					assertThat(ex.retryAt()).contains(reset);
					assertThat(ex.httpStatus()).contains(429);
					assertThat(ex.rateBudget()).hasValueSatisfying((budget) -> assertThat(budget.remaining()).isZero());
				})
				.withMessageContaining("Rate limit exceeded");
		}

		@Test
		void an_exhausted_24_hour_user_limit_waits_for_its_own_reset() {
			AccountSession session = account("daily");
			Instant reset = FakeXExtension.START.plus(Duration.ofHours(20));
			fake().inject(new FakeXServer.Fault("POST", "/2/tweets", FakeXServer.Fault.Kind.DAILY_LIMIT, reset));

			assertThatExceptionOfType(PublishException.class)
				.isThrownBy(() -> backend().publish(PublishRequest.text("t", "k", "hi"), session))
				.satisfies((ex) -> {
					assertThat(ex.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
					assertThat(ex.retryAt()).contains(reset);
					assertThat(ex.rateBudget())
						.hasValueSatisfying((budget) -> assertThat(budget.scope()).isEqualTo("posts-24h"));
				});
		}

		@Test
		void the_real_window_limit_of_the_fake_is_reported_as_rate_limited() throws Exception {
			AccountSession session = account("busy");
			for (int i = 0; i < FakeXServer.POSTS_PER_WINDOW; i++) {
				backend().publish(PublishRequest.text("t", "k", "post " + i), session);
			}

			assertThatExceptionOfType(PublishException.class)
				.isThrownBy(() -> backend().publish(PublishRequest.text("t", "k", "one too many"), session))
				.satisfies((ex) -> {
					assertThat(ex.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
					assertThat(ex.retryAt()).contains(FakeXExtension.START.plus(FakeXServer.WINDOW));
				});
		}

		@Test
		void the_same_text_twice_is_a_duplicate_with_xs_message() throws Exception {
			AccountSession session = account("dup");
			backend().publish(PublishRequest.text("t", "k", "say it once"), session);

			assertThatExceptionOfType(PublishException.class)
				.isThrownBy(() -> backend().publish(PublishRequest.text("t", "k", "say it once"), session))
				.satisfies((ex) -> {
					assertThat(ex.kind()).isEqualTo(ErrorKind.DUPLICATE);
					assertThat(ex.httpStatus()).contains(403);
				})
				.withMessageContaining("You are not allowed to create a Tweet with duplicate content.");
		}

		@Test
		void a_503_to_a_post_is_an_unknown_outcome_since_x_may_have_created_it() {
			AccountSession session = account("busyx");
			fake().inject(FakeXServer.Fault.of("POST", "/2/tweets", FakeXServer.Fault.Kind.SERVER_ERROR));

			assertThatExceptionOfType(PublishException.class)
				.isThrownBy(() -> backend().publish(PublishRequest.text("t", "k", "hi"), session))
				.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.UNKNOWN_OUTCOME))
				.withMessageContaining("over capacity");
		}

		@Test
		void a_503_to_a_media_upload_is_transient() {
			AccountSession session = account("busymedia");
			fake().inject(FakeXServer.Fault.of("POST", "/2/media/upload", FakeXServer.Fault.Kind.SERVER_ERROR));
			PublishRequest request = PublishRequest.text("t", "k", "with a picture")
				.withMedia(List.of(XTestSupport.media("a1", MediaKind.IMAGE, "image/jpeg",
						XTestSupport.jpegWithExif(16, 16, 1), null)));

			assertThatExceptionOfType(PublishException.class).isThrownBy(() -> backend().publish(request, session))
				.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.TRANSIENT));
		}

		@Test
		void a_401_is_auth_expired() {
			AccountSession session = account("expired");
			fake().inject(FakeXServer.Fault.of("POST", "/2/tweets", FakeXServer.Fault.Kind.UNAUTHORIZED));

			assertThatExceptionOfType(PublishException.class)
				.isThrownBy(() -> backend().publish(PublishRequest.text("t", "k", "hi"), session))
				.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.AUTH_EXPIRED));
		}

		@Test
		void a_suspended_account_is_auth_revoked() {
			AccountSession session = account("suspended");
			fake().suspend(session.remoteUserId());

			assertThatExceptionOfType(PublishException.class)
				.isThrownBy(() -> backend().publish(PublishRequest.text("t", "k", "hi"), session))
				.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.AUTH_REVOKED))
				.withMessageContaining("suspended");
		}

		@Test
		void replying_to_a_post_that_does_not_exist_is_invalid_content() {
			AccountSession session = account("ghost");
			PublishRequest reply = new PublishRequest("t", "k", "to nobody", null, null, "1", null, null, null);

			assertThatExceptionOfType(PublishException.class).isThrownBy(() -> backend().publish(reply, session))
				.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.INVALID_CONTENT))
				.withMessageContaining("deleted or not visible");
		}

		@Test
		void an_unreachable_x_is_transient() throws Exception {
			int port;
			try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
				port = socket.getLocalPort();
			}
			XBackend offline = new XBackend(
					XProperties.of(URI.create("http://127.0.0.1:" + port), FakeXServer.CLIENT_ID, "s"), fake().clock());

			assertThatExceptionOfType(PublishException.class)
				.isThrownBy(() -> offline.publish(PublishRequest.text("t", "k", "hi"), account("offline")))
				.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.TRANSIENT));
		}

	}

	@Nested
	class Reconcile {

		@Test
		void a_post_whose_answer_was_lost_is_unknown_and_reconcile_finds_it() throws Exception {
			AccountSession session = account("lost");
			XBackend impatient = new XBackend(fake().properties(Duration.ofMillis(700), 16 * 1024), fake().clock());
			Instant attemptStart = fake().clock().instant();
			PublishRequest request = PublishRequest.text("t", "k", "Read https://example.com/a-long-article now");
			fake().inject(FakeXServer.Fault.of("POST", "/2/tweets", FakeXServer.Fault.Kind.TIMEOUT_AFTER_SEND));

			assertThatExceptionOfType(PublishException.class).isThrownBy(() -> impatient.publish(request, session))
				.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.UNKNOWN_OUTCOME));

			FakeXServer.Post post = fake().posts(session.remoteUserId()).get(0);
			assertThat(post.text()).contains("https://t.co/").doesNotContain("example.com");
			assertThat(backend().reconcile(request, session, attemptStart))
				.hasValueSatisfying((found) -> assertThat(found.remoteId()).isEqualTo(post.id()));
		}

		@Test
		void reconcile_is_empty_when_the_post_is_not_there() throws Exception {
			AccountSession session = account("absent");
			backend().publish(PublishRequest.text("t", "k", "something else"), session);

			assertThat(backend().reconcile(PublishRequest.text("t", "k", "never sent"), session, FakeXExtension.START))
				.isEmpty();
		}

		@Test
		void reconcile_ignores_matching_posts_from_before_the_attempt() throws Exception {
			AccountSession session = account("old");
			backend().publish(PublishRequest.text("t", "k", "weekly reminder"), session);
			fake().clock().advance(Duration.ofMinutes(30));

			assertThat(backend().reconcile(PublishRequest.text("t", "k", "weekly reminder"), session,
					fake().clock().instant()))
				.isEmpty();
		}

		@Test
		void reconcile_matches_text_escaped_by_x_and_media_links() throws Exception {
			AccountSession session = account("escaped");
			byte[] photo = XTestSupport.noise(8, 8, "png", 3);
			PublishRequest request = PublishRequest.text("t", "k", "Q&A <live>  today")
				.withMedia(List.of(XTestSupport.media("p", MediaKind.IMAGE, "image/png", photo, null)));
			Published published = (Published) backend().publish(request, session);

			assertThat(fake().posts(session.remoteUserId()).get(0).text()).startsWith("Q&amp;A &lt;live&gt;");
			assertThat(backend().reconcile(request, session, FakeXExtension.START))
				.hasValueSatisfying((found) -> assertThat(found.remoteId()).isEqualTo(published.remoteId()));
		}

	}

}
