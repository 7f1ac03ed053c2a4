package io.herald.drivers.spi;

import java.time.Duration;
import java.util.Set;

/**
 * Media limits of a network.
 *
 * @param kinds the kinds of media accepted
 * @param maxItems the most media items on one post (or one thread part)
 * @param maxImageBytes the largest image the network accepts
 * @param maxVideoBytes the largest video the network accepts
 * @param minAspectRatio the narrowest width/height ratio accepted, 0 for any
 * @param maxAspectRatio the widest width/height ratio accepted, {@code Double.MAX_VALUE}
 * for any
 * @param maxVideoDuration the longest video accepted
 * @param mixedKinds whether images and videos may be mixed on one post
 * @param reencodesOversizedImages whether the driver shrinks images above
 * {@code maxImageBytes} itself, so validation must not reject them
 * @param needsJpegImages whether the network takes images as JPEG only, from their public
 * URLs: Herald then hands the driver a JPEG copy (sRGB, no metadata) of any other image,
 * with its own URL, type and size
 */
public record MediaRules(Set<MediaKind> kinds, int maxItems, long maxImageBytes, long maxVideoBytes,
		double minAspectRatio, double maxAspectRatio, Duration maxVideoDuration, boolean mixedKinds,
		boolean reencodesOversizedImages, boolean needsJpegImages) {

	public MediaRules {
		kinds = Set.copyOf(kinds);
	}

	/**
	 * Rules for a network that takes images in any format Herald accepts.
	 * @param kinds the kinds of media accepted
	 * @param maxItems the most media items on one post
	 * @param maxImageBytes the largest image
	 * @param maxVideoBytes the largest video
	 * @param minAspectRatio the narrowest width/height ratio
	 * @param maxAspectRatio the widest width/height ratio
	 * @param maxVideoDuration the longest video
	 * @param mixedKinds whether images and videos may be mixed
	 * @param reencodesOversizedImages whether the driver shrinks large images itself
	 */
	public MediaRules(Set<MediaKind> kinds, int maxItems, long maxImageBytes, long maxVideoBytes, double minAspectRatio,
			double maxAspectRatio, Duration maxVideoDuration, boolean mixedKinds, boolean reencodesOversizedImages) {
		this(kinds, maxItems, maxImageBytes, maxVideoBytes, minAspectRatio, maxAspectRatio, maxVideoDuration,
				mixedKinds, reencodesOversizedImages, false);
	}

	/**
	 * Rules for a network that takes no media.
	 * @return rules that accept nothing
	 */
	public static MediaRules none() {
		return new MediaRules(Set.of(), 0, 0, 0, 0, Double.MAX_VALUE, Duration.ZERO, false, false);
	}

}
