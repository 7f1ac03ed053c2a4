package io.herald.core.media;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MediaPropertiesTests {

	@Test
	void refuses_a_pixel_limit_that_would_refuse_every_image() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new MediaProperties(Path.of("media"), URI.create("http://localhost:8080"),
					DataSize.ofMegabytes(50), DataSize.ofGigabytes(1), 0, Duration.ofHours(1), Duration.ofHours(1),
					new MediaProperties.Minio(null, null, null, "herald", null, "us-east-1")))
			.withMessageContaining("herald.media.max-image-pixels");
	}

}
