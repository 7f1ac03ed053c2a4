package io.herald.core.media;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import io.herald.testing.SettableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FilesystemMediaStoreTests {

	@TempDir
	Path root;

	private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T10:00:00Z"));

	private final MediaLinkSigner signer = new MediaLinkSigner(
			"0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8), this.clock);

	private FilesystemMediaStore store() {
		return new FilesystemMediaStore(this.root.resolve("media"),
				new HeraldMediaLinks(this.signer, URI.create("https://herald.example/")));
	}

	@Test
	void stores_reads_stats_and_deletes_an_object() throws IOException {
		FilesystemMediaStore store = store();
		byte[] png = TestMedia.png(3, 3);
		store.put("ws/a/b", new ByteArrayInputStream(png), png.length, "image/png");
		assertThat(store.stat("ws/a/b")).contains(new StoredObject(png.length, "image/png"));
		try (InputStream in = store.open("ws/a/b")) {
			assertThat(in.readAllBytes()).isEqualTo(png);
		}
		store.delete("ws/a/b");
		assertThat(store.stat("ws/a/b")).isEmpty();
		assertThatExceptionOfType(MediaObjectNotFoundException.class).isThrownBy(() -> store.open("ws/a/b"));
		store.delete("ws/a/b");
	}

	@Test
	void replaces_an_object_and_its_type() {
		FilesystemMediaStore store = store();
		store.put("k", stream("first"), 5, "image/png");
		store.put("k", stream("second!"), -1, "image/gif");
		assertThat(store.stat("k")).contains(new StoredObject(7, "image/gif"));
	}

	@Test
	void keeps_nothing_when_the_stream_holds_fewer_bytes_than_announced() throws IOException {
		FilesystemMediaStore store = store();
		assertThatExceptionOfType(MediaStoreException.class)
			.isThrownBy(() -> store.put("ws/a/short", stream("abc"), 10, "image/png"))
			.withMessageContaining("Expected 10 bytes");
		assertThat(store.stat("ws/a/short")).isEmpty();
		assertThat(filesUnder(this.root)).noneMatch((file) -> file.getFileName().toString().endsWith(".tmp"));
	}

	@Test
	void keeps_the_previous_object_when_a_replacement_fails_midway() {
		FilesystemMediaStore store = store();
		store.put("k", stream("good"), 4, "image/png");
		InputStream failing = new InputStream() {
			private int left = 3;

			@Override
			public int read() throws IOException {
				if (this.left-- > 0) {
					return 'x';
				}
				throw new IOException("client went away");
			}
		};
		assertThatExceptionOfType(MediaStoreException.class).isThrownBy(() -> store.put("k", failing, -1, "image/gif"));
		assertThat(store.stat("k")).contains(new StoredObject(4, "image/png"));
	}

	@Test
	void moves_an_object_with_its_type_to_another_key() throws IOException {
		FilesystemMediaStore store = store();
		store.put("uploads/ws/a/b", stream("moved"), 5, "image/gif");
		store.put("ws/a/b", stream("old"), 3, "image/png");
		store.move("uploads/ws/a/b", "ws/a/b");
		assertThat(store.stat("uploads/ws/a/b")).isEmpty();
		assertThat(store.stat("ws/a/b")).contains(new StoredObject(5, "image/gif"));
		try (InputStream in = store.open("ws/a/b")) {
			assertThat(in.readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("moved");
		}
		assertThatExceptionOfType(MediaObjectNotFoundException.class)
			.isThrownBy(() -> store.move("uploads/ws/a/b", "ws/a/b"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "../escape", "ws/../../escape", "/etc/passwd", "ws//double", "ws/.hidden", ".", "..",
			"ws/a\\b", "ws/a b", "", "ws/", "ws/%2e%2e" })
	void refuses_keys_that_could_leave_the_media_directory(String key) {
		FilesystemMediaStore store = store();
		assertThatIllegalArgumentException().isThrownBy(() -> store.put(key, stream("x"), 1, "image/png"));
		assertThatIllegalArgumentException().isThrownBy(() -> store.open(key));
		assertThatIllegalArgumentException().isThrownBy(() -> store.delete(key));
		assertThat(Files.exists(this.root.resolve("escape"))).isFalse();
	}

	@Test
	void offers_no_presigned_upload() {
		assertThat(store().presignUpload("ws/a/b", "image/png", 10, Duration.ofMinutes(5))).isEmpty();
	}

	@Test
	void hands_out_herald_links_signed_for_the_key() {
		URI url = store().publicUrl("ws/a/b", Duration.ofMinutes(5));
		assertThat(url.toString()).startsWith("https://herald.example/media/");
		String token = url.getPath().substring("/media/".length());
		assertThat(this.signer.verify(token, MediaLinkSigner.Purpose.READ)).isEqualTo("ws/a/b");
	}

	@Test
	void is_available_when_its_directory_is_writable() {
		FilesystemMediaStore store = store();
		store.checkAvailable();
	}

	private static InputStream stream(String s) {
		return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
	}

	private static java.util.List<Path> filesUnder(Path dir) throws IOException {
		try (Stream<Path> files = Files.walk(dir)) {
			return files.filter(Files::isRegularFile).toList();
		}
	}

}
