package io.herald.api.web.media;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.herald.api.security.Caller;
import io.herald.api.web.UiErrors;

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

	private final NamedParameterJdbcTemplate jdbc;

	MediaPages(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@GetMapping("/media-library")
	String library(@AuthenticationPrincipal Caller caller, Model model) {
		List<Asset> assets = this.jdbc.query(
				"SELECT id, original_filename, content_type, bytes, width, height, duration_ms, alt_text, status,"
						+ " created_at FROM asset WHERE workspace_id = :ws ORDER BY created_at DESC LIMIT 500",
				new MapSqlParameterSource("ws", caller.workspaceId()), MediaPages::asset);
		model.addAttribute("assets", assets);
		return "media/library";
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
