package io.herald.core.media;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Object keys: {@code ws/{workspaceId}/{assetId}} for assets, and
 * {@code uploads/ws/{workspaceId}/{assetId}} where a direct upload lands before Herald
 * checks it and moves it into place. Every store validates keys with
 * {@link #requireValid} so a key can never climb out of its directory or bucket.
 */
final class MediaKeys {

	// Segments may not start with a dot: that rules out "." and ".." and leaves dot-names
	// free for the filesystem store's own temp and metadata files.
	private static final Pattern VALID = Pattern
		.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}(/[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}){0,7}");

	private static final String UPLOAD_PREFIX = "uploads/";

	private MediaKeys() {
	}

	static String forAsset(UUID workspaceId, UUID assetId) {
		return "ws/" + workspaceId + "/" + assetId;
	}

	static String forUpload(UUID workspaceId, UUID assetId) {
		return UPLOAD_PREFIX + forAsset(workspaceId, assetId);
	}

	/**
	 * The workspace and asset an upload key names, or empty for any other key.
	 */
	static Optional<AssetKey> parseUpload(String key) {
		if (key == null || !key.startsWith(UPLOAD_PREFIX)) {
			return Optional.empty();
		}
		return parseAsset(key.substring(UPLOAD_PREFIX.length()));
	}

	/**
	 * The workspace and asset an asset key names, or empty for any other key.
	 */
	static Optional<AssetKey> parseAsset(String key) {
		String[] parts = (key != null) ? key.split("/", -1) : new String[0];
		if (parts.length != 3 || !parts[0].equals("ws")) {
			return Optional.empty();
		}
		try {
			AssetKey parsed = new AssetKey(UUID.fromString(parts[1]), UUID.fromString(parts[2]));
			// UUID.fromString accepts odd spellings; only the canonical form is ours.
			return forAsset(parsed.workspaceId(), parsed.assetId()).equals(key) ? Optional.of(parsed)
					: Optional.empty();
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	static String requireValid(String key) {
		if (key == null || !VALID.matcher(key).matches()) {
			throw new IllegalArgumentException("Invalid media object key: " + key);
		}
		return key;
	}

	record AssetKey(UUID workspaceId, UUID assetId) {

	}

}
