package io.herald.core.media;

/**
 * A direct upload that has been started: the asset (UPLOADING) and where to send its
 * bytes. Once they are sent, the client calls complete.
 *
 * @param asset the new asset
 * @param upload the presigned upload: the object store's own URL, or Herald's signed
 * upload URL when the store has none
 */
public record StartedUpload(Asset asset, PresignedUpload upload) {

}
