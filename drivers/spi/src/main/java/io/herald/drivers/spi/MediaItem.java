package io.herald.drivers.spi;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;

/**
 * One media file attached to a publication.
 *
 * @param assetId Herald's asset id
 * @param kind the kind of media
 * @param contentType the sniffed MIME type
 * @param bytes the size in bytes
 * @param width the width in pixels, or {@code null} when unknown
 * @param height the height in pixels, or {@code null} when unknown
 * @param duration the duration of a video, or {@code null}
 * @param altText the description of the media, or {@code null}
 * @param content opens the bytes; each call returns a new stream the caller closes
 * @param publicUrl a short-lived public URL for networks that fetch media themselves, or
 * {@code null}
 */
public record MediaItem(String assetId, MediaKind kind, String contentType, long bytes, Integer width, Integer height,
		Duration duration, String altText, Content content, URI publicUrl) {

	/** Opens the media's bytes. */
	@FunctionalInterface
	public interface Content {

		/**
		 * Opens a new stream over the bytes.
		 * @return a stream the caller closes
		 * @throws IOException when the bytes cannot be read
		 */
		InputStream open() throws IOException;

	}

}
