package io.herald.api.web.media;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.herald.api.security.Caller;
import io.herald.api.web.UiErrors;
import io.herald.core.media.AssetService;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The media library: every uploaded asset of the workspace with its alt text.
 */
@Controller
class MediaPages extends UiErrors {

	private static final int THUMBNAILS = 60;

	private final NamedParameterJdbcTemplate jdbc;

	private final AssetService assets;

	MediaPages(NamedParameterJdbcTemplate jdbc, AssetService assets) {
		this.jdbc = jdbc;
		this.assets = assets;
	}

	@GetMapping("/media-library")
	String library(@AuthenticationPrincipal Caller caller, Model model) {
		List<Asset> assets = this.jdbc
			.query("SELECT a.id, a.original_filename, a.content_type, a.bytes, a.width, a.height, a.duration_ms,"
					+ " coalesce(nullif(a.alt_text, ''), (SELECT pa.alt_text FROM post_asset pa WHERE pa.asset_id = a.id"
					+ " AND pa.alt_text IS NOT NULL LIMIT 1)) AS alt_text, a.status, a.created_at FROM asset a"
					+ " WHERE a.workspace_id = :ws ORDER BY a.created_at DESC LIMIT 500",
					new MapSqlParameterSource("ws", caller.workspaceId()), MediaPages::asset);
		Map<UUID, String> thumbnails = new HashMap<>();
		assets.stream()
			.filter((a) -> "READY".equals(a.status()) && "Image".equals(a.kind()))
			.limit(THUMBNAILS)
			.forEach((a) -> thumbnail(caller, a).ifPresent((url) -> thumbnails.put(a.id(), url)));
		model.addAttribute("assets", assets);
		model.addAttribute("thumbnails", thumbnails);
		return "media/library";
	}

	/**
	 * A same-origin link to the image, so the page's content security policy allows it;
	 * images in an external object store get no preview here.
	 */
	private Optional<String> thumbnail(Caller caller, Asset asset) {
		try {
			URI url = this.assets.publicUrl(caller.workspaceId(), asset.id());
			if (url.getRawPath() == null || !url.getRawPath().startsWith("/media/")) {
				return Optional.empty();
			}
			return Optional.of(url.getRawPath() + ((url.getRawQuery() != null) ? "?" + url.getRawQuery() : ""));
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

	private static Asset asset(ResultSet rs, int row) throws SQLException {
		return new Asset(rs.getObject("id", UUID.class), rs.getString("original_filename"),
				rs.getString("content_type"), (Long) rs.getObject("bytes"), (Integer) rs.getObject("width"),
				(Integer) rs.getObject("height"), (Long) rs.getObject("duration_ms"), rs.getString("alt_text"),
				rs.getString("status"), rs.getTimestamp("created_at").toInstant());
	}

	/**
	 * An uploaded file.
	 *
	 * @param id the asset
	 * @param filename the name it was uploaded with
	 * @param contentType its type
	 * @param bytes its size
	 * @param width pixels, if known
	 * @param height pixels, if known
	 * @param durationMs video length, if any
	 * @param altText its description
	 * @param status UPLOADING or READY
	 * @param createdAt when it was uploaded
	 */
	public record Asset(UUID id, String filename, String contentType, Long bytes, Integer width, Integer height,
			Long durationMs, String altText, String status, Instant createdAt) {

		public String size() {
			if (this.bytes == null) {
				return "";
			}
			if (this.bytes < 1024 * 1024) {
				return Math.max(1, this.bytes / 1024) + " KB";
			}
			return String.format(java.util.Locale.ROOT, "%.1f MB", this.bytes / (1024.0 * 1024.0));
		}

		public String kind() {
			return (this.contentType != null && this.contentType.startsWith("video/")) ? "Video" : "Image";
		}

	}

}
