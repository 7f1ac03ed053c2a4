package io.herald.core.media;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

/**
 * An uploaded image or video of one workspace. The bytes live in the {@link MediaStore}
 * under {@link #getObjectKey()}; the type, size, dimensions and hash were read from the
 * bytes themselves. Only {@link AssetService} changes assets.
 */
@Entity
@Table(name = "asset")
public class Asset implements Persistable<UUID> {

	@Id
	private UUID id;

	@Column(name = "workspace_id", nullable = false, updatable = false)
	private UUID workspaceId;

	@Column(name = "object_key", nullable = false, updatable = false)
	private String objectKey;

	@Column(name = "content_type")
	private String contentType;

	@Column(name = "bytes")
	private Long bytes;

	@Column(name = "width")
	private Integer width;

	@Column(name = "height")
	private Integer height;

	@Column(name = "duration_ms")
	private Long durationMs;

	@Column(name = "sha256")
	private String sha256;

	@Column(name = "alt_text")
	private String altText;

	@Column(name = "original_filename")
	private String originalFilename;

	@Enumerated(EnumType.STRING)
	@Column(name = "status", nullable = false)
	private AssetStatus status;

	@Column(name = "created_by", updatable = false)
	private UUID createdBy;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	// Ids are assigned by Herald, so Spring Data cannot tell new from stored by the id.
	@Transient
	private boolean isNew = true;

	protected Asset() {
	}

	Asset(UUID id, UUID workspaceId, UUID createdBy, String originalFilename, String altText, Instant now) {
		this.id = id;
		this.workspaceId = workspaceId;
		this.objectKey = MediaKeys.forAsset(workspaceId, id);
		this.createdBy = createdBy;
		this.originalFilename = originalFilename;
		this.altText = altText;
		this.status = AssetStatus.UPLOADING;
		this.createdAt = now;
		this.updatedAt = now;
	}

	void expect(String contentType, long bytes) {
		this.contentType = contentType;
		this.bytes = bytes;
	}

	void markReady(MediaDetails details, long bytes, String sha256, Instant now) {
		this.contentType = details.format().contentType();
		this.width = details.width();
		this.height = details.height();
		this.durationMs = details.durationMs();
		this.bytes = bytes;
		this.sha256 = sha256;
		this.status = AssetStatus.READY;
		this.updatedAt = now;
	}

	void changeAltText(String altText, Instant now) {
		this.altText = altText;
		this.updatedAt = now;
	}

	@PostLoad
	@PostPersist
	void stored() {
		this.isNew = false;
	}

	@Override
	public boolean isNew() {
		return this.isNew;
	}

	@Override
	public UUID getId() {
		return this.id;
	}

	public UUID getWorkspaceId() {
		return this.workspaceId;
	}

	public String getObjectKey() {
		return this.objectKey;
	}

	/** The type read from the bytes once READY; the declared type while UPLOADING. */
	public String getContentType() {
		return this.contentType;
	}

	/** The size once READY; the announced size of a direct upload while UPLOADING. */
	public Long getBytes() {
		return this.bytes;
	}

	public Integer getWidth() {
		return this.width;
	}

	public Integer getHeight() {
		return this.height;
	}

	public Long getDurationMs() {
		return this.durationMs;
	}

	/** Lower-case hex SHA-256 of the bytes, once READY. */
	public String getSha256() {
		return this.sha256;
	}

	public String getAltText() {
		return this.altText;
	}

	public String getOriginalFilename() {
		return this.originalFilename;
	}

	public AssetStatus getStatus() {
		return this.status;
	}

	public UUID getCreatedBy() {
		return this.createdBy;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

	public boolean isReady() {
		return this.status == AssetStatus.READY;
	}

}
