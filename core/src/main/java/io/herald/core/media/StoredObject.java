package io.herald.core.media;

/**
 * What a {@link MediaStore} holds under a key.
 *
 * @param size the object's size in bytes
 * @param contentType the media type recorded when it was stored
 */
public record StoredObject(long size, String contentType) {

}
