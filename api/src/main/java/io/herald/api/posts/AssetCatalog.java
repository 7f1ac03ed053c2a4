package io.herald.api.posts;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.herald.drivers.spi.MediaItem;
import io.herald.drivers.spi.MediaKind;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the metadata of a workspace's ready assets, for validating posts against the
 * networks' media rules.
 */
@Component
class AssetCatalog {

	private final NamedParameterJdbcTemplate jdbc;

	AssetCatalog(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	Map<UUID, MediaItem> readyAssets(UUID workspaceId, Collection<UUID> ids) {
		Map<UUID, MediaItem> found = new HashMap<>();
		if (ids.isEmpty()) {
			return found;
		}
		this.jdbc.query(
				"SELECT id, content_type, bytes, width, height, duration_ms, alt_text FROM asset"
						+ " WHERE workspace_id = :ws AND id IN (:ids) AND status = 'READY'",
				new MapSqlParameterSource("ws", workspaceId).addValue("ids", ids), (rs) -> {
					UUID id = rs.getObject("id", UUID.class);
					String type = rs.getString("content_type");
					Long duration = (Long) rs.getObject("duration_ms");
					found.put(id,
							new MediaItem(id.toString(), kind(type), type, rs.getLong("bytes"),
									(Integer) rs.getObject("width"), (Integer) rs.getObject("height"),
									(duration != null) ? Duration.ofMillis(duration) : null, rs.getString("alt_text"),
									null, null));
				});
		return found;
	}

	static MediaKind kind(String contentType) {
		if (contentType == null) {
			return MediaKind.IMAGE;
		}
		if (contentType.equals("image/gif")) {
			return MediaKind.GIF;
		}
		return contentType.startsWith("video/") ? MediaKind.VIDEO : MediaKind.IMAGE;
	}

}
