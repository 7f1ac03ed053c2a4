package io.herald.drivers.kit;

import java.util.List;

/**
 * One post as the network stored it, read back by a {@link KitFixture} without the
 * driver.
 *
 * @param remoteId the network's id of the post, as a driver's {@code Published} would
 * report it
 * @param text the stored text
 * @param altTexts one entry per attached media item, in order; an empty string for media
 * without a description
 * @param replyRootId the id of the thread's first post, or {@code null} for a top-level
 * post
 * @param replyParentId the id of the post this one replies to, or {@code null}
 */
public record StoredPost(String remoteId, String text, List<String> altTexts, String replyRootId,
		String replyParentId) {

	public StoredPost {
		altTexts = List.copyOf(altTexts);
	}

	/**
	 * How many media items the post carries.
	 * @return the media count
	 */
	public int mediaCount() {
		return this.altTexts.size();
	}

}
