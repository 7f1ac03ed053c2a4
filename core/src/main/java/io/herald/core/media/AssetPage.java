package io.herald.core.media;

import java.util.List;

/**
 * One page of a workspace's assets.
 *
 * @param items the assets, newest first
 * @param nextCursor the cursor for the next page, or {@code null} on the last page
 */
public record AssetPage(List<Asset> items, String nextCursor) {

	public AssetPage {
		items = List.copyOf(items);
	}

}
