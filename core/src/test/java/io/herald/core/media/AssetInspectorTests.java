package io.herald.core.media;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AssetInspectorTests {

	private final AssetInspector inspector = new AssetInspector(50_000_000);

	private MediaDetails inspect(byte[] bytes) throws IOException {
		return this.inspector.inspect(new ByteArrayInputStream(bytes));
	}

	@Nested
	class Images {

		@Test
		void reads_png_dimensions() throws IOException {
			assertThat(inspect(TestMedia.png(31, 17))).isEqualTo(new MediaDetails(MediaFormat.PNG, 31, 17, null));
		}

		@Test
		void reads_jpeg_dimensions() throws IOException {
			assertThat(inspect(TestMedia.jpeg(64, 48))).isEqualTo(new MediaDetails(MediaFormat.JPEG, 64, 48, null));
		}

		@Test
		void reads_gif_dimensions() throws IOException {
			assertThat(inspect(TestMedia.gif(9, 21))).isEqualTo(new MediaDetails(MediaFormat.GIF, 9, 21, null));
		}

		@Test
		void reads_lossy_webp_dimensions_from_the_vp8_frame_header() throws IOException {
			assertThat(inspect(TestMedia.webpLossy(1200, 675)))
				.isEqualTo(new MediaDetails(MediaFormat.WEBP, 1200, 675, null));
		}

		@Test
		void reads_lossless_webp_dimensions_from_the_vp8l_header() throws IOException {
			assertThat(inspect(TestMedia.webpLossless(16384, 3)))
				.isEqualTo(new MediaDetails(MediaFormat.WEBP, 16384, 3, null));
		}

		@Test
		void reads_extended_webp_canvas_size_from_the_vp8x_header() throws IOException {
			assertThat(inspect(TestMedia.webpExtended(70000, 2)))
				.isEqualTo(new MediaDetails(MediaFormat.WEBP, 70000, 2, null));
		}

		@Test
		void rejects_a_png_whose_header_is_cut_off() {
			byte[] truncated = Arrays.copyOf(TestMedia.png(10, 10), 20);
			assertThatExceptionOfType(UnsupportedMediaException.class).isThrownBy(() -> inspect(truncated))
				.withMessageContaining("PNG");
		}

		@Test
		void rejects_a_webp_with_an_unknown_first_chunk() {
			byte[] webp = TestMedia.webpLossy(10, 10);
			webp[15] = 'Z';
			assertThatExceptionOfType(UnsupportedMediaException.class).isThrownBy(() -> inspect(webp))
				.withMessageContaining("WebP");
		}

	}

	@Nested
	class Video {

		@Test
		void reads_duration_and_size_of_an_mp4_whose_movie_box_follows_the_media_data() throws IOException {
			assertThat(inspect(TestMedia.mp4("mp42", 90_000, 1_350_000, 1920, 1080, false, 50_000)))
				.isEqualTo(new MediaDetails(MediaFormat.MP4, 1920, 1080, 15_000L));
		}

		@Test
		void recognises_quicktime_by_its_brand() throws IOException {
			assertThat(inspect(TestMedia.mp4("qt  ", 600, 3_000, 640, 480, false, 10)))
				.isEqualTo(new MediaDetails(MediaFormat.QUICKTIME, 640, 480, 5_000L));
		}

		@Test
		void swaps_width_and_height_of_a_video_rotated_by_ninety_degrees() throws IOException {
			assertThat(inspect(TestMedia.mp4("isom", 1000, 2_500, 1920, 1080, true, 10)))
				.isEqualTo(new MediaDetails(MediaFormat.MP4, 1080, 1920, 2_500L));
		}

		@Test
		void leaves_duration_unknown_when_the_file_has_no_movie_box() throws IOException {
			byte[] ftypOnly = Arrays.copyOf(TestMedia.mp4(1000, 1000, 2, 2), 20);
			assertThat(inspect(ftypOnly)).isEqualTo(new MediaDetails(MediaFormat.MP4, null, null, null));
		}

		@Test
		void rejects_heic_images_in_the_same_container() {
			byte[] heic = TestMedia.mp4("heic", 1, 1, 1, 1, false, 1);
			assertThatExceptionOfType(UnsupportedMediaException.class).isThrownBy(() -> inspect(heic));
		}

	}

	@Nested
	class Rejections {

		@Test
		void rejects_html_even_when_it_would_be_served_as_an_image() {
			assertThatExceptionOfType(UnsupportedMediaException.class).isThrownBy(() -> inspect(TestMedia.html()))
				.withMessageContaining("not a JPEG, PNG, GIF, WebP, MP4 or MOV");
		}

		@Test
		void rejects_a_windows_executable() {
			assertThatExceptionOfType(UnsupportedMediaException.class).isThrownBy(() -> inspect(TestMedia.exe()));
		}

		@Test
		void rejects_empty_content() {
			assertThatExceptionOfType(UnsupportedMediaException.class).isThrownBy(() -> inspect(new byte[0]));
		}

		@Test
		void never_closes_the_callers_stream_even_after_reading_it_to_the_end() throws IOException {
			AtomicBoolean closed = new AtomicBoolean();
			InputStream content = new ByteArrayInputStream(TestMedia.gif(2, 2)) {
				@Override
				public void close() {
					closed.set(true);
				}
			};
			AssetInspectorTests.this.inspector.inspect(content);
			assertThat(closed).isFalse();
		}

		@Test
		void sniffs_from_a_short_head_without_failing_on_its_length() {
			assertThat(AssetInspectorTests.this.inspector.sniff(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF }))
				.isEqualTo(MediaFormat.JPEG);
		}

	}

	@Nested
	class PixelLimit {

		@Test
		void refuses_a_tiny_png_whose_header_declares_fifty_thousand_pixels_square() {
			byte[] bomb = TestMedia.pngDeclaring(50_000, 50_000);
			assertThat(bomb.length).isLessThan(100);

			assertThatExceptionOfType(ImageTooLargeException.class).isThrownBy(() -> inspect(bomb))
				.withMessage("The image is 50000×50000 pixels (2500.0 megapixels), above the limit of 50000000 pixels")
				.satisfies((ex) -> {
					assertThat(ex.width()).isEqualTo(50_000);
					assertThat(ex.height()).isEqualTo(50_000);
					assertThat(ex.maxPixels()).isEqualTo(50_000_000);
				});
		}

		@Test
		void accepts_an_image_of_exactly_the_limit_and_refuses_one_row_more() throws IOException {
			assertThat(inspect(TestMedia.pngDeclaring(10_000, 5_000)))
				.isEqualTo(new MediaDetails(MediaFormat.PNG, 10_000, 5_000, null));
			assertThatExceptionOfType(ImageTooLargeException.class)
				.isThrownBy(() -> inspect(TestMedia.pngDeclaring(10_000, 5_001)));
		}

		@Test
		void refuses_jpeg_gif_and_webp_headers_above_the_limit() {
			assertThatExceptionOfType(ImageTooLargeException.class)
				.isThrownBy(() -> inspect(TestMedia.jpegDeclaring(65_000, 65_000)));
			assertThatExceptionOfType(ImageTooLargeException.class)
				.isThrownBy(() -> inspect(TestMedia.gifDeclaring(65_000, 65_000)));
			assertThatExceptionOfType(ImageTooLargeException.class)
				.isThrownBy(() -> inspect(TestMedia.webpExtended(10_000, 10_000)));
		}

		@Test
		void reads_the_declared_size_of_the_rewritten_headers_it_refuses() throws IOException {
			// Proves the refusals above come from the size, not from a broken header.
			assertThat(inspect(TestMedia.jpegDeclaring(7_000, 7_000)))
				.isEqualTo(new MediaDetails(MediaFormat.JPEG, 7_000, 7_000, null));
			assertThat(inspect(TestMedia.gifDeclaring(7_000, 7_000)))
				.isEqualTo(new MediaDetails(MediaFormat.GIF, 7_000, 7_000, null));
		}

		@Test
		void does_not_count_video_frames() throws IOException {
			assertThat(inspect(TestMedia.mp4(1000, 1000, 16_384, 16_384)).width()).isEqualTo(16_384);
		}

	}

}
