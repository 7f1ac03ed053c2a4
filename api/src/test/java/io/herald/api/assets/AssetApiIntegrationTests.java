package io.herald.api.assets;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.herald.api.support.Api;
import io.herald.api.support.ApiIntegrationTest;
import io.herald.api.support.Fixtures.Tenant;
import io.herald.core.workspaces.Role;

import static org.assertj.core.api.Assertions.assertThat;

class AssetApiIntegrationTests extends ApiIntegrationTest {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void uploads_an_image_and_serves_it_through_a_signed_link() throws Exception {
		Tenant tenant = this.fixtures.tenant(this.api);
		byte[] png = png(40, 30);
		Api.Response created = upload(tenant, "photo.png", "application/octet-stream", png, "Two cats");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode asset = created.json();
		assertThat(asset.get("status").asString()).isEqualTo("READY");
		assertThat(asset.get("contentType").asString()).isEqualTo("image/png");
		assertThat(asset.get("width").asInt()).isEqualTo(40);
		assertThat(asset.get("height").asInt()).isEqualTo(30);
		assertThat(asset.get("bytes").asLong()).isEqualTo(png.length);
		assertThat(asset.get("altText").asString()).isEqualTo("Two cats");
		assertThat(asset.get("sha256").asString()).hasSize(64);
		assertThat(created.header("Location")).isEqualTo("/api/v1/assets/" + asset.get("id").asString());

		HttpResponse<byte[]> media = fetch(URI.create(asset.get("url").asString()));
		assertThat(media.statusCode()).isEqualTo(200);
		assertThat(media.body()).isEqualTo(png);
		assertThat(media.headers().firstValue("Content-Type")).contains("image/png");
		assertThat(media.headers().firstValue("X-Content-Type-Options")).contains("nosniff");

		HttpResponse<byte[]> tampered = fetch(URI.create(tamper(asset.get("url").asString())));
		assertThat(tampered.statusCode()).isEqualTo(404);
		assertThat(tampered.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
	}

	@Test
	void readiness_includes_the_media_store() {
		JsonNode components = this.api.get("/readyz").send().json().get("components");
		assertThat(components.get("mediaStore").get("status").asString()).isEqualTo("UP");
	}

	@Test
	void refuses_html_sent_as_an_image() {
		Tenant tenant = this.fixtures.tenant(this.api);
		Api.Response response = upload(tenant, "cat.png", "image/png",
				"<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8), null);
		assertThat(response.status()).isEqualTo(415);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("type").asString()).isEqualTo("/problems/unsupported-media");
	}

	@Test
	void refuses_a_small_png_declaring_fifty_thousand_pixels_square_with_image_too_large() {
		Tenant tenant = this.fixtures.tenant(this.api);
		byte[] bomb = declaring(png(2, 2), 50_000, 50_000);

		Api.Response response = upload(tenant, "bomb.png", "image/png", bomb, null);

		assertThat(response.status()).as(response.toString()).isEqualTo(422);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("type").asString()).isEqualTo("/problems/image-too-large");
		assertThat(response.json().get("detail").asString()).contains("50000×50000");
		assertThat(response.json().get("width").asInt()).isEqualTo(50_000);
		assertThat(response.json().get("height").asInt()).isEqualTo(50_000);
		assertThat(response.json().get("maxPixels").asLong()).isEqualTo(50_000_000);
		assertThat(this.api.get("/api/v1/assets").token(tenant.token()).send().json().get("items")).isEmpty();
		assertThat(this.api.get("/problems/image-too-large").send().status()).isEqualTo(200);
	}

	@Test
	void another_workspace_cannot_see_change_or_delete_an_asset() {
		Tenant owner = this.fixtures.tenant(this.api);
		Tenant stranger = this.fixtures.tenant(this.api);
		String id = upload(owner, "a.png", "image/png", png(2, 2), null).json().get("id").asString();
		assertThat(this.api.get("/api/v1/assets/" + id).token(stranger.token()).send().status()).isEqualTo(404);
		assertThat(this.api.call("PATCH", "/api/v1/assets/" + id)
			.token(stranger.token())
			.json("{\"altText\":\"mine\"}")
			.send()
			.status()).isEqualTo(404);
		assertThat(this.api.call("DELETE", "/api/v1/assets/" + id).token(stranger.token()).send().status())
			.isEqualTo(404);
		assertThat(this.api.get("/api/v1/assets").token(stranger.token()).send().json().get("items")).isEmpty();
		assertThat(this.api.get("/api/v1/assets/" + id).token(owner.token()).send().json().get("altText").isNull())
			.isTrue();
	}

