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
 */
public record MediaRules(Set<MediaKind> kinds, int maxItems, long maxImageBytes, long maxVideoBytes,
		double minAspectRatio, double maxAspectRatio, Duration maxVideoDuration, boolean mixedKinds,
		boolean reencodesOversizedImages) {

	public MediaRules {
		kinds = Set.copyOf(kinds);
	}

	/**
	 * Rules for a network that takes no media.
	 * @return rules that accept nothing
	 */
	public static MediaRules none() {
		return new MediaRules(Set.of(), 0, 0, 0, 0, Double.MAX_VALUE, Duration.ZERO, false, false);
	}

}
