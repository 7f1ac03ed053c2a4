package io.herald.api.web.posts;

import java.util.UUID;

/**
 * A file attached to a post.
 *
 * @param assetId the asset
 * @param filename the name it was uploaded with
 * @param contentType its type
 * @param altText the alt text used for this post
 */
public record MediaRow(UUID assetId, String filename, String contentType, String altText) {
}