	@Test
	void uploads_a_large_file_directly_then_completes_it() throws Exception {
		Tenant tenant = this.fixtures.tenant(this.api);
		byte[] png = png(64, 64);
		Api.Response started = this.api.post("/api/v1/assets/uploads")
			.token(tenant.token())
			.json("{\"filename\":\"big.png\",\"contentType\":\"image/png\",\"bytes\":" + png.length + "}")
			.send();
		assertThat(started.status()).as(started.toString()).isEqualTo(201);
		String id = started.json().get("asset").get("id").asString();
		assertThat(started.json().get("asset").get("status").asString()).isEqualTo("UPLOADING");
		JsonNode upload = started.json().get("upload");
		assertThat(upload.get("method").asString()).isEqualTo("PUT");

		Api.Response early = this.api.post("/api/v1/assets/" + id + "/complete").token(tenant.token()).send();
		assertThat(early.status()).isEqualTo(409);

		URI target = URI.create(upload.get("url").asString());
		HttpResponse<String> put = this.http.send(HttpRequest.newBuilder(local(target))
			.header("Content-Type", upload.get("headers").get("Content-Type").asString())
			.PUT(HttpRequest.BodyPublishers.ofByteArray(png))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(put.statusCode()).as(put.body()).isEqualTo(204);

		Api.Response completed = this.api.post("/api/v1/assets/" + id + "/complete").token(tenant.token()).send();
		assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
		assertThat(completed.json().get("status").asString()).isEqualTo("READY");
		assertThat(completed.json().get("width").asInt()).isEqualTo(64);
		assertThat(this.api.get("/api/v1/assets?status=READY").token(tenant.token()).send().json().get("items"))
			.hasSize(1);
	}

	@Test
	void refuses_an_upload_url_whose_token_was_altered() throws Exception {
		Tenant tenant = this.fixtures.tenant(this.api);
		JsonNode upload = this.api.post("/api/v1/assets/uploads")
			.token(tenant.token())
			.json("{\"contentType\":\"image/png\",\"bytes\":10}")
			.send()
			.json()
			.get("upload");
		URI forged = URI.create(upload.get("url").asString().replace("token=", "token=x"));
		HttpResponse<String> put = this.http.send(
				HttpRequest.newBuilder(local(forged)).PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[10])).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(put.statusCode()).isEqualTo(403);
	}

	@Test
	void refuses_a_direct_upload_over_the_limit_with_413() {
		Tenant tenant = this.fixtures.tenant(this.api);
		Api.Response response = this.api.post("/api/v1/assets/uploads")
			.token(tenant.token())
			.json("{\"contentType\":\"video/mp4\",\"bytes\":5000000000}")
			.send();
		assertThat(response.status()).isEqualTo(413);
		assertThat(response.json().get("type").asString()).isEqualTo("/problems/payload-too-large");
		assertThat(response.json().get("limitBytes").asLong()).isEqualTo(1024L * 1024 * 1024);
	}

	@Test
	void changes_alt_text_and_deletes() {
		Tenant tenant = this.fixtures.tenant(this.api);
		String id = upload(tenant, "a.gif", null, png(3, 3), null).json().get("id").asString();
		Api.Response patched = this.api.call("PATCH", "/api/v1/assets/" + id)
			.token(tenant.token())
			.json("{\"altText\":\"A red square\"}")
			.send();
		assertThat(patched.json().get("altText").asString()).isEqualTo("A red square");
		assertThat(this.api.call("DELETE", "/api/v1/assets/" + id).token(tenant.token()).send().status())
			.isEqualTo(204);
		assertThat(this.api.get("/api/v1/assets/" + id).token(tenant.token()).send().status()).isEqualTo(404);
	}

	@Test
	void a_viewer_cannot_upload() {
		Tenant owner = this.fixtures.tenant(this.api);
		Tenant viewer = this.fixtures.member(this.api, owner, Role.VIEWER);
		Api.Response response = upload(viewer, "a.png", "image/png", png(2, 2), null);
		assertThat(response.status()).isEqualTo(403);
	}

	@Test
	void refuses_a_cursor_it_did_not_issue() {
		Tenant tenant = this.fixtures.tenant(this.api);
		Api.Response response = this.api.get("/api/v1/assets?cursor=bogus").token(tenant.token()).send();
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("type").asString()).isEqualTo("/problems/bad-cursor");
	}

	private Api.Response upload(Tenant tenant, String filename, String partType, byte[] bytes, String altText) {
		String boundary = "herald-" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
				+ "\"\r\n" + ((partType != null) ? "Content-Type: " + partType + "\r\n" : "") + "\r\n");
		body.writeBytes(bytes);
		write(body, "\r\n");
		if (altText != null) {
			write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"altText\"\r\n\r\n" + altText
					+ "\r\n");
		}
		write(body, "--" + boundary + "--\r\n");
		return this.api.post("/api/v1/assets")
			.token(tenant.token())
			.body(body.toByteArray(), "multipart/form-data; boundary=" + boundary)
			.send();
	}

	// Changes one character of the signed payload (just after "/media/").
	private static String tamper(String url) {
		int at = url.indexOf("/media/") + "/media/".length() + 5;
		char replacement = (url.charAt(at) == 'A') ? 'B' : 'A';
		return url.substring(0, at) + replacement + url.substring(at + 1);
	}

	private HttpResponse<byte[]> fetch(URI url) throws Exception {
		return this.http.send(HttpRequest.newBuilder(local(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	// Links carry HERALD_PUBLIC_URL; the test server listens on a random port.
	private URI local(URI url) {
		return URI
			.create(this.api.base() + url.getRawPath() + ((url.getRawQuery() != null) ? "?" + url.getRawQuery() : ""));
	}

	private static void write(ByteArrayOutputStream out, String text) {
		out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
	}

	// Rewrites the IHDR chunk's size (and its CRC): a valid PNG header claiming a huge
	// image over a tiny file.
	private static byte[] declaring(byte[] png, int width, int height) {
		byte[] bytes = png.clone();
		ByteBuffer.wrap(bytes, 16, 8).putInt(width).putInt(height);
		CRC32 crc = new CRC32();
		crc.update(bytes, 12, 17);
		ByteBuffer.wrap(bytes, 29, 4).putInt((int) crc.getValue());
		return bytes;
	}

	private static byte[] png(int width, int height) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", out);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return out.toByteArray();
	}

}
