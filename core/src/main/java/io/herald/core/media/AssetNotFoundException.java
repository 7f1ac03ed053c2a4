package io.herald.core.media;

import java.util.UUID;

/**
 * No asset with this id in this workspace (whether it exists elsewhere is not revealed).
 */
public class AssetNotFoundException extends MediaException {

	private final UUID assetId;

	public AssetNotFoundException(UUID assetId) {
		super("Asset " + assetId + " not found");
		this.assetId = assetId;
	}

	public UUID assetId() {
		return this.assetId;
	}

}
