package io.herald.core.media;

import java.io.InputStream;

/**
 * An open media object for serving; the caller closes {@link #content()}.
 *
 * @param contentType the stored media type
 * @param size the size in bytes
 * @param content the bytes
 */
public record MediaContent(String contentType, long size, InputStream content) {

}
