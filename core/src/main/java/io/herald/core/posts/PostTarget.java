package io.herald.core.posts;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.ColumnTransformer;

/**
 * One post going to one account. The API writes the content and schedule while the target
 * is not yet claimed; the engine owns it (with plain SQL) from claim to outcome.
 */
@Entity
@Table(name = "post_target")
public class PostTarget {

	@Id
	private UUID id;

	@Column(name = "workspace_id", nullable = false)
	private UUID workspaceId;

	@ManyToOne
	@JoinColumn(name = "post_id", nullable = false)
	private Post post;

	@Column(name = "account_id", nullable = false)
	private UUID accountId;

	@Column(nullable = false)
	private String network;

	@Column(name = "text_override")
	private String textOverride;

	@Column(name = "asset_ids", columnDefinition = "jsonb")
	@ColumnTransformer(write = "?::jsonb")
	private String assetsOverride;

	// Null: the post's parts (TargetOverrides).
	@Column(columnDefinition = "jsonb")
	@ColumnTransformer(write = "?::jsonb")
	private String parts;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private TargetStatus status;

	@Column(name = "due_at")
	private Instant dueAt;

	@Column(nullable = false)
	private int attempts;

	@Column(name = "next_attempt_at")
	private Instant nextAttemptAt;

	@Column(name = "idempotency_key", nullable = false)
	private String idempotencyKey;

	@Column(name = "remote_id")
	private String remoteId;

	@Column(name = "remote_url")
	private String remoteUrl;

	@Column(name = "published_at")
	private Instant publishedAt;

	@Column(name = "last_error_kind")
	private String lastErrorKind;

	@Column(name = "last_error")
	private String lastError;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	@Version
	private long version;

	protected PostTarget() {
	}

	public PostTarget(UUID id, Post post, UUID accountId, String network, Instant now) {
		this.id = id;
		this.workspaceId = post.getWorkspaceId();
		this.post = post;
		this.accountId = accountId;
		this.network = network;
		this.status = TargetStatus.DRAFT;
		// Stable across every retry of this target: drivers derive network-side keys from
		// it.
		this.idempotencyKey = id.toString();
		this.createdAt = now;
		this.updatedAt = now;
	}

	public void setOverrides(String textOverride, String assetsOverrideJson, String partsJson, Instant now) {
		this.textOverride = textOverride;
		this.assetsOverride = assetsOverrideJson;
		this.parts = partsJson;
		this.updatedAt = now;
	}

	public void schedule(TargetStatus status, Instant dueAt, Instant now) {
		this.status = status;
		this.dueAt = dueAt;
		this.nextAttemptAt = null;
		this.updatedAt = now;
	}

	public void cancel(String reason, Instant now) {
		this.status = TargetStatus.CANCELED;
		this.lastError = reason;
		this.updatedAt = now;
	}

	public UUID getId() {
		return this.id;
	}

	public UUID getWorkspaceId() {
		return this.workspaceId;
	}

	public Post getPost() {
		return this.post;
	}

	public UUID getAccountId() {
		return this.accountId;
	}

	public String getNetwork() {
		return this.network;
	}

	public String getTextOverride() {
		return this.textOverride;
	}

	public String getAssetsOverride() {
		return this.assetsOverride;
	}

	public String getParts() {
		return this.parts;
	}

	public TargetStatus getStatus() {
		return this.status;
	}

	public Instant getDueAt() {
		return this.dueAt;
	}

	public int getAttempts() {
		return this.attempts;
	}

	public Instant getNextAttemptAt() {
		return this.nextAttemptAt;
	}

	public String getIdempotencyKey() {
		return this.idempotencyKey;
	}

	public String getRemoteId() {
		return this.remoteId;
	}

	public String getRemoteUrl() {
		return this.remoteUrl;
	}

	public Instant getPublishedAt() {
		return this.publishedAt;
	}

	public String getLastErrorKind() {
		return this.lastErrorKind;
	}

	public String getLastError() {
		return this.lastError;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

}
