package io.herald.drivers.spi;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class BoundedImageDecoderTests {

	@Test
	void reads_every_pixel_of_an_image_within_the_budget() throws Exception {
		BufferedImage image = new BoundedImageDecoder(1_000_000, 1_000_000).decode(png(300, 200)).orElseThrow();

		assertThat(image.getWidth()).isEqualTo(300);
		assertThat(image.getHeight()).isEqualTo(200);
	}

	@Test
	void reads_an_image_above_the_budget_subsampled() throws Exception {
		BufferedImage image = new BoundedImageDecoder(1_000_000, 10_000).decode(png(300, 200)).orElseThrow();

		// sqrt(60000 / 10000) rounds up to 3: every third pixel of every third row.
		assertThat(image.getWidth()).isEqualTo(100);
		assertThat(image.getHeight()).isEqualTo(67);
	}

	@Test
	void refuses_an_image_declaring_more_pixels_than_the_limit_before_decoding() throws Exception {
		BoundedImageDecoder decoder = new BoundedImageDecoder(50_000, 10_000);
		byte[] png = png(300, 200);

		PublishException decoding = catchThrowableOfType(PublishException.class, () -> decoder.decode(png));
		PublishException inspecting = catchThrowableOfType(PublishException.class, () -> decoder.inspect(png));

		assertThat(decoding.kind()).isEqualTo(ErrorKind.INVALID_CONTENT);
		assertThat(decoding.getMessage()).isEqualTo(
				"The image is 300×200 pixels (0.1 megapixels), above the limit of 0.1 megapixels; it was not decoded.");
		assertThat(inspecting.getMessage()).isEqualTo(decoding.getMessage());
	}

	@Test
	void inspects_the_size_from_the_header() throws Exception {
		assertThat(new BoundedImageDecoder(1_000_000, 1).inspect(png(31, 17)))
			.contains(new BoundedImageDecoder.Size(31, 17));
	}

	@Test
	void answers_empty_for_a_format_the_jdk_cannot_read() throws Exception {
		byte[] webp = "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII);
		BoundedImageDecoder decoder = new BoundedImageDecoder(1_000_000, 1_000_000);

		assertThat(decoder.decode(webp)).isEmpty();
		assertThat(decoder.inspect(webp)).isEmpty();
	}

	@Test
	void a_corrupt_image_is_invalid_content() throws Exception {
		byte[] truncated = Arrays.copyOf(png(40, 30), 60);

		PublishException refused = catchThrowableOfType(PublishException.class,
				() -> new BoundedImageDecoder(1_000_000, 1_000_000).decode(truncated));

		assertThat(refused.kind()).isEqualTo(ErrorKind.INVALID_CONTENT);
	}

	@Test
	void the_subsampling_step_keeps_partial_rows_and_columns_within_the_budget() {
		assertThat(BoundedImageDecoder.subsampling(new BoundedImageDecoder.Size(100, 100), 10_000)).isEqualTo(1);
		assertThat(BoundedImageDecoder.subsampling(new BoundedImageDecoder.Size(101, 100), 10_000)).isEqualTo(2);
		assertThat(BoundedImageDecoder.subsampling(new BoundedImageDecoder.Size(50_000, 50_000), 4096L * 4096))
			.isEqualTo(13);
		// One row of a million pixels: only the step can bring the row under the budget.
		assertThat(BoundedImageDecoder.subsampling(new BoundedImageDecoder.Size(1_000_000, 1), 1_000)).isEqualTo(1_000);
	}

	private static byte[] png(int width, int height) throws IOException {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		image.setRGB(0, 0, 0xFF0000);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

}
