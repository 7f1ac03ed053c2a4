package io.herald.drivers.x;

import java.util.Collections;
import java.util.List;

import io.herald.drivers.spi.Capabilities;
import io.herald.drivers.spi.MediaItem;
import io.herald.drivers.spi.MediaKind;
import io.herald.drivers.spi.PublishRequest;
import io.herald.drivers.spi.TextRules;
import io.herald.drivers.spi.ValidationResult;
import io.herald.drivers.spi.ValidationResult.Codes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class XCapabilitiesTests {

	private final XCapabilities capabilities = new XCapabilities();

	@Test
	void describes_x_as_data() {
		Capabilities caps = XCapabilities.CAPABILITIES;
		assertThat(caps.text().maxLength()).isEqualTo(280);
		assertThat(caps.text().counting()).isEqualTo(TextRules.TextCounting.TWITTER_WEIGHTED);
		assertThat(caps.media().maxItems()).isEqualTo(4);
		assertThat(caps.media().kinds()).containsExactlyInAnyOrder(MediaKind.IMAGE, MediaKind.GIF, MediaKind.VIDEO);
		assertThat(caps.media().reencodesOversizedImages()).isTrue();
		assertThat(caps.altText().maxLength()).isEqualTo(1000);
		assertThat(caps.threads()).isTrue();
		assertThat(caps.needsPublicMediaUrls()).isFalse();
		assertThat(caps.connectMethod()).isEqualTo(Capabilities.ConnectMethod.OAUTH2);
	}

	@Test
	void refuses_characters_x_does_not_accept_in_the_text_and_in_thread_parts() {
		assertThat(codes(this.capabilities.validate(PublishRequest.text("t", "k", "Launch day \uFFFE"))))
			.containsExactly(Codes.TEXT_INVALID_CHARACTERS);
		assertThat(codes(this.capabilities.validate(PublishRequest.text("t", "k", "Launch day")
			.withThread(List.of(new PublishRequest.ThreadPart("More \uFEFF", List.of()))))))
			.containsExactly(Codes.TEXT_INVALID_CHARACTERS);
		assertThat(this.capabilities.validate(PublishRequest.text("t", "k", "Launch day")).isValid()).isTrue();
	}

	@Test
	void takes_up_to_four_images() {
		assertThat(validate(Collections.nCopies(4, image(1_000))).isValid()).isTrue();
		assertThat(codes(validate(Collections.nCopies(5, image(1_000))))).containsExactly(Codes.TOO_MANY_MEDIA);
	}

	@Test
	void oversized_images_pass_because_the_driver_shrinks_them() {
		assertThat(validate(List.of(image(XCapabilities.MAX_IMAGE_BYTES * 3))).isValid()).isTrue();
	}

	@Test
	void a_gif_or_a_video_must_stand_alone() {
		assertThat(validate(List.of(gif(1_000))).isValid()).isTrue();
		assertThat(validate(List.of(video(1_000))).isValid()).isTrue();
		assertThat(codes(validate(List.of(gif(1_000), gif(1_000))))).containsExactly(Codes.TOO_MANY_MEDIA);
		assertThat(codes(validate(List.of(video(1_000), video(1_000))))).containsExactly(Codes.TOO_MANY_MEDIA);
		assertThat(codes(validate(List.of(image(1_000), video(1_000))))).contains(Codes.MEDIA_MIXED_KINDS,
				Codes.TOO_MANY_MEDIA);
	}

	@Test
	void gifs_and_videos_have_their_own_size_limits() {
		assertThat(validate(List.of(gif(XCapabilities.MAX_GIF_BYTES))).isValid()).isTrue();
		assertThat(codes(validate(List.of(gif(XCapabilities.MAX_GIF_BYTES + 1)))))
			.containsExactly(Codes.MEDIA_TOO_LARGE);
		assertThat(validate(List.of(video(XCapabilities.MAX_VIDEO_BYTES))).isValid()).isTrue();
		assertThat(codes(validate(List.of(video(XCapabilities.MAX_VIDEO_BYTES + 1)))))
			.containsExactly(Codes.MEDIA_TOO_LARGE);
	}

	@Test
	void alt_text_may_be_up_to_1000_characters() {
		MediaItem ok = XTestSupport.media("a", MediaKind.IMAGE, "image/png", new byte[10], "d".repeat(1000));
		MediaItem tooLong = XTestSupport.media("a", MediaKind.IMAGE, "image/png", new byte[10], "d".repeat(1001));
		assertThat(validate(List.of(ok)).isValid()).isTrue();
		assertThat(codes(validate(List.of(tooLong)))).containsExactly(Codes.ALT_TEXT_TOO_LONG);
	}

	@Test
	void media_alone_is_a_valid_post() {
		assertThat(
				this.capabilities.validate(PublishRequest.text("t", "k", "").withMedia(List.of(image(10)))).isValid())
			.isTrue();
		assertThat(codes(this.capabilities.validate(PublishRequest.text("t", "k", " "))))
			.containsExactly(Codes.TEXT_EMPTY);
	}

	private ValidationResult validate(List<MediaItem> media) {
		return this.capabilities.validate(PublishRequest.text("t", "k", "with media").withMedia(media));
	}

	private static List<String> codes(ValidationResult result) {
		return result.violations().stream().map(ValidationResult.Violation::code).toList();
	}

	private static MediaItem image(long bytes) {
		return XTestSupport.sized(MediaKind.IMAGE, "image/jpeg", bytes);
	}

	private static MediaItem gif(long bytes) {
		return XTestSupport.sized(MediaKind.GIF, "image/gif", bytes);
	}

	private static MediaItem video(long bytes) {
		return XTestSupport.sized(MediaKind.VIDEO, "video/mp4", bytes);
	}

}
