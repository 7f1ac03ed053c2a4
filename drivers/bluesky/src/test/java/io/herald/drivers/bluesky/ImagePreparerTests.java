package io.herald.drivers.bluesky;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import io.herald.drivers.kit.KitMedia;
import io.herald.drivers.spi.MediaItem;
import io.herald.drivers.spi.MediaKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImagePreparerTests {

	private final ImagePreparer preparer = new ImagePreparer(2_000_000);

	@Test
	void strips_exif_with_gps_from_a_jpeg_without_touching_the_pixels() throws Exception {
		KitMedia.Image plain = KitMedia.jpeg(40, 30);
		byte[] withExif = BlueskyBackendIntegrationTests.withExifApp1(plain.bytes(), "Exif\0\0GPSLatitude 52.5200 N");

		ImagePreparer.Prepared prepared = this.preparer.prepare(item(withExif, "image/jpeg"));

		assertThat(contains(withExif, "GPSLatitude")).isTrue();
		assertThat(contains(prepared.bytes(), "GPSLatitude")).isFalse();
		assertThat(prepared.bytes()).isEqualTo(plain.bytes());
		assertThat(prepared.width()).isEqualTo(40);
		assertThat(prepared.height()).isEqualTo(30);
	}

	@Test
	void turns_a_portrait_photo_upright_before_dropping_its_orientation_tag() throws Exception {
		KitMedia.Image landscape = KitMedia.jpeg(40, 30);
		// A big-endian TIFF block with one IFD entry: orientation (0x0112) = 6, "rotate
		// 90° clockwise".
		String tiff = "MM\0\u002a\0\0\0\u0008\0\u0001\u0001\u0012\0\u0003\0\0\0\u0001\0\u0006\0\0\0\0\0\0";
		byte[] tagged = BlueskyBackendIntegrationTests.withExifApp1(landscape.bytes(), "Exif\0\0" + tiff);
		assertThat(ImagePreparer.jpegOrientation(tagged)).isEqualTo(6);

		ImagePreparer.Prepared prepared = this.preparer.prepare(item(tagged, "image/jpeg"));

		assertThat(prepared.width()).isEqualTo(30);
		assertThat(prepared.height()).isEqualTo(40);
		assertThat(ImagePreparer.jpegOrientation(prepared.bytes())).isEqualTo(1);
		// The gradient runs orange (top left) to blue (bottom right); turned clockwise,
		// orange is top right.
		java.awt.image.BufferedImage upright = javax.imageio.ImageIO
			.read(new java.io.ByteArrayInputStream(prepared.bytes()));
		assertThat(red(upright.getRGB(29, 0))).isGreaterThan(red(upright.getRGB(0, 39)) + 100);
	}

	@Test
	void strips_text_chunks_from_a_png() throws Exception {
		KitMedia.Image plain = KitMedia.png(16, 9);
		byte[] withText = withPngText(plain.bytes(), "Location\0Berlin");

		ImagePreparer.Prepared prepared = this.preparer.prepare(item(withText, "image/png"));

		assertThat(contains(prepared.bytes(), "Berlin")).isFalse();
		assertThat(prepared.bytes()).isEqualTo(plain.bytes());
		assertThat(prepared.contentType()).isEqualTo("image/png");
	}

	@Test
	void shrinks_an_image_above_the_limit_into_a_jpeg_that_fits() throws Exception {
		KitMedia.Image big = KitMedia.noisePng(900, 600, 7);
		assertThat(big.bytes().length).isGreaterThan(1_000_000);
		ImagePreparer small = new ImagePreparer(1_000_000);

		ImagePreparer.Prepared prepared = small.prepare(item(big.bytes(), "image/png"));

		assertThat(prepared.bytes().length).isLessThanOrEqualTo(1_000_000);
		assertThat(prepared.contentType()).isEqualTo("image/jpeg");
		assertThat((double) prepared.width() / prepared.height()).isCloseTo(1.5,
				org.assertj.core.data.Offset.offset(0.01));
		assertThat(ImagePreparer.dimensions(prepared.bytes())).containsExactly(prepared.width(), prepared.height());
	}

	private static MediaItem item(byte[] bytes, String type) {
		return new MediaItem("a1", MediaKind.IMAGE, type, bytes.length, null, null, null, null,
				() -> new java.io.ByteArrayInputStream(bytes), null);
	}

	private static byte[] withPngText(byte[] png, String payload) {
		byte[] data = payload.getBytes(StandardCharsets.ISO_8859_1);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int afterHeader = 8 + 25; // signature + IHDR chunk
		out.write(png, 0, afterHeader);
		out.write(0);
		out.write(0);
		out.write(data.length >> 8);
		out.write(data.length & 0xFF);
		out.writeBytes("tEXt".getBytes(StandardCharsets.US_ASCII));
		out.writeBytes(data);
		out.writeBytes(new byte[4]); // CRC is not checked by the stripper
		out.write(png, afterHeader, png.length - afterHeader);
		return out.toByteArray();
	}

	private static int red(int rgb) {
		return (rgb >> 16) & 0xFF;
	}

	private static boolean contains(byte[] bytes, String text) {
		return new String(bytes, StandardCharsets.ISO_8859_1).contains(text);
	}

}
