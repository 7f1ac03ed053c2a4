package io.herald.drivers.bluesky;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.sun.net.httpserver.HttpServer;
import io.herald.drivers.kit.FaultInjector.Fault;
import io.herald.drivers.kit.KitMedia;
import io.herald.drivers.spi.AccountSession;
import io.herald.drivers.spi.ConnectRequest;
import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.MediaItem;
import io.herald.drivers.spi.MediaKind;
import io.herald.drivers.spi.PublishException;
import io.herald.drivers.spi.PublishRequest;
import io.herald.drivers.spi.PublishResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What the Bluesky driver writes, read back from a real local PDS without the driver.
 */
@ExtendWith(LocalPdsExtension.class)
class BlueskyBackendIntegrationTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T09:30:00Z"), ZoneOffset.UTC);

	private static PdsClient pds;

	private static PdsClient.Account alice;

	private static PdsClient.Account bob;

	private static BlueskyBackend backend;

	private static AccountSession session;

	@BeforeEach
	void accounts() throws Exception {
		if (pds != null) {
			return;
		}
		pds = new PdsClient(LocalPds.get().url());
		alice = pds.createAccount("alice");
		bob = pds.createAccount("bob");
		backend = new BlueskyBackend(BlueskyProperties.defaults().withDefaultServiceUrl(pds.url()),
				LocalOutbound.POLICY, CLOCK, LinkPreviews.NONE);
		session = backend.connect(new ConnectRequest(alice.handle(), alice.password(), null, null));
	}

	@Test
	void facets_mark_utf8_byte_ranges_around_emoji_and_non_latin_text() throws Exception {
		String mention = "@" + bob.handle();
		String link = "https://example.com/päth?q=1";
		String text = "Grüße 👩‍👩‍👧 " + mention + " — 東京から #日本語 and " + link + ". Done";

		JsonNode post = publishAndRead(request(text));

		byte[] stored = post.path("text").asString().getBytes(StandardCharsets.UTF_8);
		List<String> marked = new ArrayList<>();
		List<String> features = new ArrayList<>();
		for (JsonNode facet : post.path("facets")) {
			int start = facet.path("index").path("byteStart").asInt();
			int end = facet.path("index").path("byteEnd").asInt();
			marked.add(new String(Arrays.copyOfRange(stored, start, end), StandardCharsets.UTF_8));
			JsonNode feature = facet.path("features").path(0);
			features.add(feature.path("$type").asString() + "="
					+ feature.path("did").asString(feature.path("tag").asString(feature.path("uri").asString(""))));
		}
		assertThat(marked).containsExactly(mention, "#日本語", link);
		assertThat(features).containsExactly("app.bsky.richtext.facet#mention=" + bob.did(),
				"app.bsky.richtext.facet#tag=日本語", "app.bsky.richtext.facet#link=" + link);
	}

	@Test
	void a_mention_of_an_unknown_handle_stays_plain_text() throws Exception {
		JsonNode post = publishAndRead(request("hello @nobody-here.test"));

		assertThat(post.has("facets")).isFalse();
	}

	@Test
	void images_become_blobs_with_alt_text_aspect_ratio_and_no_location() throws Exception {
		KitMedia.Image png = KitMedia.png(64, 48);
		KitMedia.Image jpeg = KitMedia.jpeg(30, 40);
		byte[] jpegWithGps = withExifApp1(jpeg.bytes(), "Exif\0\0GPSLatitude 52.5200 N");
		PublishRequest request = request("two pictures").withMedia(
				List.of(item(png.bytes(), "image/png", "Wide"), item(jpegWithGps, "image/jpeg", "Tall, with ünïcödé")));

		JsonNode post = publishAndRead(request);

		JsonNode images = post.path("embed").path("images");
		assertThat(post.path("embed").path("$type").asString()).isEqualTo("app.bsky.embed.images");
		assertThat(images).hasSize(2);
		assertThat(images.path(0).path("alt").asString()).isEqualTo("Wide");
		assertThat(images.path(1).path("alt").asString()).isEqualTo("Tall, with ünïcödé");
		assertThat(images.path(0).path("aspectRatio").path("width").asInt()).isEqualTo(64);
		assertThat(images.path(0).path("aspectRatio").path("height").asInt()).isEqualTo(48);
		assertThat(images.path(1).path("aspectRatio").path("width").asInt()).isEqualTo(30);
		assertThat(images.path(1).path("aspectRatio").path("height").asInt()).isEqualTo(40);
		byte[] first = blob(images.path(0));
		byte[] second = blob(images.path(1));
		assertThat(first).isEqualTo(png.bytes());
		assertThat(new String(second, StandardCharsets.ISO_8859_1)).doesNotContain("GPSLatitude");
		assertThat(second).isEqualTo(jpeg.bytes());
		assertThat(images.path(1).path("image").path("mimeType").asString()).isEqualTo("image/jpeg");
	}

	@Test
	void an_incompressible_1600_by_1200_png_is_fitted_under_one_million_bytes() throws Exception {
		// Random noise: the case that failed on bsky.social with "blob too big (maximum
		// 1000000, got 1453040)".
		KitMedia.Image noise = KitMedia.noisePng(1600, 1200, 11);
		assertThat(noise.bytes().length).isGreaterThan(1_000_000);

		assertFittedOnThePds(noise, 4.0 / 3);
	}

	@Test
	void a_4000_by_3000_photo_is_fitted_under_one_million_bytes() throws Exception {
		KitMedia.Image photo = KitMedia.photoJpeg(4000, 3000, 12);
		assertThat(photo.bytes().length).isGreaterThan(1_000_000);

		assertFittedOnThePds(photo, 4.0 / 3);
	}

	private static void assertFittedOnThePds(KitMedia.Image original, double ratio) throws Exception {
		JsonNode post = publishAndRead(request("a big picture")
			.withMedia(List.of(item(original.bytes(), original.contentType(), "A big picture"))));

		JsonNode image = post.path("embed").path("images").path(0);
		assertThat(image.path("image").path("size").asLong()).isLessThanOrEqualTo(1_000_000);
		assertThat(image.path("image").path("mimeType").asString()).isEqualTo("image/jpeg");
		assertThat(blob(image)).hasSize(image.path("image").path("size").asInt());
		double stored = image.path("aspectRatio").path("width").asDouble()
				/ image.path("aspectRatio").path("height").asDouble();
		assertThat(stored).isCloseTo(ratio, offset(0.01));
	}

	@Test
	void a_link_post_gets_a_card_when_the_page_has_a_title() throws Exception {
		HttpServer page = TestPages.serve(
				"<html><head><title>Fallback</title>" + "<meta property=\"og:title\" content=\"Herald &amp; friends\">"
						+ "<meta name=\"og:description\" content='A scheduler'></head><body></body></html>");
		try {
			String url = "http://127.0.0.1:" + page.getAddress().getPort() + "/article";
			// Cards are fetched under the same outbound policy as the PDS calls.
			BlueskyBackend withCards = new BlueskyBackend(BlueskyProperties.defaults().withDefaultServiceUrl(pds.url()),
					LocalOutbound.POLICY, CLOCK);

			PublishResult.Published published = (PublishResult.Published) withCards.publish(request("Read " + url),
					session);

			JsonNode external = pds.getRecord(published.remoteId()).path("value").path("embed");
			assertThat(external.path("$type").asString()).isEqualTo("app.bsky.embed.external");
			assertThat(external.path("external").path("uri").asString()).isEqualTo(url);
			assertThat(external.path("external").path("title").asString()).isEqualTo("Herald & friends");
			assertThat(external.path("external").path("description").asString()).isEqualTo("A scheduler");
		}
		finally {
			page.stop(0);
		}
	}

	@Test
	void a_retried_publish_leaves_one_record_under_the_derived_key() throws Exception {
		PublishRequest request = request("only once");

		PublishResult.Published first = (PublishResult.Published) backend.publish(request, session);
		PublishResult.Published second = (PublishResult.Published) backend.publish(request, session);

		String rkey = RecordKeys.tid(request.idempotencyKey(), 0);
		assertThat(first.remoteId()).isEqualTo("at://" + alice.did() + "/app.bsky.feed.post/" + rkey);
		assertThat(second.remoteId()).isEqualTo(first.remoteId());
		assertThat(pds.listRecords(alice.did(), BlueskyBackend.POST)
			.stream()
			.filter((r) -> r.path("value").path("text").asString().equals(request.text()))).singleElement()
			.satisfies((r) -> assertThat(r.path("uri").asString()).isEqualTo(first.remoteId()));
		assertThat(first.url().toString()).endsWith("/profile/" + alice.handle() + "/post/" + rkey);
	}

	@Test
	void a_retry_whose_existence_check_misses_the_record_still_leaves_one_post() throws Exception {
		try (FaultProxy proxy = new FaultProxy(pds.url())) {
			BlueskyBackend viaProxy = new BlueskyBackend(
					BlueskyProperties.defaults().withDefaultServiceUrl(proxy.url()), LocalOutbound.POLICY, CLOCK,
					LinkPreviews.NONE);
			AccountSession proxied = new AccountSession(session.remoteUserId(), session.handle(), proxy.url(),
					session.accessToken(), session.refreshToken(), session.accessTokenExpiresAt(), null);
			PublishRequest request = request("raced");
			PublishResult.Published first = (PublishResult.Published) viaProxy.publish(request, proxied);
			proxy.hideNextRead();

			PublishResult.Published second = (PublishResult.Published) viaProxy.publish(request, proxied);

			assertThat(second.remoteId()).isEqualTo(first.remoteId());
			assertThat(pds.listRecords(alice.did(), BlueskyBackend.POST)
				.stream()
				.filter((r) -> r.path("value").path("text").asString().equals("raced"))).hasSize(1);
		}
	}

	@Test
	void a_lost_answer_to_a_blob_upload_is_transient_because_uploading_again_is_harmless() throws Exception {
		try (FaultProxy proxy = new FaultProxy(pds.url())) {
			BlueskyBackend viaProxy = new BlueskyBackend(BlueskyProperties.defaults()
				.withDefaultServiceUrl(proxy.url())
				.withReadTimeout(Duration.ofSeconds(2)), LocalOutbound.POLICY, CLOCK, LinkPreviews.NONE);
			AccountSession proxied = new AccountSession(session.remoteUserId(), session.handle(), proxy.url(),
					session.accessToken(), session.refreshToken(), session.accessTokenExpiresAt(), null);
			KitMedia.Image png = KitMedia.png(8, 8);
			PublishRequest request = request("lost upload").withMedia(List.of(item(png.bytes(), "image/png", "Dot")));
			proxy.failNextCall(Fault.of(Fault.Kind.TIMEOUT_AFTER_SEND, null));

			PublishException ex = assertThrows(PublishException.class, () -> viaProxy.publish(request, proxied));

			assertThat(ex.kind()).isEqualTo(ErrorKind.TRANSIENT);
			assertThat(ex.getMessage()).contains("uploadBlob");
		}
	}

	@Test
	void thread_replies_point_at_root_and_parent_by_uri_and_cid() throws Exception {
		PublishRequest request = request("thread 1/3").withThread(List
			.of(new PublishRequest.ThreadPart("thread 2/3", null), new PublishRequest.ThreadPart("thread 3/3", null)));

		PublishResult.Published published = (PublishResult.Published) backend.publish(request, session);

		JsonNode root = pds.getRecord(published.remoteId());
		JsonNode second = pds.getRecord(uri(request, 1));
		JsonNode third = pds.getRecord(uri(request, 2));
		assertThat(second.path("value").path("text").asString()).isEqualTo("thread 2/3");
		assertRef(second.path("value").path("reply").path("root"), root);
		assertRef(second.path("value").path("reply").path("parent"), root);
		assertRef(third.path("value").path("reply").path("root"), root);
		assertRef(third.path("value").path("reply").path("parent"), second);
	}

	@Test
	void a_reply_to_an_existing_post_keeps_that_posts_thread_root() throws Exception {
		PublishResult.Published top = (PublishResult.Published) backend
			.publish(request("top").withThread(List.of(new PublishRequest.ThreadPart("middle", null))), session);
		String middle = pds.listRecords(alice.did(), BlueskyBackend.POST)
			.stream()
			.filter((r) -> r.path("value").path("text").asString().equals("middle"))
			.findFirst()
			.orElseThrow()
			.path("uri")
			.asString();
		PublishRequest reply = new PublishRequest("t-reply", UUID.randomUUID().toString(), "answer", null, null, middle,
				null, null, List.of("en", "de"));

		JsonNode answer = publishAndRead(reply);

		assertThat(answer.path("reply").path("root").path("uri").asString()).isEqualTo(top.remoteId());
		assertThat(answer.path("reply").path("parent").path("uri").asString()).isEqualTo(middle);
		assertThat(answer.path("langs")).extracting(JsonNode::asString).containsExactly("en", "de");
		assertThat(answer.path("createdAt").asString()).isEqualTo("2026-03-01T09:30:00Z");
	}

	@Test
	void publishing_reports_the_rate_budget_from_the_pds_headers() throws Exception {
		PublishResult result = backend.publish(request("budgeted"), session);

		assertThat(result.rateBudget()).hasValueSatisfying((budget) -> {
			assertThat(budget.limit()).isPositive();
			assertThat(budget.remaining()).isLessThan(budget.limit());
			assertThat(budget.resetAt()).isAfter(Instant.now());
		});
	}

	@Test
	void connect_reads_the_did_handle_and_token_expiry() {
		assertThat(session.remoteUserId()).isEqualTo(alice.did());
		assertThat(session.handle()).isEqualTo(alice.handle());
		assertThat(session.serviceUrl()).isEqualTo(pds.url());
		assertThat(session.accessTokenExpiresAt()).isAfter(Instant.now()).isBefore(Instant.now().plusSeconds(86_400));
		assertThat(session.toString()).doesNotContain(session.accessToken()).doesNotContain(alice.password());
	}

	@Test
	void a_wrong_app_password_is_auth_revoked_with_the_pds_message() {
		PublishException ex = assertThrows(PublishException.class,
				() -> backend.connect(new ConnectRequest(alice.handle(), "wrong-password", pds.url(), null)));

		assertThat(ex.kind()).isEqualTo(ErrorKind.AUTH_REVOKED);
		assertThat(ex.getMessage()).contains("Invalid identifier or password").doesNotContain("wrong-password");
	}

	@Test
	void refreshing_a_session_that_was_logged_out_is_auth_revoked() throws Exception {
		AccountSession other = backend.connect(new ConnectRequest(bob.handle(), bob.password(), null, null));
		pds.deleteSession(other.refreshToken());

		PublishException ex = assertThrows(PublishException.class, () -> backend.refresh(other));

		assertThat(ex.kind()).isEqualTo(ErrorKind.AUTH_REVOKED);
		assertThat(ex.getMessage()).isNotBlank().doesNotContain(other.refreshToken());
	}

	@Test
	void a_garbage_access_token_is_auth_expired_so_the_engine_refreshes_first() {
		AccountSession broken = session.withTokens("not-a-token", session.refreshToken(),
				session.accessTokenExpiresAt());

		PublishException ex = assertThrows(PublishException.class, () -> backend.publish(request("x"), broken));

		assertThat(ex.kind()).isEqualTo(ErrorKind.AUTH_EXPIRED);
		assertThat(ex.networkCode()).contains("InvalidToken");
	}

	@Test
	void reconcile_needs_every_thread_part() throws Exception {
		PublishRequest request = request("partial 1/2")
			.withThread(List.of(new PublishRequest.ThreadPart("partial 2/2", null)));
		PublishRequest firstOnly = new PublishRequest(request.targetId(), request.idempotencyKey(), request.text(),
				null, null, null, null, null, null);
		backend.publish(firstOnly, session);

		assertThat(backend.reconcile(request, session, CLOCK.instant())).isEmpty();

		backend.publish(request, session);
		Optional<PublishResult.Published> found = backend.reconcile(request, session, CLOCK.instant());
		assertThat(found).map(PublishResult.Published::remoteId).contains(uri(request, 0));
		assertThat(pds.getRecord(uri(request, 1)).path("value").path("reply").path("parent").path("uri").asString())
			.isEqualTo(uri(request, 0));
	}

	private static void assertRef(JsonNode ref, JsonNode record) {
		assertThat(ref.path("uri").asString()).isEqualTo(record.path("uri").asString());
		assertThat(ref.path("cid").asString()).isEqualTo(record.path("cid").asString());
	}

	private static String uri(PublishRequest request, int part) {
		return "at://" + alice.did() + "/app.bsky.feed.post/" + RecordKeys.tid(request.idempotencyKey(), part);
	}

	private static JsonNode publishAndRead(PublishRequest request) throws Exception {
		PublishResult.Published published = (PublishResult.Published) backend.publish(request, session);
		return pds.getRecord(published.remoteId()).path("value");
	}

	private static byte[] blob(JsonNode image) throws IOException {
		return pds.getBlob(alice.did(), image.path("image").path("ref").path("$link").asString());
	}

	private static PublishRequest request(String text) {
		String key = UUID.randomUUID().toString();
		return PublishRequest.text("t-" + key.substring(0, 8), key, text);
	}

	private static MediaItem item(byte[] bytes, String type, String alt) {
		return new MediaItem("a-" + UUID.randomUUID(), MediaKind.IMAGE, type, bytes.length, null, null, null, alt,
				() -> new ByteArrayInputStream(bytes), null);
	}

	static byte[] withExifApp1(byte[] jpeg, String payload) {
		byte[] data = payload.getBytes(StandardCharsets.ISO_8859_1);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(jpeg, 0, 2);
		out.write(0xFF);
		out.write(0xE1);
		out.write((data.length + 2) >> 8);
		out.write((data.length + 2) & 0xFF);
		out.write(data, 0, data.length);
		out.write(jpeg, 2, jpeg.length - 2);
		return out.toByteArray();
	}

}
