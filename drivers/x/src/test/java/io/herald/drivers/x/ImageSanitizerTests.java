package io.herald.drivers.x;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;

import javax.imageio.ImageIO;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.exif.ExifIFD0Directory;

import io.herald.drivers.kit.KitMedia;
import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.PublishException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ImageSanitizerTests {

	private final ImageSanitizer sanitizer = new ImageSanitizer();

	@Test
	void strips_exif_and_turns_the_pixels_upright() throws Exception {
		byte[] photo = XTestSupport.jpegWithExif(60, 30, 6);
		assertThat(ImageMetadataReader.readMetadata(new ByteArrayInputStream(photo))
			.getFirstDirectoryOfType(ExifIFD0Directory.class)).isNotNull();

		ImageSanitizer.Prepared prepared = this.sanitizer.prepare(photo, "image/jpeg", 5_000_000);

		assertThat(prepared.contentType()).isEqualTo("image/jpeg");
		assertThat(ImageMetadataReader.readMetadata(new ByteArrayInputStream(prepared.bytes()))
			.getFirstDirectoryOfType(ExifIFD0Directory.class)).isNull();
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(prepared.bytes()));
		assertThat(image.getWidth()).isEqualTo(30);
		assertThat(image.getHeight()).isEqualTo(60);
	}

	@Test
	void shrinks_an_image_above_the_limit_until_it_fits() throws Exception {
		byte[] png = XTestSupport.noise(300, 300, "png", 5);
		long limit = 40_000;
		assertThat(png.length).isGreaterThan((int) limit);

		ImageSanitizer.Prepared prepared = this.sanitizer.prepare(png, "image/png", limit);

		assertThat(prepared.bytes().length).isLessThanOrEqualTo((int) limit);
		assertThat(prepared.contentType()).isEqualTo("image/jpeg");
		assertThat(ImageIO.read(new ByteArrayInputStream(prepared.bytes()))).isNotNull();
	}

	@Test
	void keeps_a_png_that_fits_as_png() throws Exception {
		byte[] png = XTestSupport.noise(20, 20, "png", 9);

		ImageSanitizer.Prepared prepared = this.sanitizer.prepare(png, "image/png", 5_000_000);

		assertThat(prepared.contentType()).isEqualTo("image/png");
		assertThat(ImageIO.read(new ByteArrayInputStream(prepared.bytes())).getWidth()).isEqualTo(20);
	}

	@Test
	void refuses_an_image_declaring_fifty_thousand_pixels_square_without_decoding_it() {
		// 2.5 billion pixels: decoding and copying it to RGB would need about 10 GB.
		KitMedia.Image bomb = KitMedia.declaredPng(50_000, 50_000);

		PublishException refused = catchThrowableOfType(PublishException.class,
				() -> this.sanitizer.prepare(bomb.bytes(), "image/png", 5_000_000));

		assertThat(refused.kind()).isEqualTo(ErrorKind.INVALID_CONTENT);
		assertThat(refused.getMessage()).contains("50000×50000").contains("not decoded");
	}

	@Test
	void decodes_an_image_above_the_pixel_budget_subsampled() throws Exception {
		// 24 megapixels, above the 4096×4096 budget: read every other pixel of every
		// other row.
		KitMedia.Image big = KitMedia.blankPng(6000, 4000);

		ImageSanitizer.Prepared prepared = this.sanitizer.prepare(big.bytes(), "image/png", 5_000_000);

		BufferedImage image = ImageIO.read(new ByteArrayInputStream(prepared.bytes()));
		assertThat(image.getWidth()).isEqualTo(3000);
		assertThat(image.getHeight()).isEqualTo(2000);
	}

	@Test
	void applies_every_exif_orientation() {
		BufferedImage image = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
		image.setRGB(0, 0, 0xFF0000);
		// Orientation 8 means "rotate 90 degrees counter-clockwise to show": the top-left
		// pixel ends up bottom-left.
		BufferedImage turned = ImageSanitizer.upright(image, 8);
		assertThat(turned.getWidth()).isEqualTo(2);
		assertThat(turned.getHeight()).isEqualTo(4);
		assertThat(turned.getRGB(0, 3) & 0xFFFFFF).isEqualTo(0xFF0000);
		BufferedImage flipped = ImageSanitizer.upright(image, 2);
		assertThat(flipped.getRGB(3, 0) & 0xFFFFFF).isEqualTo(0xFF0000);
		for (int orientation = 1; orientation <= 8; orientation++) {
			BufferedImage out = ImageSanitizer.upright(image, orientation);
			assertThat(out.getWidth() * out.getHeight()).isEqualTo(8);
		}
	}

}
