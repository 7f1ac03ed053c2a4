package io.herald.drivers.instagram;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.herald.drivers.spi.Capabilities;
import io.herald.drivers.spi.MediaItem;
import io.herald.drivers.spi.MediaKind;
import io.herald.drivers.spi.PublishRequest;
import io.herald.drivers.spi.ValidationResult;
import io.herald.drivers.spi.ValidationResult.Codes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InstagramRulesTests {

	private final InstagramRules rules = new InstagramRules(false);

	@Test
	void describes_instagram_as_data() {
		Capabilities capabilities = InstagramRules.CAPABILITIES;

		assertThat(capabilities.text().maxLength()).isEqualTo(2200);
		assertThat(capabilities.text().maxHashtags()).isEqualTo(30);
		assertThat(capabilities.text().maxMentions()).isEqualTo(20);
		assertThat(capabilities.media().maxItems()).isEqualTo(10);
		assertThat(capabilities.media().maxImageBytes()).isEqualTo(8L * 1024 * 1024);
		assertThat(capabilities.media().minAspectRatio()).isEqualTo(0.8);
		assertThat(capabilities.media().maxAspectRatio()).isEqualTo(1.91);
		assertThat(capabilities.media().kinds()).containsExactlyInAnyOrder(MediaKind.IMAGE, MediaKind.VIDEO);
		assertThat(capabilities.needsPublicMediaUrls()).isTrue();
		assertThat(capabilities.threads()).isFalse();
		assertThat(capabilities.firstComment()).isTrue();
		assertThat(capabilities.altText().supported()).isTrue();
		assertThat(capabilities.connectMethod()).isEqualTo(Capabilities.ConnectMethod.OAUTH2);
	}

	@Test
	void accepts_a_caption_of_2200_code_points_and_refuses_one_more() {
		String emoji = "\uD83C\uDF0A";
		String longest = emoji.repeat(2200);

		assertThat(codes(request(longest, jpeg(1080, 1080)))).isEmpty();
		assertThat(codes(request(longest + "x", jpeg(1080, 1080)))).containsExactly(Codes.TEXT_TOO_LONG);
	}

	@Test
	void allows_30_hashtags_and_20_mentions() {
		assertThat(codes(request(tags("#tag", 30), jpeg(1080, 1080)))).isEmpty();
		assertThat(codes(request(tags("#tag", 31), jpeg(1080, 1080)))).containsExactly(Codes.TOO_MANY_HASHTAGS);
		assertThat(codes(request(tags("@user", 20), jpeg(1080, 1080)))).isEmpty();
		assertThat(codes(request(tags("@user", 21), jpeg(1080, 1080)))).containsExactly(Codes.TOO_MANY_MENTIONS);
	}

	@Test
	void needs_media() {
		assertThat(codes(request("text only"))).containsExactly(Codes.MEDIA_REQUIRED);
	}

	@Test
	void takes_images_from_4_by_5_to_1_91_by_1() {
		assertThat(codes(request("", jpeg(1080, 1350)))).isEmpty();
		assertThat(codes(request("", jpeg(1910, 1000)))).isEmpty();
		assertThat(codes(request("", jpeg(1080, 1400)))).containsExactly(Codes.ASPECT_RATIO);
		assertThat(codes(request("", jpeg(2000, 1000)))).containsExactly(Codes.ASPECT_RATIO);
	}

	@Test
	void flags_images_that_are_not_jpeg_unless_the_pipeline_converts_them() {
		MediaItem png = image("image/png", 1080, 1080, 1000);

		assertThat(codes(request("", png))).containsExactly(Codes.MEDIA_KIND_UNSUPPORTED);
		assertThat(new InstagramRules(true).validate(request("", png)).isValid()).isTrue();
	}

	@Test
	void refuses_images_over_8_mib_and_gifs() {
		assertThat(codes(request("", image("image/jpeg", 1080, 1080, 8L * 1024 * 1024 + 1))))
			.containsExactly(Codes.MEDIA_TOO_LARGE);
		MediaItem gif = new MediaItem("gif", MediaKind.GIF, "image/gif", 1000, 100, 100, null, null, null, null);
		assertThat(codes(request("", gif))).containsExactly(Codes.MEDIA_KIND_UNSUPPORTED);
	}

	@Test
	void allows_carousels_of_up_to_10_items_mixing_images_and_videos() {
		List<MediaItem> ten = new ArrayList<>(Collections.nCopies(9, jpeg(1080, 1080)));
		ten.add(video("video/mp4", 1080, 1920, Duration.ofSeconds(30), 1000));
		List<MediaItem> eleven = new ArrayList<>(ten);
		eleven.add(jpeg(1080, 1080));

		assertThat(codes(request("", ten.toArray(MediaItem[]::new)))).isEmpty();
		assertThat(codes(request("", eleven.toArray(MediaItem[]::new)))).containsExactly(Codes.TOO_MANY_MEDIA);
	}

	@Test
	void takes_vertical_reels_that_the_image_aspect_rule_would_refuse() {
		assertThat(codes(request("", video("video/mp4", 1080, 1920, Duration.ofSeconds(30), 1000)))).isEmpty();
		assertThat(codes(request("", video("video/quicktime", 1920, 1080, Duration.ofSeconds(30), 1000)))).isEmpty();
		assertThat(codes(request("", video("video/mp4", 1100, 100, Duration.ofSeconds(30), 1000))))
			.containsExactly(Codes.ASPECT_RATIO);
	}

	@Test
	void holds_reels_to_3_seconds_to_15_minutes_300_mib_and_mp4_or_mov() {
		assertThat(codes(request("", video("video/mp4", 1080, 1920, Duration.ofSeconds(2), 1000))))
			.containsExactly(InstagramRules.VIDEO_TOO_SHORT);
		assertThat(codes(request("", video("video/mp4", 1080, 1920, Duration.ofMinutes(16), 1000))))
			.containsExactly(Codes.VIDEO_TOO_LONG);
		assertThat(codes(request("", video("video/mp4", 1080, 1920, Duration.ofMinutes(1), 301L * 1024 * 1024))))
			.containsExactly(Codes.MEDIA_TOO_LARGE);
		assertThat(codes(request("", video("video/webm", 1080, 1920, Duration.ofMinutes(1), 1000))))
			.containsExactly(Codes.MEDIA_KIND_UNSUPPORTED);
	}

	@Test
	void refuses_threads_and_overlong_first_comments() {
		PublishRequest thread = request("one", jpeg(1080, 1080))
			.withThread(List.of(new PublishRequest.ThreadPart("two", List.of())));
		PublishRequest comment = new PublishRequest("t", "k", "caption", List.of(jpeg(1080, 1080)), List.of(), null,
				null, "c".repeat(2201), List.of());

		assertThat(codes(thread)).containsExactly(Codes.THREADS_UNSUPPORTED);
		assertThat(codes(comment)).containsExactly(Codes.TEXT_TOO_LONG);
	}

	private List<String> codes(PublishRequest request) {
		ValidationResult result = this.rules.validate(request);
		return result.violations().stream().map(ValidationResult.Violation::code).toList();
	}

	private static PublishRequest request(String text, MediaItem... media) {
		return new PublishRequest("t", "k", text, List.of(media), List.of(), null, null, null, List.of());
	}

	private static String tags(String tag, int count) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < count; i++) {
			text.append(tag).append(i).append(' ');
		}
		return text.toString();
	}

	private static MediaItem jpeg(int width, int height) {
		return image("image/jpeg", width, height, 100_000);
	}

	private static MediaItem image(String type, int width, int height, long bytes) {
		return new MediaItem("img", MediaKind.IMAGE, type, bytes, width, height, null, null,
				() -> new ByteArrayInputStream(new byte[0]), URI.create("https://media.example/img"));
	}

	private static MediaItem video(String type, int width, int height, Duration duration, long bytes) {
		return new MediaItem("vid", MediaKind.VIDEO, type, bytes, width, height, duration, null,
				() -> new ByteArrayInputStream(new byte[0]), URI.create("https://media.example/vid"));
	}

}
