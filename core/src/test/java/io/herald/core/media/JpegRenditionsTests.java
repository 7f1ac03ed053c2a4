package io.herald.core.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.plugins.jpeg.JPEGQTable;
import javax.imageio.stream.ImageInputStream;

import io.herald.testing.SettableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JpegRenditionsTests {

	@TempDir
	Path root;

	private MediaStore store;

	private JpegRenditions renditions;

	@BeforeEach
	void setUp() {
		this.store = new FilesystemMediaStore(this.root,
				new HeraldMediaLinks(
						new MediaLinkSigner("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8),
								new SettableClock(Instant.parse("2026-03-01T10:00:00Z"))),
						URI.create("https://herald.example/")));
		this.renditions = new JpegRenditions(this.store);
	}

	@Test
	void copies_a_transparent_png_as_an_srgb_jpeg_on_white_without_metadata() throws IOException {
		BufferedImage png = new BufferedImage(400, 300, BufferedImage.TYPE_INT_ARGB);
		Graphics2D graphics = png.createGraphics();
		graphics.setColor(new Color(0x1E, 0x90, 0xFF));
		graphics.fillRect(100, 0, 300, 300);
		graphics.dispose();
		put("ws/a/png", encode(png, "png"), "image/png");

		JpegRenditions.StoredCopy copy = this.renditions.jpegOf("ws/a/png");

		byte[] jpeg = read(copy.key());
		assertThat(this.store.stat(copy.key())).contains(new StoredObject(jpeg.length, "image/jpeg"));
		assertThat(copy.bytes()).isEqualTo(jpeg.length);
		assertThat(formatOf(jpeg)).isEqualTo("jpeg");
		BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(jpeg));
		assertThat(decoded.getWidth()).isEqualTo(400);
		assertThat(decoded.getColorModel().getColorSpace().isCS_sRGB()).isTrue();
		assertThat(new Color(decoded.getRGB(10, 10)))
			.satisfies((corner) -> assertThat(corner.getRed()).isGreaterThan(245));
		assertThat(new Color(decoded.getRGB(300, 150)).getBlue()).isGreaterThan(240);
		assertThat(markers(jpeg)).as("APPn segments").containsOnly(0xE0);
		assertThat(quality(jpeg)).isGreaterThanOrEqualTo(85);
	}

	@Test
	void converts_a_grey_image_to_srgb() throws IOException {
		BufferedImage grey = new BufferedImage(200, 200, BufferedImage.TYPE_USHORT_GRAY);
		Graphics2D graphics = grey.createGraphics();
		graphics.setColor(Color.GRAY);
		graphics.fillRect(0, 0, 200, 200);
		graphics.dispose();
		put("ws/a/grey", encode(grey, "png"), "image/png");

		BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(read(this.renditions.jpegOf("ws/a/grey").key())));

		assertThat(decoded.getColorModel().getColorSpace().getType()).isEqualTo(ColorSpace.TYPE_RGB);
		assertThat(decoded.getColorModel().getNumComponents()).isEqualTo(3);
	}

	@Test
	void makes_the_copy_once_and_reuses_it() throws IOException {
		put("ws/a/once", encode(new BufferedImage(50, 50, BufferedImage.TYPE_INT_ARGB), "png"), "image/png");
		JpegRenditions.StoredCopy first = this.renditions.jpegOf("ws/a/once");
		this.store.delete("ws/a/once");

		assertThat(this.renditions.jpegOf("ws/a/once")).isEqualTo(first);
	}

	@Test
	void reads_every_nth_pixel_of_a_huge_image_so_memory_stays_bounded() throws IOException {
		BufferedImage wide = new BufferedImage(6000, 1000, BufferedImage.TYPE_BYTE_INDEXED);
		put("ws/a/wide", encode(wide, "png"), "image/png");

		BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(read(this.renditions.jpegOf("ws/a/wide").key())));

		assertThat(decoded.getWidth()).isEqualTo(2000);
		assertThat(decoded.getHeight()).isEqualTo(334);
	}

	@Test
	void refuses_bytes_that_are_not_an_image() {
		put("ws/a/junk", "not an image".getBytes(StandardCharsets.UTF_8), "image/png");

		assertThatExceptionOfType(MediaException.class).isThrownBy(() -> this.renditions.jpegOf("ws/a/junk"));
	}

	@Test
	void copies_images_other_than_jpeg_and_gif_only() {
		assertThat(JpegRenditions.needsCopy("image/png")).isTrue();
		assertThat(JpegRenditions.needsCopy("image/webp")).isTrue();
		assertThat(JpegRenditions.needsCopy("image/jpeg")).isFalse();
		assertThat(JpegRenditions.needsCopy("image/gif")).isFalse();
		assertThat(JpegRenditions.needsCopy("video/mp4")).isFalse();
	}

	private void put(String key, byte[] bytes, String type) {
		this.store.put(key, new ByteArrayInputStream(bytes), bytes.length, type);
	}

	private byte[] read(String key) throws IOException {
		try (InputStream in = this.store.open(key)) {
			return in.readAllBytes();
		}
	}

	private static byte[] encode(BufferedImage image, String format) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, format, out);
		return out.toByteArray();
	}

	private static String formatOf(byte[] bytes) throws IOException {
		try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
			Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
			return readers.next().getFormatName().toLowerCase(java.util.Locale.ROOT);
		}
	}

	/** The APPn markers (0xE0 to 0xEF) before the image data. */
	private static java.util.Set<Integer> markers(byte[] jpeg) {
		java.util.Set<Integer> found = new java.util.HashSet<>();
		int i = 2;
		while (i + 4 <= jpeg.length && (jpeg[i] & 0xFF) == 0xFF) {
			int marker = jpeg[i + 1] & 0xFF;
			if (marker == 0xDA) {
				break;
			}
			if (marker >= 0xE0 && marker <= 0xEF) {
				found.add(marker);
			}
			i += 2 + (((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF));
		}
		return found;
	}

	/**
	 * The IJG quality the luminance table was scaled for, from its first entry (16 in the
	 * standard table at quality 50).
	 */
	private static int quality(byte[] jpeg) throws IOException {
		try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
			ImageReader reader = ImageIO.getImageReaders(input).next();
			reader.setInput(input);
			IIOMetadata metadata = reader.getImageMetadata(0);
			IIOMetadataNode dqt = (IIOMetadataNode) find(metadata.getAsTree("javax_imageio_jpeg_image_1.0"), "dqtable");
			int first = ((JPEGQTable) dqt.getUserObject()).getTable()[0];
			int scale = first * 100 / 16;
			return (scale <= 100) ? (200 - scale) / 2 : 5000 / scale;
		}
	}

	private static Node find(Node node, String name) {
		if (node.getNodeName().equals(name)) {
			return node;
		}
		for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
			Node found = find(child, name);
			if (found != null) {
				return found;
			}
		}
		return null;
	}

}
