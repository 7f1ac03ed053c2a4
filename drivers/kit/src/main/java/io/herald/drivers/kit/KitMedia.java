package io.herald.drivers.kit;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Random;

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
