package io.herald.core.media;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * URLs on Herald itself for media, signed with {@link MediaLinkSigner}: read links
 * ({@code /media/{token}}) and, for stores without presigned uploads, upload targets
 * ({@code /api/v1/assets/{id}/content?token=...}).
 */
public class HeraldMediaLinks {

	private final MediaLinkSigner signer;

	private final String base;

	/**
	 * @param signer signs the tokens
	 * @param publicUrl Herald's external base URL ({@code HERALD_PUBLIC_URL})
	 */
	public HeraldMediaLinks(MediaLinkSigner signer, URI publicUrl) {
		this.signer = signer;
		this.base = publicUrl.toString().replaceAll("/+$", "");
	}

	/**
	 * @param key the object key
	 * @param ttl how long the link stays valid
	 * @return a signed {@code /media/{token}} link
	 */
	public URI read(String key, Duration ttl) {
		return URI.create(this.base + "/media/" + this.signer.sign(key, MediaLinkSigner.Purpose.READ, ttl).token());
	}

	/**
	 * @param assetId the asset being uploaded
	 * @param key the object key the bytes go to
	 * @param contentType the type the client must send
	 * @param ttl how long the URL stays valid
	 * @return a signed upload target on Herald
	 */
	public PresignedUpload upload(UUID assetId, String key, String contentType, Duration ttl) {
		MediaLinkSigner.SignedToken token = this.signer.sign(key, MediaLinkSigner.Purpose.UPLOAD, ttl);
		URI url = URI.create(this.base + "/api/v1/assets/" + assetId + "/content?token=" + token.token());
		return new PresignedUpload("PUT", url, Map.of("Content-Type", contentType), token.expiresAt());
	}

}
