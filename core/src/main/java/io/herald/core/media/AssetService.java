package io.herald.core.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;

/**
 * Uploading, inspecting, listing and deleting a workspace's media. Every method takes the
 * workspace explicitly and every lookup is by id and workspace, so one workspace can
 * never reach another's assets.
 * <p>
 * Bytes stream from the client to the store, hashed and size-checked on the way, never
 * held in memory; no database transaction is open while they flow. An asset row exists
 * (UPLOADING) before its bytes are stored, so an interrupted upload leaves a visible row
 * rather than an unreferenced object.
 */
public class AssetService {

	private static final Logger log = LoggerFactory.getLogger(AssetService.class);

	/**
	 * Where clients upload a direct upload's bytes when the store has no presigned URLs.
	 */
	static final String HERALD_UPLOAD_PATH = "/api/v1/assets/%s/content?token=%s";

	private static final int MAX_PAGE_SIZE = 100;

	private static final int MAX_FILENAME_LENGTH = 255;

	private final AssetRepository repository;

	private final MediaStore store;

	private final AssetInspector inspector;

	private final MediaLinkSigner signer;

	private final HeraldMediaLinks links;

	private final MediaProperties properties;

	private final Clock clock;

	AssetService(AssetRepository repository, MediaStore store, AssetInspector inspector, MediaLinkSigner signer,
			HeraldMediaLinks links, MediaProperties properties, Clock clock) {
		this.repository = repository;
		this.store = store;
		this.inspector = inspector;
		this.signer = signer;
		this.links = links;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Stores an upload received by Herald (multipart). The type is recognised from the
	 * bytes; what the client claimed is not trusted.
	 * @param workspaceId the caller's workspace
	 * @param userId the uploading user
	 * @param filename the client's file name (kept for display only, never in keys)
	 * @param clientContentType the type the client claimed (only logged when it differs)
	 * @param content the bytes; read to the end but not closed
	 * @param altText the alt text, may be {@code null}
	 * @return the READY asset
	 * @throws MediaTooLargeException when larger than
	 * {@code herald.media.max-upload-size}
	 * @throws UnsupportedMediaException when not a supported image or video
	 */
	public Asset upload(UUID workspaceId, UUID userId, String filename, String clientContentType, InputStream content,
			String altText) {
		long limit = this.properties.maxUploadSize().toBytes();
		Asset asset = this.repository.save(newAsset(workspaceId, userId, filename, altText));
		HashingInputStream hashing = new HashingInputStream(content, limit);
		try {
			byte[] head = hashing.readNBytes(AssetInspector.HEAD_BYTES);
			MediaFormat format = this.inspector.sniff(head);
			if (clientContentType != null && !format.contentType().equalsIgnoreCase(clientContentType)) {
				log.debug("Asset {}: client said {}, content is {}", asset.getId(), clientContentType,
						format.contentType());
			}
			this.store.put(asset.getObjectKey(), HeadAndRest.of(head, hashing), -1, format.contentType());
			MediaDetails details;
			try (InputStream stored = this.store.open(asset.getObjectKey())) {
				details = this.inspector.inspect(stored);
			}
			asset.markReady(details, hashing.count(), hashing.sha256(), now());
			return this.repository.save(asset);
		}
		catch (RuntimeException | IOException ex) {
			discard(asset);
			if (hashing.limitExceeded()) {
				throw new MediaTooLargeException(limit);
			}
			throw rethrow(ex, asset);
		}
	}

	/**
	 * Starts a direct upload of a large file: creates the asset (UPLOADING) and says
	 * where to send the bytes.
	 * @param workspaceId the caller's workspace
	 * @param userId the uploading user
	 * @param filename the client's file name (display only)
	 * @param contentType the type the client will upload (checked against the bytes on
	 * completion)
	 * @param bytes the exact size the client will upload
	 * @param altText the alt text, may be {@code null}
	 * @return the asset and the upload instructions
	 * @throws MediaTooLargeException when larger than
	 * {@code herald.media.max-direct-upload-size}
	 * @throws UnsupportedMediaException when the type is not accepted
	 */
	public StartedUpload startUpload(UUID workspaceId, UUID userId, String filename, String contentType, long bytes,
			String altText) {
		MediaFormat format = MediaFormat.forContentType(contentType)
			.orElseThrow(() -> new UnsupportedMediaException("Unsupported media type " + contentType
					+ ": Herald accepts image/jpeg, image/png, image/gif, image/webp, video/mp4 and video/quicktime"));
		long limit = this.properties.maxDirectUploadSize().toBytes();
		if (bytes > limit) {
			throw new MediaTooLargeException(limit);
		}
		if (bytes <= 0) {
			throw new IllegalArgumentException("The upload's size must be given and positive");
		}
		Asset asset = newAsset(workspaceId, userId, filename, altText);
		asset.expect(format.contentType(), bytes);
		Asset saved = this.repository.save(asset);
		String uploadKey = MediaKeys.forUpload(workspaceId, saved.getId());
		PresignedUpload upload = this.store
			.presignUpload(uploadKey, format.contentType(), bytes, this.properties.uploadTtl())
			.orElseGet(() -> this.links.upload(saved.getId(), uploadKey, format.contentType(),
					this.properties.uploadTtl()));
		return new StartedUpload(saved, upload);
	}

	/**
	 * Receives a direct upload's bytes sent to Herald's own upload URL. The signed token
	 * is the authorisation, as a presigned URL would be.
	 * @param assetId the asset in the upload URL's path
	 * @param uploadToken the {@code token} from the upload URL
	 * @param content the bytes; read to the end but not closed
	 * @return the asset, still UPLOADING until completed
	 * @throws InvalidMediaLinkException when the token is invalid, expired or for another
	 * asset
	 * @throws MediaTooLargeException when more bytes arrive than were announced
	 */
	public Asset receiveUpload(UUID assetId, String uploadToken, InputStream content) {
		String key = this.signer.verify(uploadToken, MediaLinkSigner.Purpose.UPLOAD);
		MediaKeys.AssetKey target = MediaKeys.parseUpload(key)
			.filter((parsed) -> parsed.assetId().equals(assetId))
			.orElseThrow(() -> new InvalidMediaLinkException("token is for another asset"));
		Asset asset = find(target.workspaceId(), assetId);
		if (asset.isReady()) {
			throw new UploadIncompleteException("Asset " + assetId + " is already complete");
		}
		HashingInputStream counting = new HashingInputStream(content, asset.getBytes());
		try {
			this.store.put(key, counting, -1, asset.getContentType());
		}
		catch (RuntimeException ex) {
			if (counting.limitExceeded()) {
				throw new MediaTooLargeException(asset.getBytes());
			}
			throw ex;
		}
		return asset;
	}

	/**
	 * Finishes a direct upload: checks the stored bytes' size and type against what was
	 * announced, reads dimensions and hash, and makes the asset READY. Completing a READY
	 * asset again just returns it.
	 * @param workspaceId the caller's workspace
	 * @param assetId the asset
	 * @return the READY asset
	 * @throws UploadIncompleteException when the bytes have not (all) arrived
	 * @throws MediaTooLargeException when more bytes arrived than announced (they are
	 * deleted)
	 * @throws UnsupportedMediaException when the bytes are not of the announced type
	 * (they are deleted)
	 */
	public Asset complete(UUID workspaceId, UUID assetId) {
		Asset asset = find(workspaceId, assetId);
		if (asset.isReady()) {
			return asset;
		}
		String uploadKey = MediaKeys.forUpload(workspaceId, assetId);
		String key = asset.getObjectKey();
		long expected = asset.getBytes();
		StoredObject uploaded = this.store.stat(uploadKey)
			.orElseThrow(() -> new UploadIncompleteException("No content has been uploaded for asset " + assetId));
		if (uploaded.size() > expected) {
			this.store.delete(uploadKey);
			throw new MediaTooLargeException(expected);
		}
		if (uploaded.size() < expected) {
			throw new UploadIncompleteException(
					"Asset " + assetId + " has " + uploaded.size() + " of " + expected + " bytes");
		}
		// The upload URL stays valid after this; checking the object only once it is
		// under a key clients cannot write means a second upload cannot swap the bytes.
		this.store.move(uploadKey, key);
		try {
			return checkAndMarkReady(asset, expected);
		}
		catch (RuntimeException ex) {
			deleteObjectQuietly(key);
			throw ex;
		}
	}

	private Asset checkAndMarkReady(Asset asset, long expected) {
		String key = asset.getObjectKey();
		StoredObject stored = this.store.stat(key).orElseThrow(() -> new MediaObjectNotFoundException(key));
		// The stored type is what the object store will serve; it must be the one
		// checked.
		if (!sameType(stored.contentType(), asset.getContentType())) {
			throw new UnsupportedMediaException("The upload was sent as " + stored.contentType() + ", not "
					+ asset.getContentType() + " as announced");
		}
		HashingInputStream hashing;
		MediaDetails details;
		try (InputStream in = this.store.open(key)) {
			hashing = new HashingInputStream(in, expected);
			details = this.inspector.inspect(hashing);
			hashing.drain();
		}
		catch (IOException ex) {
			if (ex instanceof HashingInputStream.LimitExceededException) {
				throw new MediaTooLargeException(expected);
			}
			throw new MediaStoreException("Cannot read media object " + key, ex);
		}
		if (hashing.count() != expected) {
			throw new UploadIncompleteException(
					"Asset " + asset.getId() + " has " + hashing.count() + " of " + expected + " bytes");
		}
		if (!details.format().contentType().equals(asset.getContentType())) {
			throw new UnsupportedMediaException("The content is " + details.format().contentType() + ", not "
					+ asset.getContentType() + " as announced");
		}
		asset.markReady(details, hashing.count(), hashing.sha256(), now());
		return this.repository.save(asset);
	}

	/**
	 * @param workspaceId the caller's workspace
	 * @param assetId the asset
	 * @return the asset
	 * @throws AssetNotFoundException when the workspace has no such asset
	 */
	public Asset get(UUID workspaceId, UUID assetId) {
		return find(workspaceId, assetId);
	}

	/**
	 * A page of the workspace's assets, newest first.
	 * @param workspaceId the caller's workspace
	 * @param status only assets in this status, or {@code null} for all
	 * @param cursor the previous page's {@code nextCursor}, or {@code null} for the first
	 * page
	 * @param limit the page size (capped at 100)
	 * @return the page
	 * @throws IllegalArgumentException when the cursor is not one Herald issued
	 */
	public AssetPage list(UUID workspaceId, AssetStatus status, String cursor, int limit) {
		int size = Math.max(1, Math.min(limit, MAX_PAGE_SIZE));
		Limit fetch = Limit.of(size + 1);
		List<Asset> rows;
		if (cursor == null || cursor.isBlank()) {
			rows = this.repository.findFirstPage(workspaceId, status, fetch);
		}
		else {
			AssetCursor after = AssetCursor.decode(cursor);
			rows = this.repository.findPageAfter(workspaceId, status, after.createdAt(), after.id(), fetch);
		}
		if (rows.size() <= size) {
			return new AssetPage(rows, null);
		}
		List<Asset> page = rows.subList(0, size);
		return new AssetPage(page, AssetCursor.after(page.get(size - 1)).encode());
	}

	/**
	 * @param workspaceId the caller's workspace
	 * @param assetId the asset
	 * @param altText the new alt text, {@code null} to clear it
	 * @return the updated asset
	 */
	public Asset updateAltText(UUID workspaceId, UUID assetId, String altText) {
		Asset asset = find(workspaceId, assetId);
		asset.changeAltText(altText, now());
		return this.repository.save(asset);
	}

	/**
	 * Deletes an asset and its bytes.
	 * @param workspaceId the caller's workspace
	 * @param assetId the asset
	 * @throws AssetNotFoundException when the workspace has no such asset
	 * @throws AssetInUseException when a post uses it
	 */
	public void delete(UUID workspaceId, UUID assetId) {
		Asset asset = find(workspaceId, assetId);
		try {
			this.repository.deleteByIdAndWorkspaceId(assetId, workspaceId);
		}
		catch (DataIntegrityViolationException ex) {
			throw new AssetInUseException(assetId);
		}
		deleteObjectQuietly(asset.getObjectKey());
		deleteObjectQuietly(JpegRenditions.copyKey(asset.getObjectKey()));
		if (!asset.isReady()) {
			deleteObjectQuietly(MediaKeys.forUpload(workspaceId, assetId));
		}
	}

	/**
	 * Opens a READY asset's bytes (for drivers that upload media themselves).
	 * @param workspaceId the workspace
	 * @param assetId the asset
	 * @return the bytes; the caller closes the stream
	 */
	public InputStream openContent(UUID workspaceId, UUID assetId) {
		return this.store.open(ready(workspaceId, assetId).getObjectKey());
	}

	/**
	 * An expiring link to a READY asset's bytes (previews, and networks that fetch media
	 * by URL).
	 * @param workspaceId the workspace
	 * @param assetId the asset
	 * @return the link, valid for {@code herald.media.link-ttl}
	 */
	public URI publicUrl(UUID workspaceId, UUID assetId) {
		return this.store.publicUrl(ready(workspaceId, assetId).getObjectKey(), this.properties.linkTtl());
	}

	/**
	 * Opens the object a signed read link ({@code /media/{token}}) names.
	 * @param token the token from the link
	 * @return the object to serve
	 * @throws InvalidMediaLinkException when the token is invalid or expired
	 * @throws MediaObjectNotFoundException when the object is gone
	 */
	public MediaContent openSignedLink(String token) {
		String key = this.signer.verify(token, MediaLinkSigner.Purpose.READ);
		StoredObject stored = this.store.stat(key).orElseThrow(() -> new MediaObjectNotFoundException(key));
		return new MediaContent(stored.contentType(), stored.size(), this.store.open(key));
	}

	private Asset ready(UUID workspaceId, UUID assetId) {
		Asset asset = find(workspaceId, assetId);
		if (!asset.isReady()) {
			throw new UploadIncompleteException("Asset " + assetId + " is still uploading");
		}
		return asset;
	}

	private Asset find(UUID workspaceId, UUID assetId) {
		return this.repository.findByIdAndWorkspaceId(assetId, workspaceId)
			.orElseThrow(() -> new AssetNotFoundException(assetId));
	}

	private Asset newAsset(UUID workspaceId, UUID userId, String filename, String altText) {
		return new Asset(UUID.randomUUID(), workspaceId, userId, displayName(filename), altText, now());
	}

	// Browsers may send a full client path; keep the last segment, without control
	// characters, for display only.
	static String displayName(String filename) {
		if (filename == null) {
			return null;
		}
		String name = filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1)
			.replaceAll("\\p{Cntrl}", "")
			.strip();
		if (name.isEmpty()) {
			return null;
		}
		return (name.length() > MAX_FILENAME_LENGTH) ? name.substring(0, MAX_FILENAME_LENGTH) : name;
	}

	private void discard(Asset asset) {
		deleteObjectQuietly(asset.getObjectKey());
		try {
			this.repository.deleteByIdAndWorkspaceId(asset.getId(), asset.getWorkspaceId());
		}
		catch (RuntimeException ex) {
			log.warn("Could not remove failed upload {} of workspace {}: {}", asset.getId(), asset.getWorkspaceId(),
					ex.getMessage());
		}
	}

	private void deleteObjectQuietly(String key) {
		try {
			this.store.delete(key);
		}
		catch (MediaStoreException ex) {
			log.warn("Could not delete media object {}: {}", key, ex.getMessage());
		}
	}

	private static RuntimeException rethrow(Exception ex, Asset asset) {
		if (ex instanceof RuntimeException runtime) {
			return runtime;
		}
		return new UncheckedIOException("Upload of asset " + asset.getId() + " failed", (IOException) ex);
	}

	private static boolean sameType(String stored, String expected) {
		return MediaFormat.forContentType(stored).map(MediaFormat::contentType).filter(expected::equals).isPresent();
	}

	// Postgres keeps microseconds; truncating here keeps cursors exact.
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
