package io.herald.core.media;

/**
 * What inspecting media's bytes found.
 *
 * @param format the format recognised from the bytes
 * @param width the width in pixels, or {@code null} when unknown
 * @param height the height in pixels, or {@code null} when unknown
 * @param durationMs a video's duration in milliseconds, or {@code null} for images and
 * when unknown
 */
public record MediaDetails(MediaFormat format, Integer width, Integer height, Long durationMs) {

}
