package io.herald.drivers.bluesky;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import javax.imageio.ImageIO;

import io.herald.drivers.kit.KitMedia;
import io.herald.drivers.spi.BoundedImageDecoder;
import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.MediaItem;
import io.herald.drivers.spi.MediaKind;
import io.herald.drivers.spi.PublishException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.offset;

class ImagePreparerTests {

	private final ImagePreparer preparer = new ImagePreparer();

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

		ImagePreparer.Prepared prepared = this.preparer.prepare(item(big.bytes(), "image/png"));

		assertThat(prepared.bytes().length).isLessThanOrEqualTo(1_000_000);
		assertThat(prepared.contentType()).isEqualTo("image/jpeg");
		assertThat((double) prepared.width() / prepared.height()).isCloseTo(1.5, offset(0.01));
		assertThat(size(prepared.bytes())).isEqualTo(new BoundedImageDecoder.Size(prepared.width(), prepared.height()));
	}

	@Test
	void lowers_the_jpeg_quality_before_giving_up_any_pixels() throws Exception {
		BufferedImage photo = decode(KitMedia.photoJpeg(800, 600, 3).bytes());
		int best = ImagePreparer.jpeg(photo, 0.92f).length;
		int worst = ImagePreparer.jpeg(photo, 0.65f).length;
		assertThat(worst).isLessThan(best);
		ImagePreparer preparer = new ImagePreparer((best + worst) / 2, decoder(100_000_000, 100_000_000));

		ImagePreparer.Prepared prepared = preparer.fit(photo);

		assertThat(prepared.bytes().length).isLessThanOrEqualTo((best + worst) / 2);
		assertThat(size(prepared.bytes())).isEqualTo(new BoundedImageDecoder.Size(800, 600));
	}

	@Test
	void scales_down_in_steps_when_the_lowest_quality_is_still_too_big() throws Exception {
		BufferedImage noise = noise(2400, 1800, 5);
		assertThat(ImagePreparer.jpeg(noise, 0.65f).length).isGreaterThan(1_000_000);

		ImagePreparer.Prepared prepared = this.preparer.fit(noise);

		assertThat(prepared.bytes().length).isLessThanOrEqualTo(1_000_000);
		assertThat(prepared.width()).isLessThan(2400);
		assertThat((double) prepared.width() / prepared.height()).isCloseTo(4.0 / 3, offset(0.01));
		assertThat(size(prepared.bytes())).isEqualTo(new BoundedImageDecoder.Size(prepared.width(), prepared.height()));
	}

	@Test
	void refuses_an_image_declaring_fifty_thousand_pixels_square_without_decoding_it() {
		KitMedia.Image bomb = KitMedia.declaredPng(50_000, 50_000);

		PublishException refused = catchThrowableOfType(PublishException.class,
				() -> this.preparer.prepare(item(bomb.bytes(), "image/png")));

		assertThat(refused.kind()).isEqualTo(ErrorKind.INVALID_CONTENT);
		assertThat(refused.getMessage()).contains("50000×50000").contains("not decoded");
	}

	@Test
	void decodes_an_image_above_the_pixel_budget_subsampled() throws Exception {
		KitMedia.Image big = KitMedia.noisePng(400, 300, 9);
		ImagePreparer preparer = new ImagePreparer(50_000, decoder(100_000_000, 10_000));

		ImagePreparer.Prepared prepared = preparer.prepare(item(big.bytes(), "image/png"));

		// Every fourth pixel of every fourth row: 100×75, never the full 400×300 raster.
		assertThat((long) prepared.width() * prepared.height()).isLessThanOrEqualTo(10_000);
		assertThat(prepared.bytes().length).isLessThanOrEqualTo(50_000);
	}

	private static BoundedImageDecoder decoder(long maxSourcePixels, long maxDecodedPixels) {
		return new BoundedImageDecoder(maxSourcePixels, maxDecodedPixels);
	}

	private static BoundedImageDecoder.Size size(byte[] image) throws PublishException {
		return decoder(Long.MAX_VALUE, 1).inspect(image).orElseThrow();
	}

	private static BufferedImage noise(int width, int height, long seed) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Random random = new Random(seed);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				image.setRGB(x, y, random.nextInt(0x1000000));
			}
		}
		return image;
	}

	private static BufferedImage decode(byte[] image) throws IOException {
		return ImageIO.read(new ByteArrayInputStream(image));
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
