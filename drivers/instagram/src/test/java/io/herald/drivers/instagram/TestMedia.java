package io.herald.drivers.instagram;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.imageio.ImageIO;

import io.herald.drivers.spi.MediaItem;
import io.herald.drivers.spi.MediaKind;

/**
 * Real media bytes for the fake to download and check: JPEG and PNG encoded by ImageIO,
 * and a minimal MP4 (an {@code ftyp} box, then {@code free} and {@code mdat}).
 */
final class TestMedia {

	private final MediaHost host;

	TestMedia(MediaHost host) {
		this.host = host;
	}

	MediaItem jpeg(String name, int width, int height) {
		return jpeg(name, width, height, null);
	}

	MediaItem jpeg(String name, int width, int height, String altText) {
		byte[] bytes = encode("jpg", width, height);
		URI url = this.host.put(name, bytes, "image/jpeg");
		return item(name, MediaKind.IMAGE, "image/jpeg", bytes, width, height, null, altText, url);
	}

	/** A PNG that claims to be JPEG, as a pipeline that forgot to convert would send. */
	MediaItem pngLabelledJpeg(String name, int width, int height) {
		byte[] bytes = encode("png", width, height);
		URI url = this.host.put(name, bytes, "image/jpeg");
		return item(name, MediaKind.IMAGE, "image/jpeg", bytes, width, height, null, null, url);
	}

	MediaItem png(String name, int width, int height) {
		byte[] bytes = encode("png", width, height);
		URI url = this.host.put(name, bytes, "image/png");
		return item(name, MediaKind.IMAGE, "image/png", bytes, width, height, null, null, url);
	}

	/** A JPEG whose public URL serves nothing. */
	MediaItem unreachableJpeg(String name) {
		byte[] bytes = encode("jpg", 400, 400);
		return item(name, MediaKind.IMAGE, "image/jpeg", bytes, 400, 400, null, null, this.host.missing(name));
	}

	MediaItem mp4(String name, int width, int height, Duration duration) {
		byte[] bytes = mp4Bytes();
		URI url = this.host.put(name, bytes, "video/mp4");
		return item(name, MediaKind.VIDEO, "video/mp4", bytes, width, height, duration, null, url);
	}

	/** Bytes that are not an ISO media file, served as video/mp4. */
	MediaItem brokenMp4(String name) {
		byte[] bytes = "this is not a video".getBytes(StandardCharsets.US_ASCII);
		URI url = this.host.put(name, bytes, "video/mp4");
		return item(name, MediaKind.VIDEO, "video/mp4", bytes, 1080, 1920, Duration.ofSeconds(10), null, url);
	}

	static byte[] mp4Bytes() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		box(out, "ftyp", ascii("isom\0\0\2\0isomiso2avc1mp41"));
		box(out, "free", new byte[0]);
		box(out, "mdat", new byte[256]);
		return out.toByteArray();
	}

	private static void box(ByteArrayOutputStream out, String type, byte[] payload) {
		int size = 8 + payload.length;
		out.write(size >>> 24);
		out.write(size >>> 16);
		out.write(size >>> 8);
		out.write(size);
		out.writeBytes(ascii(type));
		out.writeBytes(payload);
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

	private static MediaItem item(String name, MediaKind kind, String contentType, byte[] bytes, int width, int height,
			Duration duration, String altText, URI url) {
		return new MediaItem("asset-" + name, kind, contentType, bytes.length, width, height, duration, altText,
				() -> new ByteArrayInputStream(bytes), url);
	}

	private static byte[] encode(String format, int width, int height) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(new Color(0x2a6f97));
		graphics.fillRect(0, 0, width, height);
		graphics.setColor(Color.WHITE);
		graphics.fillOval(width / 4, height / 4, width / 2, height / 2);
		graphics.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			if (!ImageIO.write(image, format, out)) {
				throw new IllegalStateException("no ImageIO writer for " + format);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

}
