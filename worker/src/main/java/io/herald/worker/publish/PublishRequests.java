package io.herald.worker.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.herald.core.media.JpegRenditions;
import io.herald.core.media.MediaException;
import io.herald.core.media.MediaStore;
import io.herald.drivers.spi.BaseSocialBackend;
import io.herald.drivers.spi.MediaItem;
import io.herald.drivers.spi.MediaKind;
import io.herald.drivers.spi.PublishRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Builds what a driver publishes from a claimed target, as it is now: edits made before
 * the claim are what goes out. Media come from the object store: as streams, and as
 * short-lived signed URLs for networks that fetch media themselves.
 */
public class PublishRequests {

	private static final Duration MEDIA_URL_TTL = Duration.ofHours(1);

	private final JsonMapper json = JsonMapper.builder().build();

	private final JdbcTemplate jdbc;

	private final MediaStore media;

	private final JpegRenditions jpegCopies;

	/**
	 * Requests.
	 * @param jdbc the database
	 * @param media the object store, or {@code null} where none is configured
	 */
	public PublishRequests(JdbcTemplate jdbc, MediaStore media) {
		this.jdbc = jdbc;
		this.media = media;
		this.jpegCopies = (media != null) ? new JpegRenditions(media) : null;
	}

	/**
	 * The request for a target: its text, media and thread parts (the target's overrides
	 * or the post's), and its idempotency key.
	 * @param target the target
	 * @param backend the target's driver
	 * @return the request
	 * @throws MissingMediaException when an attached asset cannot be used
	 */
	public PublishRequest build(ClaimedTarget target, BaseSocialBackend backend) {
		List<Ref> refs = refs(this.json.readTree(target.assetsJson()));
		List<List<Ref>> partRefs = new ArrayList<>();
		List<String> partTexts = new ArrayList<>();
		if (target.partsJson() != null && !target.partsJson().isBlank()) {
			for (JsonNode part : this.json.readTree(target.partsJson()).values()) {
				partTexts.add(part.path("text").asString(""));
				partRefs.add(refs(part.path("assets")));
			}
		}
		Map<UUID, Map<String, Object>> assets = assets(target.workspaceId(), refs, partRefs);
		Handover handover = new Handover(backend.capabilities().needsPublicMediaUrls(),
				backend.capabilities().media().needsJpegImages());
		List<PublishRequest.ThreadPart> thread = new ArrayList<>();
		for (int i = 0; i < partTexts.size(); i++) {
			thread.add(new PublishRequest.ThreadPart(partTexts.get(i), items(partRefs.get(i), assets, handover)));
		}
		return PublishRequest.text(target.id().toString(), target.idempotencyKey(), target.text())
			.withMedia(items(refs, assets, handover))
			.withThread(thread);
	}

	private static List<Ref> refs(JsonNode node) {
		List<Ref> refs = new ArrayList<>();
		if (node != null && node.isArray()) {
			for (JsonNode ref : node.values()) {
				JsonNode alt = ref.path("altText");
				refs.add(new Ref(UUID.fromString(ref.path("assetId").asString()),
						alt.isString() ? alt.asString() : null));
			}
		}
		return refs;
	}

	private Map<UUID, Map<String, Object>> assets(UUID workspaceId, List<Ref> refs, List<List<Ref>> partRefs) {
		List<UUID> ids = new ArrayList<>();
		refs.forEach((ref) -> ids.add(ref.assetId()));
		partRefs.forEach((part) -> part.forEach((ref) -> ids.add(ref.assetId())));
		Map<UUID, Map<String, Object>> rows = new HashMap<>();
		if (ids.isEmpty()) {
			return rows;
		}
		if (this.media == null) {
			throw new MissingMediaException("No media store is configured, so attached media cannot be published");
		}
		this.jdbc
			.queryForList(
					"SELECT id, object_key, content_type, bytes, width, height, duration_ms, alt_text, status"
							+ " FROM asset WHERE workspace_id = ? AND id = ANY (?)",
					workspaceId, ids.toArray(new UUID[0]))
			.forEach((row) -> rows.put((UUID) row.get("id"), row));
		return rows;
	}

	private List<MediaItem> items(List<Ref> refs, Map<UUID, Map<String, Object>> assets, Handover handover) {
		List<MediaItem> items = new ArrayList<>();
		for (Ref ref : refs) {
			Map<String, Object> row = assets.get(ref.assetId());
			if (row == null || !"READY".equals(row.get("status"))) {
				throw new MissingMediaException("Attached media " + ref.assetId() + " is missing or not uploaded");
			}
			String key = (String) row.get("object_key");
			String contentType = (String) row.get("content_type");
			long bytes = ((Number) row.get("bytes")).longValue();
			if (handover.jpeg() && kind(contentType) == MediaKind.IMAGE && JpegRenditions.needsCopy(contentType)) {
				JpegRenditions.StoredCopy copy = jpegCopy(ref.assetId(), key);
				key = copy.key();
				contentType = "image/jpeg";
				bytes = copy.bytes();
			}
			String objectKey = key;
			Number durationMs = (Number) row.get("duration_ms");
			items.add(new MediaItem(ref.assetId().toString(), kind(contentType), contentType, bytes,
					(Integer) row.get("width"), (Integer) row.get("height"),
					(durationMs != null) ? Duration.ofMillis(durationMs.longValue()) : null,
					(ref.altText() != null) ? ref.altText() : (String) row.get("alt_text"),
					() -> this.media.open(objectKey),
					handover.urls() ? this.media.publicUrl(objectKey, MEDIA_URL_TTL) : null));
		}
		return items;
	}

	private JpegRenditions.StoredCopy jpegCopy(UUID assetId, String key) {
		try {
			return this.jpegCopies.jpegOf(key);
		}
		catch (MediaException ex) {
			throw new MissingMediaException("Attached image " + assetId
					+ " could not be converted to JPEG for this network: " + ex.getMessage());
		}
	}

	/**
	 * How a network takes media: by public URL, and whether as JPEG only.
	 */
	private record Handover(boolean urls, boolean jpeg) {
	}

	private static MediaKind kind(String contentType) {
		String type = (contentType != null) ? contentType.toLowerCase(Locale.ROOT) : "";
		if (type.equals("image/gif")) {
			return MediaKind.GIF;
		}
		return type.startsWith("video/") ? MediaKind.VIDEO : MediaKind.IMAGE;
	}

	private record Ref(UUID assetId, String altText) {
	}

	/** An attached asset cannot be published; retrying will not help. */
	public static class MissingMediaException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		MissingMediaException(String message) {
			super(message);
		}

	}

}
