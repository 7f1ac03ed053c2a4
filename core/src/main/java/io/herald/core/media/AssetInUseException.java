package io.herald.core.media;

import java.util.UUID;

/**
 * An asset cannot be deleted while posts use it (HTTP 409).
 */
public class AssetInUseException extends MediaException {

	public AssetInUseException(UUID assetId) {
		super("Asset " + assetId + " is used by a post");
	}

}
