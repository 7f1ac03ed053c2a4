package io.herald.api.networks;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

import tools.jackson.databind.JsonNode;

import io.herald.api.support.Api;
import io.herald.api.support.ApiIntegrationTest;
import io.herald.api.support.Fixtures.Tenant;
import io.herald.api.support.NetworkServers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Herald on a known port with every real network driver pointed at its test server: the
 * local AT Protocol PDS, the spec-validated fake X API and the fake Instagram Graph API.
 * The subclasses share this one application context (same configuration, same cache key),
 * so the three networks cost one context start.
 */
abstract class NetworkEndToEndIntegrationTest extends ApiIntegrationTest {

	protected NetworkServers servers() {
		return NetworkServers.get();
	}

	/**
	 * Uploads an image through the assets API.
	 * @return the asset id
	 */
	protected String uploadJpeg(Tenant tenant, int width, int height, String altText) {
		return uploadImage(tenant, width, height, altText, "jpeg");
	}

	/**
	 * Uploads an image in a format ImageIO writes ({@code jpeg}, {@code png}) through the
	 * assets API.
	 * @return the asset id
	 */
	protected String uploadImage(Tenant tenant, int width, int height, String altText, String format) {
		String boundary = "herald-" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo." + format
				+ "\"\r\nContent-Type: image/" + format + "\r\n\r\n");
		body.writeBytes(image(width, height, format));
		write(body, "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"altText\"\r\n\r\n" + altText
				+ "\r\n--" + boundary + "--\r\n");
		Api.Response response = this.api.post("/api/v1/assets")
			.token(tenant.token())
			.body(body.toByteArray(), "multipart/form-data; boundary=" + boundary)
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		assertThat(response.json().get("contentType").asString()).isEqualTo("image/" + format);
		return response.json().get("id").asString();
	}

	/**
	 * Creates a post to publish now on one account, with one image.
	 * @return the post's location
	 */
	protected String publishNow(Tenant tenant, String accountId, String text, String assetId) {
		Map<String, Object> post = Map.of("text", text, "publishNow", true, "assets",
				List.of(Map.of("assetId", assetId)), "targets", List.of(Map.of("accountId", accountId)));
		Api.Response created = this.api.post("/api/v1/posts").token(tenant.token()).json(post).send();
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.header("Location");
	}

	/**
	 * Starts Herald's OAuth connect flow for a network.
	 * @return the query parameters of the authorization URL the browser is sent to
	 */
	protected URI startOAuth(Tenant tenant, String network) {
		Api.Response started = this.api.post("/api/v1/accounts/oauth/" + network).token(tenant.token()).send();
		assertThat(started.status()).as(started.toString()).isEqualTo(200);
		return URI.create(started.json().get("authorizationUrl").asString());
	}

	/**
	 * The browser comes back from the network with a code, to the user who started the
	 * connect.
	 * @return the connected account
	 */
	protected JsonNode finishOAuth(Tenant tenant, String network, String code, String state) {
		Api.Response callback = this.api.get("/connect/" + network + "/callback?code=" + code + "&state=" + state)
			.token(tenant.token())
			.send();
		assertThat(callback.status()).as(callback.toString()).isEqualTo(201);
		return callback.json();
	}

	protected JsonNode awaitPublished(Tenant tenant, String location) {
		return awaitTarget(tenant, location, (target) -> {
			String status = target.get("status").asString();
			assertThat(status).as("target %s", target).isNotIn("FAILED", "CANCELED");
			return status.equals("PUBLISHED");
		});
	}

	/**
	 * Polls the post's first target until it matches, for at most 90 seconds.
	 * @return the matching target
	 */
	protected JsonNode awaitTarget(Tenant tenant, String location, Predicate<JsonNode> done) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
		JsonNode target = null;
		while (Instant.now().isBefore(deadline)) {
			target = this.api.get(location).token(tenant.token()).send().json().get("targets").get(0);
			if (done.test(target)) {
				return target;
			}
			LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
		}
		throw new AssertionError("Target never reached the awaited state: " + target);
	}

	protected static Map<String, String> query(URI uri) {
		return Arrays.stream(uri.getRawQuery().split("&"))
			.map((pair) -> pair.split("=", 2))
			.collect(Collectors.toMap((p) -> p[0], (p) -> (p.length > 1) ? p[1] : ""));
	}

	private static void write(ByteArrayOutputStream out, String text) {
		out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] image(int width, int height, String format) {
		BufferedImage image = new BufferedImage(width, height,
				format.equals("png") ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(new Color(0xC0392B));
		graphics.fillRect(0, 0, width, height);
		graphics.setColor(Color.WHITE);
		graphics.fillOval(width / 4, height / 4, width / 2, height / 2);
		graphics.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, format, out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

}
