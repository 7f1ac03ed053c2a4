package io.herald.drivers.x;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import io.herald.drivers.spi.MediaItem;
import io.herald.drivers.spi.MediaKind;

/** Small helpers shared by the X driver's tests. */
final class XTestSupport {

	private static final AtomicInteger USERS = new AtomicInteger();

	private XTestSupport() {
	}

	/**
	 * A user name no other test uses, so tests share the fake without seeing each other.
	 */
	static String uniqueUser(String name) {
		return name + USERS.incrementAndGet();
	}

	/** A driver against the fake with small upload chunks, so uploads take several. */
	static XBackend backend(FakeXServer fake) {
		return new XBackend(fake.properties(Duration.ofSeconds(10), 16 * 1024), fake.clock());
	}

	static MediaItem media(String assetId, MediaKind kind, String contentType, byte[] bytes, String altText) {
		return new MediaItem(assetId, kind, contentType, bytes.length, null, null,
				(kind == MediaKind.VIDEO) ? Duration.ofSeconds(3) : null, altText,
				() -> new ByteArrayInputStream(bytes), null);
	}

	static MediaItem sized(MediaKind kind, String contentType, long bytes) {
		return new MediaItem("big", kind, contentType, bytes, null, null,
				(kind == MediaKind.VIDEO) ? Duration.ofSeconds(3) : null, null,
				() -> new ByteArrayInputStream(new byte[0]), null);
	}

	/** An image of random pixels, which compresses badly, as large photos do. */
	static byte[] noise(int width, int height, String format, long seed) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Random random = new Random(seed);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				image.setRGB(x, y, random.nextInt(0x1000000));
			}
		}
		return encode(image, format);
	}

	static byte[] encode(BufferedImage image, String format) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, format, out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/**
	 * A JPEG whose EXIF says who made it (Make = {@code HeraldCam}) and how to turn it.
	 * @param width the stored width
	 * @param height the stored height
	 * @param orientation the EXIF orientation (6 = rotate 90 degrees clockwise to show)
	 * @return the JPEG bytes
	 */
	static byte[] jpegWithExif(int width, int height, int orientation) {
		byte[] plain = noise(width, height, "jpeg", 7);
		byte[] make = "HeraldCam\0".getBytes(StandardCharsets.US_ASCII);
		ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 2 * 12 + 4 + make.length);
		tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
		tiff.putShort((short) 2);
		tiff.putShort((short) 0x010F).putShort((short) 2).putInt(make.length).putInt(8 + 2 + 2 * 12 + 4);
		tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
		tiff.putInt(0);
		tiff.put(make);
		byte[] exif = tiff.array();
		ByteBuffer app1 = ByteBuffer.allocate(4 + 6 + exif.length);
		app1.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (2 + 6 + exif.length));
		app1.put("Exif\0\0".getBytes(StandardCharsets.US_ASCII)).put(exif);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(plain, 0, 2);
		out.writeBytes(app1.array());
		out.write(plain, 2, plain.length - 2);
		return out.toByteArray();
	}

}
