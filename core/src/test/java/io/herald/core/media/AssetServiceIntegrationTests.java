package io.herald.core.media;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import io.herald.testing.SettableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.herald.testing.SharedPostgres;
import io.herald.testing.SharedS3Proxy;
import io.herald.testing.media.MediaTestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@SpringBootTest(classes = { MediaTestApplication.class, AssetServiceIntegrationTests.TestClock.class },
		properties = { "herald.media.max-upload-size=64KB", "herald.media.max-direct-upload-size=256KB",
				"herald.media.public-url=https://herald.example/", "herald.media.link-ttl=15m",
				"herald.media.max-image-pixels=4000000", "herald.secret-key=a test secret that is long enough" })
class AssetServiceIntegrationTests {

	private static final Path MEDIA_DIR = createTempDirectory();

	@Autowired
	AssetService assets;

	@Autowired
	MediaStore store;

	@Autowired
	SettableClock clock;

	@Autowired
	JdbcTemplate jdbc;

	UUID workspaceA;

	UUID workspaceB;

	UUID user;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		SharedPostgres.registerProperties(registry);
		registry.add("herald.media.dir", MEDIA_DIR::toString);
	}

	@BeforeAll
	static void emptyDatabase() {
		SharedPostgres.truncateHeraldTables();
	}

	@AfterAll
	static void removeMedia() throws IOException {
		try (Stream<Path> files = Files.walk(MEDIA_DIR)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
	}

	@BeforeEach
	void createWorkspaces() {
		this.workspaceA = workspace("A");
		this.workspaceB = workspace("B");
		this.user = UUID.randomUUID();
		this.jdbc.update("INSERT INTO app_user (id, email, password_hash) VALUES (?, ?, 'x')", this.user,
				this.user + "@herald.example");
	}

	@Test
	void uploads_an_image_with_type_size_dimensions_and_hash_read_from_its_bytes() throws IOException {
		byte[] png = TestMedia.png(120, 80);
		Asset asset = this.assets.upload(this.workspaceA, this.user, "C:\\fakepath\\holiday.png", "image/jpeg",
				new ByteArrayInputStream(png), "A beach at dusk");
		assertThat(asset.getStatus()).isEqualTo(AssetStatus.READY);
		assertThat(asset.getContentType()).isEqualTo("image/png");
		assertThat(asset.getBytes()).isEqualTo(png.length);
		assertThat(asset.getWidth()).isEqualTo(120);
		assertThat(asset.getHeight()).isEqualTo(80);
		assertThat(asset.getSha256()).isEqualTo(sha256(png));
		assertThat(asset.getAltText()).isEqualTo("A beach at dusk");
		assertThat(asset.getOriginalFilename()).isEqualTo("holiday.png");
		assertThat(asset.getObjectKey()).isEqualTo("ws/" + this.workspaceA + "/" + asset.getId());
		assertThat(this.store.stat(asset.getObjectKey())).contains(new StoredObject(png.length, "image/png"));
		assertThat(this.assets.get(this.workspaceA, asset.getId()).getSha256()).isEqualTo(sha256(png));
		try (InputStream in = this.assets.openContent(this.workspaceA, asset.getId())) {
			assertThat(in.readAllBytes()).isEqualTo(png);
		}
	}

	@Test
	void refuses_an_upload_over_the_size_limit_and_keeps_nothing() {
		byte[] big = TestMedia.concat(TestMedia.png(2, 2), new byte[70 * 1024]);
		assertThatExceptionOfType(MediaTooLargeException.class)
			.isThrownBy(() -> this.assets.upload(this.workspaceA, this.user, "big.png", "image/png",
					new ByteArrayInputStream(big), null))
			.satisfies((ex) -> assertThat(ex.maxBytes()).isEqualTo(64 * 1024));
		assertThat(this.assets.list(this.workspaceA, null, null, 10).items()).isEmpty();
		assertThat(filesUnder(MEDIA_DIR.resolve("ws").resolve(this.workspaceA.toString()))).isEmpty();
	}

	@Test
	void refuses_html_claiming_to_be_an_image_and_keeps_nothing() {
		assertThatExceptionOfType(UnsupportedMediaException.class).isThrownBy(() -> this.assets.upload(this.workspaceA,
				this.user, "cat.jpg", "image/jpeg", new ByteArrayInputStream(TestMedia.html()), null));
		assertThat(this.assets.list(this.workspaceA, null, null, 10).items()).isEmpty();
	}

	@Test
	void refuses_an_image_declaring_more_pixels_than_the_limit_and_keeps_nothing() {
		assertThatExceptionOfType(ImageTooLargeException.class)
			.isThrownBy(() -> this.assets.upload(this.workspaceA, this.user, "bomb.png", "image/png",
					new ByteArrayInputStream(TestMedia.pngDeclaring(50_000, 50_000)), null))
			.satisfies((ex) -> assertThat(ex.maxPixels()).isEqualTo(4_000_000));
		assertThat(this.assets.list(this.workspaceA, null, null, 10).items()).isEmpty();
		assertThat(filesUnder(MEDIA_DIR.resolve("ws").resolve(this.workspaceA.toString()))).isEmpty();
	}

	@Test
	void an_asset_of_workspace_b_is_invisible_to_workspace_a() {
		Asset bs = upload(this.workspaceB, TestMedia.gif(4, 4));
		UUID id = bs.getId();
		assertThatExceptionOfType(AssetNotFoundException.class).isThrownBy(() -> this.assets.get(this.workspaceA, id));
		assertThat(this.assets.list(this.workspaceA, null, null, 100).items()).isEmpty();
		assertThatExceptionOfType(AssetNotFoundException.class)
			.isThrownBy(() -> this.assets.updateAltText(this.workspaceA, id, "mine now"));
		assertThatExceptionOfType(AssetNotFoundException.class)
			.isThrownBy(() -> this.assets.delete(this.workspaceA, id));
		assertThatExceptionOfType(AssetNotFoundException.class)
			.isThrownBy(() -> this.assets.complete(this.workspaceA, id));
		assertThatExceptionOfType(AssetNotFoundException.class)
			.isThrownBy(() -> this.assets.openContent(this.workspaceA, id));
		assertThatExceptionOfType(AssetNotFoundException.class)
			.isThrownBy(() -> this.assets.publicUrl(this.workspaceA, id));
		Asset still = this.assets.get(this.workspaceB, id);
		assertThat(still.getAltText()).isNull();
		assertThat(this.store.stat(still.getObjectKey())).isPresent();
	}

	@Test
	void lists_newest_first_in_pages_that_cover_every_asset_once() {
		List<UUID> expected = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			expected.add(0, upload(this.workspaceA, TestMedia.png(1 + i, 1)).getId());
			if (i != 2) {
				// Two assets share a timestamp, so the id tiebreak is exercised.
				this.clock.advance(Duration.ofSeconds(1));
			}
		}
		this.assets.startUpload(this.workspaceA, this.user, "pending.mp4", "video/mp4", 1000, null);
		upload(this.workspaceB, TestMedia.png(1, 1));

		List<UUID> seen = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			AssetPage page = this.assets.list(this.workspaceA, AssetStatus.READY, cursor, 2);
			page.items().forEach((asset) -> seen.add(asset.getId()));
			cursor = page.nextCursor();
			pages++;
		}
		while (cursor != null);

		assertThat(pages).isEqualTo(3);
		assertThat(seen).containsExactlyInAnyOrderElementsOf(expected).doesNotHaveDuplicates();
		assertThat(seen.subList(3, 5)).containsExactlyInAnyOrderElementsOf(expected.subList(3, 5));
		assertThat(seen.get(0)).isEqualTo(expected.get(0));
		assertThat(this.assets.list(this.workspaceA, null, null, 100).items()).hasSize(6);
		assertThat(this.assets.list(this.workspaceA, AssetStatus.UPLOADING, null, 100).items()).hasSize(1);
	}

	@Test
	void refuses_a_cursor_it_did_not_issue() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.assets.list(this.workspaceA, null, "not-a-cursor", 10));
	}

	@Test
	void changes_alt_text_and_deletes_an_asset_with_its_bytes() {
		Asset asset = upload(this.workspaceA, TestMedia.jpeg(10, 10));
		assertThat(this.assets.updateAltText(this.workspaceA, asset.getId(), "Updated").getAltText())
			.isEqualTo("Updated");
		assertThat(this.assets.get(this.workspaceA, asset.getId()).getAltText()).isEqualTo("Updated");
		this.assets.delete(this.workspaceA, asset.getId());
		assertThatExceptionOfType(AssetNotFoundException.class)
			.isThrownBy(() -> this.assets.get(this.workspaceA, asset.getId()));
		assertThat(this.store.stat(asset.getObjectKey())).isEmpty();
	}

	@Test
	void refuses_to_delete_an_asset_a_post_uses() {
		Asset asset = upload(this.workspaceA, TestMedia.png(2, 2));
		UUID post = UUID.randomUUID();
		this.jdbc.update("INSERT INTO post (id, workspace_id, status) VALUES (?, ?, 'DRAFT')", post, this.workspaceA);
		this.jdbc.update("INSERT INTO post_asset (post_id, position, asset_id, workspace_id) VALUES (?, 0, ?, ?)", post,
				asset.getId(), this.workspaceA);
		assertThatExceptionOfType(AssetInUseException.class)
			.isThrownBy(() -> this.assets.delete(this.workspaceA, asset.getId()));
		assertThat(this.assets.get(this.workspaceA, asset.getId()).isReady()).isTrue();
		assertThat(this.store.stat(asset.getObjectKey())).isPresent();
	}

	@Test
	void hands_out_signed_links_that_serve_the_bytes_until_they_expire() throws IOException {
		byte[] gif = TestMedia.gif(3, 3);
		Asset asset = upload(this.workspaceA, gif);
		URI link = this.assets.publicUrl(this.workspaceA, asset.getId());
		assertThat(link.toString()).startsWith("https://herald.example/media/");
		String token = link.getPath().substring("/media/".length());
		MediaContent content = this.assets.openSignedLink(token);
		try (InputStream in = content.content()) {
			assertThat(in.readAllBytes()).isEqualTo(gif);
		}
		assertThat(content.contentType()).isEqualTo("image/gif");
		assertThat(content.size()).isEqualTo(gif.length);
		this.clock.advance(Duration.ofMinutes(15));
		assertThatExceptionOfType(InvalidMediaLinkException.class).isThrownBy(() -> this.assets.openSignedLink(token));
	}

	@Nested
	class DirectUploadThroughHerald {

		@Test
		void receives_the_bytes_at_a_signed_herald_url_and_completes() {
			byte[] mp4 = TestMedia.mp4(1000, 12_345, 1280, 720);
			StartedUpload started = startUpload("video/mp4", mp4.length);
			Asset asset = started.asset();
			assertThat(asset.getStatus()).isEqualTo(AssetStatus.UPLOADING);
			assertThat(started.upload().method()).isEqualTo("PUT");
			assertThat(started.upload().headers()).containsEntry("Content-Type", "video/mp4");
			assertThat(started.upload().url().toString())
				.startsWith("https://herald.example/api/v1/assets/" + asset.getId() + "/content?token=");

			assertThatExceptionOfType(UploadIncompleteException.class).isThrownBy(() -> complete(asset.getId()));
			assertThatExceptionOfType(UploadIncompleteException.class)
				.isThrownBy(() -> AssetServiceIntegrationTests.this.assets.publicUrl(workspaceA, asset.getId()));

			AssetServiceIntegrationTests.this.assets.receiveUpload(asset.getId(), token(started),
					new ByteArrayInputStream(mp4));
			Asset ready = complete(asset.getId());
			assertThat(ready.getStatus()).isEqualTo(AssetStatus.READY);
			assertThat(ready.getContentType()).isEqualTo("video/mp4");
			assertThat(ready.getDurationMs()).isEqualTo(12_345L);
			assertThat(ready.getWidth()).isEqualTo(1280);
			assertThat(ready.getSha256()).isEqualTo(sha256(mp4));
			assertThat(complete(asset.getId()).getUpdatedAt()).isEqualTo(ready.getUpdatedAt());
			assertThatExceptionOfType(UploadIncompleteException.class)
				.isThrownBy(() -> AssetServiceIntegrationTests.this.assets.receiveUpload(asset.getId(), token(started),
						new ByteArrayInputStream(mp4)));
		}

		@Test
		void an_upload_token_only_works_for_its_own_asset() {
			StartedUpload first = startUpload("image/png", 100);
			StartedUpload second = startUpload("image/png", 100);
			assertThatExceptionOfType(InvalidMediaLinkException.class)
				.isThrownBy(() -> AssetServiceIntegrationTests.this.assets.receiveUpload(second.asset().getId(),
						token(first), new ByteArrayInputStream(new byte[100])));
		}

		@Test
		void refuses_more_bytes_than_announced() {
			StartedUpload started = startUpload("image/png", 10);
			assertThatExceptionOfType(MediaTooLargeException.class)
				.isThrownBy(() -> AssetServiceIntegrationTests.this.assets.receiveUpload(started.asset().getId(),
						token(started), new ByteArrayInputStream(TestMedia.png(8, 8))));
		}

		@Test
		void refuses_on_completion_bytes_that_are_not_the_announced_type_and_drops_them() {
			byte[] jpeg = TestMedia.jpeg(8, 8);
			StartedUpload started = startUpload("image/png", jpeg.length);
			AssetServiceIntegrationTests.this.assets.receiveUpload(started.asset().getId(), token(started),
					new ByteArrayInputStream(jpeg));
			assertThatExceptionOfType(UnsupportedMediaException.class)
				.isThrownBy(() -> complete(started.asset().getId()))
				.withMessageContaining("image/jpeg");
			assertThat(AssetServiceIntegrationTests.this.store.stat(started.asset().getObjectKey())).isEmpty();
			assertThat(AssetServiceIntegrationTests.this.assets.get(workspaceA, started.asset().getId()).getStatus())
				.isEqualTo(AssetStatus.UPLOADING);
		}

		@Test
		void refuses_on_completion_an_image_declaring_more_pixels_than_the_limit_and_drops_it() {
			byte[] bomb = TestMedia.pngDeclaring(50_000, 50_000);
			StartedUpload started = startUpload("image/png", bomb.length);
			AssetServiceIntegrationTests.this.assets.receiveUpload(started.asset().getId(), token(started),
					new ByteArrayInputStream(bomb));
			assertThatExceptionOfType(ImageTooLargeException.class).isThrownBy(() -> complete(started.asset().getId()))
				.withMessageContaining("50000×50000");
			assertThat(AssetServiceIntegrationTests.this.store.stat(started.asset().getObjectKey())).isEmpty();
			assertThat(AssetServiceIntegrationTests.this.assets.get(workspaceA, started.asset().getId()).getStatus())
				.isEqualTo(AssetStatus.UPLOADING);
		}

		@Test
		void refuses_to_start_an_upload_over_the_direct_limit_or_of_an_unsupported_type() {
			assertThatExceptionOfType(MediaTooLargeException.class)
				.isThrownBy(() -> startUpload("video/mp4", 256 * 1024 + 1));
			assertThatExceptionOfType(UnsupportedMediaException.class).isThrownBy(() -> startUpload("text/html", 100));
		}

		private StartedUpload startUpload(String contentType, long bytes) {
			return AssetServiceIntegrationTests.this.assets.startUpload(workspaceA, user, "clip", contentType, bytes,
					null);
		}

		private Asset complete(UUID assetId) {
			return AssetServiceIntegrationTests.this.assets.complete(workspaceA, assetId);
		}

		private static String token(StartedUpload started) {
			String query = started.upload().url().getQuery();
			return query.substring("token=".length());
		}

	}

	/**
	 * The same service on the MinIO store: the client uploads straight to the object
	 * store with a presigned PUT.
	 */
	@Nested
	class DirectUploadToTheObjectStore {

		private final HttpClient http = HttpClient.newHttpClient();

		private AssetService minioAssets(AssetRepository repository, MediaLinkSigner signer, HeraldMediaLinks links,
				MediaProperties properties) {
			MinioMediaStore minio = new MinioMediaStore(new MediaProperties.Minio(SharedS3Proxy.endpoint(),
					SharedS3Proxy.ACCESS_KEY, SharedS3Proxy.SECRET_KEY,
					"herald-assets-" + UUID.randomUUID().toString().substring(0, 8), null, "us-east-1"), links,
					AssetServiceIntegrationTests.this.clock);
			minio.createBucketIfMissing();
			return new AssetService(repository, minio, new AssetInspector(properties.maxImagePixels()), signer, links,
					properties, AssetServiceIntegrationTests.this.clock);
		}

		@Test
		void completes_an_upload_sent_to_the_presigned_url(@Autowired AssetRepository repository,
				@Autowired MediaLinkSigner signer, @Autowired HeraldMediaLinks links,
				@Autowired MediaProperties properties) throws Exception {
			AssetService service = minioAssets(repository, signer, links, properties);
			byte[] webp = TestMedia.webpExtended(1080, 1350);
			StartedUpload started = service.startUpload(workspaceA, user, "portrait.webp", "image/webp", webp.length,
					"Portrait");
			assertThat(started.upload().url().toString()).startsWith(SharedS3Proxy.endpoint() + "/");

			assertThat(put(started.upload(), webp, "image/webp")).isEqualTo(200);
			Asset ready = service.complete(workspaceA, started.asset().getId());
			assertThat(ready.getStatus()).isEqualTo(AssetStatus.READY);
			assertThat(ready.getWidth()).isEqualTo(1080);
			assertThat(ready.getHeight()).isEqualTo(1350);
			assertThat(ready.getSha256()).isEqualTo(sha256(webp));

			// The presigned URL is still valid, but what it writes is never served.
			assertThat(put(started.upload(), TestMedia.html(), "text/html")).isEqualTo(200);
			try (InputStream in = service.openContent(workspaceA, ready.getId())) {
				assertThat(in.readAllBytes()).isEqualTo(webp);
			}
			URI link = service.publicUrl(workspaceA, ready.getId());
			MediaContent served = service.openSignedLink(link.getPath().substring("/media/".length()));
			assertThat(served.contentType()).isEqualTo("image/webp");
			served.content().close();
		}

		@Test
		void refuses_an_upload_sent_with_another_content_type_since_the_store_would_serve_it_so(
				@Autowired AssetRepository repository, @Autowired MediaLinkSigner signer,
				@Autowired HeraldMediaLinks links, @Autowired MediaProperties properties) throws Exception {
			AssetService service = minioAssets(repository, signer, links, properties);
			byte[] png = TestMedia.png(4, 4);
			StartedUpload started = service.startUpload(workspaceA, user, "x.png", "image/png", png.length, null);
			assertThat(put(started.upload(), png, "text/html")).isEqualTo(200);
			assertThatExceptionOfType(UnsupportedMediaException.class)
				.isThrownBy(() -> service.complete(workspaceA, started.asset().getId()))
				.withMessageContaining("text/html");
		}

		private int put(PresignedUpload upload, byte[] body, String contentType) throws Exception {
			HttpRequest request = HttpRequest.newBuilder(upload.url())
				.header("Content-Type", contentType)
				.PUT(HttpRequest.BodyPublishers.ofByteArray(body))
				.build();
			return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}

	}

	private Asset upload(UUID workspaceId, byte[] bytes) {
		return this.assets.upload(workspaceId, this.user, "file", null, new ByteArrayInputStream(bytes), null);
	}

	private UUID workspace(String name) {
		UUID id = UUID.randomUUID();
		this.jdbc.update("INSERT INTO workspace (id, name) VALUES (?, ?)", id, name);
		return id;
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<Path> filesUnder(Path dir) {
		if (!Files.exists(dir)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(dir)) {
			return files.filter(Files::isRegularFile).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path createTempDirectory() {
		try {
			return Files.createTempDirectory("herald-media-it");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class TestClock {

		@Bean
		SettableClock clock() {
			return new SettableClock(Instant.parse("2026-03-01T10:00:00Z"));
		}

	}

}
