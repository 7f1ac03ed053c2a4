package io.herald.core.media;

/**
 * Where an asset is in its life: bytes still arriving, or inspected and usable.
 */
public enum AssetStatus {

	UPLOADING, READY

}
