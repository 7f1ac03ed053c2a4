package io.herald.drivers.kit;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

import javax.imageio.ImageIO;

/**
 * Test images made in code, so no driver test ships binary fixtures.
 */
public final class KitMedia {

	private KitMedia() {
	}

	/**
	 * A small PNG with a gradient.
	 * @param width the width in pixels
	 * @param height the height in pixels
	 * @return the image
	 */
	public static Image png(int width, int height) {
		return new Image("image/png", encode(gradient(width, height), "png"), width, height);
	}

	/**
	 * A small JPEG with a gradient.
	 * @param width the width in pixels
	 * @param height the height in pixels
	 * @return the image
	 */
	public static Image jpeg(int width, int height) {
		return new Image("image/jpeg", encode(gradient(width, height), "jpg"), width, height);
	}

	/**
	 * A PNG of random noise, which does not compress: about {@code 3 * width * height}
	 * bytes, for testing size limits.
	 * @param width the width in pixels
	 * @param height the height in pixels
	 * @param seed the random seed, so the bytes are the same on every run
	 * @return the image
	 */
	public static Image noisePng(int width, int height, long seed) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Random random = new Random(seed);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				image.setRGB(x, y, random.nextInt(0x1000000));
			}
		}
		return new Image("image/png", encode(image, "png"), width, height);
	}

	/**
	 * A photo-like JPEG: smooth gradients with sensor-like noise on top, which compresses
	 * about as badly as a detailed camera picture.
	 * @param width the width in pixels
	 * @param height the height in pixels
	 * @param seed the random seed, so the bytes are the same on every run
	 * @return the image
	 */
	public static Image photoJpeg(int width, int height, long seed) {
		BufferedImage image = gradient(width, height);
		Random random = new Random(seed);
		int[] row = new int[width];
		for (int y = 0; y < height; y++) {
			image.getRGB(0, y, width, 1, row, 0, width);
			for (int x = 0; x < width; x++) {
				int noise = random.nextInt(49) - 24;
				row[x] = (clamp(((row[x] >> 16) & 0xFF) + noise) << 16) | (clamp(((row[x] >> 8) & 0xFF) + noise) << 8)
						| clamp((row[x] & 0xFF) + random.nextInt(49) - 24);
			}
			image.setRGB(0, y, width, 1, row, 0, width);
		}
		return new Image("image/jpeg", encode(image, "jpg"), width, height);
	}

	/**
	 * A valid black greyscale PNG of any size, written row by row without ever holding
	 * its pixels, so tests can make images far larger than the heap would allow to decode
	 * at once. All-zero rows compress to almost nothing.
	 * @param width the width in pixels
	 * @param height the height in pixels
	 * @return the image
	 */
	public static Image blankPng(int width, int height) {
		return grayPng(width, height, height);
	}

	/**
	 * A PNG whose header declares the given size but whose pixel data stops after the
	 * first rows: a small file that claims to be a huge image, as an attacker would
	 * upload to exhaust a decoder's memory.
	 * @param width the declared width in pixels
	 * @param height the declared height in pixels
	 * @return the image (its {@code width} and {@code height} are the declared ones)
	 */
	public static Image declaredPng(int width, int height) {
		return grayPng(width, height, Math.min(height, 16));
	}

	private static Image grayPng(int width, int height, int rows) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
		ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height);
		// 8-bit greyscale, deflate, adaptive filtering, not interlaced.
		header.put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
		pngChunk(out, "IHDR", header.array());
		ByteArrayOutputStream data = new ByteArrayOutputStream();
		try (DeflaterOutputStream deflate = new DeflaterOutputStream(data)) {
			// Each row is a filter byte (0, none) and width zero samples.
			byte[] row = new byte[width + 1];
			for (int y = 0; y < rows; y++) {
				deflate.write(row);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		pngChunk(out, "IDAT", data.toByteArray());
		pngChunk(out, "IEND", new byte[0]);
		return new Image("image/png", out.toByteArray(), width, height);
	}

	private static void pngChunk(ByteArrayOutputStream out, String type, byte[] data) {
		byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
		CRC32 crc = new CRC32();
		crc.update(typeBytes);
		crc.update(data);
		out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
		out.writeBytes(typeBytes);
		out.writeBytes(data);
		out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
	}

	private static int clamp(int value) {
		return Math.max(0, Math.min(255, value));
	}

	private static BufferedImage gradient(int width, int height) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setPaint(new java.awt.GradientPaint(0, 0, Color.ORANGE, width, height, Color.BLUE));
		graphics.fillRect(0, 0, width, height);
		graphics.dispose();
		return image;
	}

	private static byte[] encode(BufferedImage image, String format) {
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			if (!ImageIO.write(image, format, out)) {
				throw new IllegalStateException("No ImageIO writer for " + format);
			}
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Encoded image bytes and what they are.
	 *
	 * @param contentType the MIME type
	 * @param bytes the encoded bytes
	 * @param width the width in pixels
	 * @param height the height in pixels
	 */
	public record Image(String contentType, byte[] bytes, int width, int height) {

		/**
		 * Opens the bytes.
		 * @return a new stream over the bytes
		 */
		public InputStream open() {
			return new ByteArrayInputStream(this.bytes);
		}

	}

}
