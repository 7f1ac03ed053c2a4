package io.herald.core.media;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.herald.testing.SharedS3Proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The MinIO store against a real S3-compatible server (S3Proxy checking AWS signatures,
 * one per test JVM). The public endpoint is the same server under another host name, as a
 * browser-facing address would be.
 */
class MinioMediaStoreIntegrationTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	private static String endpoint;

	private static String bucket;

	private static MinioMediaStore store;

	private static MediaLinkSigner signer;

	@BeforeAll
	static void createStore() {
		endpoint = SharedS3Proxy.endpoint();
		signer = new MediaLinkSigner("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8),
				Clock.systemUTC());
		bucket = newBucket();
		store = store(bucket, publicEndpoint());
		store.createBucketIfMissing();
	}

	private static MinioMediaStore store(String bucket, String publicEndpoint) {
		return store(bucket, publicEndpoint, SharedS3Proxy.SECRET_KEY);
	}

	private static MinioMediaStore store(String bucket, String publicEndpoint, String secretKey) {
		return new MinioMediaStore(
				new MediaProperties.Minio(endpoint, SharedS3Proxy.ACCESS_KEY, secretKey, bucket, publicEndpoint,
						"us-east-1"),
				new HeraldMediaLinks(signer, URI.create("https://herald.example")), Clock.systemUTC());
	}

	private static String publicEndpoint() {
		return endpoint.replace("127.0.0.1", "localhost");
	}

	private static String newBucket() {
		return "herald-it-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void creates_a_missing_bucket_once_and_accepts_an_existing_one() throws Exception {
		String bucket = newBucket();
		MinioClient client = MinioClient.builder()
			.endpoint(endpoint)
			.region("us-east-1")
			.credentials(SharedS3Proxy.ACCESS_KEY, SharedS3Proxy.SECRET_KEY)
			.build();
		assertThat(client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())).isFalse();
		MinioMediaStore fresh = store(bucket, null);
		assertThatExceptionOfType(MediaStoreException.class).isThrownBy(fresh::checkAvailable);
		fresh.createBucketIfMissing();
		assertThat(client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())).isTrue();
		fresh.createBucketIfMissing();
		fresh.checkAvailable();
	}

	@Test
	void is_unavailable_with_a_wrong_secret_key() {
		store(bucket, null).checkAvailable();
		MinioMediaStore wrongSecret = store(bucket, null, "not-the-secret");
		assertThatExceptionOfType(MediaStoreException.class).isThrownBy(wrongSecret::checkAvailable);
	}

	@Test
	void stores_reads_stats_and_deletes_an_object() throws IOException {
		byte[] png = TestMedia.png(5, 4);
		String key = "ws/" + UUID.randomUUID() + "/" + UUID.randomUUID();
		store.put(key, new ByteArrayInputStream(png), png.length, "image/png");
		assertThat(store.stat(key)).contains(new StoredObject(png.length, "image/png"));
		try (InputStream in = store.open(key)) {
			assertThat(in.readAllBytes()).isEqualTo(png);
		}
		store.delete(key);
		assertThat(store.stat(key)).isEmpty();
		assertThatExceptionOfType(MediaObjectNotFoundException.class).isThrownBy(() -> store.open(key));
		store.delete(key);
	}

	@Test
	void moves_an_object_with_its_type_to_another_key() throws IOException {
		byte[] png = TestMedia.png(3, 3);
		String from = "uploads/ws/" + UUID.randomUUID();
		String to = "ws/" + UUID.randomUUID();
		store.put(from, new ByteArrayInputStream(png), png.length, "image/png");
		store.move(from, to);
		assertThat(store.stat(from)).isEmpty();
		assertThat(store.stat(to)).contains(new StoredObject(png.length, "image/png"));
		assertThatExceptionOfType(MediaObjectNotFoundException.class).isThrownBy(() -> store.move(from, to));
	}

	@Test
	void stores_a_stream_of_unknown_length() throws IOException {
		byte[] jpeg = TestMedia.jpeg(40, 30);
		store.put("ws/unknown-length", new ByteArrayInputStream(jpeg), -1, "image/jpeg");
		assertThat(store.stat("ws/unknown-length")).contains(new StoredObject(jpeg.length, "image/jpeg"));
	}

	@Test
	void accepts_an_upload_to_its_presigned_put_url_from_a_plain_http_client() throws Exception {
		byte[] gif = TestMedia.gif(8, 8);
		String key = "ws/presigned/" + UUID.randomUUID();
		PresignedUpload upload = store.presignUpload(key, "image/gif", gif.length, Duration.ofMinutes(10))
			.orElseThrow();
		assertThat(upload.method()).isEqualTo("PUT");
		assertThat(upload.url().toString()).startsWith(publicEndpoint() + "/")
			.contains("X-Amz-Signature=")
			.contains("X-Amz-Expires=600");
		HttpRequest.Builder put = HttpRequest.newBuilder(upload.url()).PUT(HttpRequest.BodyPublishers.ofByteArray(gif));
		upload.headers().forEach(put::header);
		HttpResponse<String> response = http.send(put.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(store.stat(key)).contains(new StoredObject(gif.length, "image/gif"));
	}

	@Test
	void refuses_an_upload_whose_presigned_signature_was_tampered_with() throws Exception {
		Presigned upload = presignedGif("tampered");
		String url = upload.url().toString();
		int at = url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
		char flipped = (url.charAt(at) == '0') ? '1' : '0';
		URI tampered = URI.create(url.substring(0, at) + flipped + url.substring(at + 1));

		assertThat(put(tampered, upload).statusCode()).isEqualTo(403);
		assertThat(store.stat(upload.key())).isEmpty();
	}

	@Test
	void refuses_an_upload_sent_to_another_host_than_the_one_signed() throws Exception {
		Presigned upload = presignedGif("other-host");
		// The same server under its internal name: the URL was signed for the public one.
		URI internal = URI.create(upload.url().toString().replace(publicEndpoint(), endpoint));

		assertThat(put(internal, upload).statusCode()).isEqualTo(403);
		assertThat(store.stat(upload.key())).isEmpty();
	}

	@Test
	void refuses_an_upload_whose_signed_host_header_was_changed() throws Exception {
		Presigned upload = presignedGif("changed-header");
		assertThat(upload.url().getQuery()).contains("X-Amz-SignedHeaders=host");
		byte[] gif = TestMedia.gif(8, 8);
		// java.net.http will not send a Host header of our choosing, so speak HTTP/1.1 by
		// hand: right server, right URL, a different Host.
		try (Socket socket = new Socket(upload.url().getHost(), upload.url().getPort())) {
			String head = "PUT " + upload.url().getRawPath() + "?" + upload.url().getRawQuery() + " HTTP/1.1\r\n"
					+ "Host: media.attacker.example\r\nContent-Type: image/gif\r\nContent-Length: " + gif.length
					+ "\r\nConnection: close\r\n\r\n";
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.US_ASCII));
			out.write(gif);
			out.flush();
			String status = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1).lines()
				.findFirst()
				.orElse("");
			assertThat(status).startsWith("HTTP/1.1 403");
		}
		assertThat(store.stat(upload.key())).isEmpty();
	}

	private static Presigned presignedGif(String name) {
		String key = "ws/presigned/" + name + "-" + UUID.randomUUID();
		return new Presigned(key, store.presignUpload(key, "image/gif", 1024, Duration.ofMinutes(10)).orElseThrow());
	}

	private record Presigned(String key, PresignedUpload upload) {

		URI url() {
			return this.upload.url();
		}

	}

	private static HttpResponse<String> put(URI url, Presigned presigned) throws Exception {
		HttpRequest.Builder put = HttpRequest.newBuilder(url)
			.PUT(HttpRequest.BodyPublishers.ofByteArray(TestMedia.gif(8, 8)));
		presigned.upload().headers().forEach(put::header);
		return http.send(put.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void hands_out_presigned_get_urls_on_the_public_endpoint() throws Exception {
		byte[] png = TestMedia.png(2, 2);
		String key = "ws/public/" + UUID.randomUUID();
		store.put(key, new ByteArrayInputStream(png), png.length, "image/png");
		URI url = store.publicUrl(key, Duration.ofMinutes(5));
		assertThat(url.toString()).startsWith(publicEndpoint() + "/").contains("X-Amz-Signature=");
		HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(png);
		assertThat(response.headers().firstValue("Content-Type")).contains("image/png");
	}

	@Test
	void hands_out_herald_signed_links_without_a_public_endpoint() {
		MinioMediaStore internalOnly = store(newBucket(), null);
		URI url = internalOnly.publicUrl("ws/a/b", Duration.ofMinutes(5));
		assertThat(url.toString()).startsWith("https://herald.example/media/");
		assertThat(signer.verify(url.getPath().substring("/media/".length()), MediaLinkSigner.Purpose.READ))
			.isEqualTo("ws/a/b");
	}

	@Test
	void refuses_keys_that_are_not_herald_keys() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> store.put("../other-bucket/x", new ByteArrayInputStream(new byte[1]), 1, "image/png"));
	}

}
