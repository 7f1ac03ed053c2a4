package io.herald.core.posts;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.ColumnTransformer;

@Entity
@Table(name = "post")
public class Post {

	@Id
	private UUID id;

	@Column(name = "workspace_id", nullable = false)
	private UUID workspaceId;

	@Column(name = "author_id")
	private UUID authorId;

	@Column(nullable = false)
	private String text;

	@Column(nullable = false, columnDefinition = "jsonb")
	@ColumnTransformer(write = "?::jsonb")
	private String parts;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private PostStatus status;

	@Column(name = "scheduled_at")
	private Instant scheduledAt;

	@Column(name = "time_zone")
	private String timeZone;

	@Column(name = "local_scheduled_at")
	private LocalDateTime localScheduledAt;

	@Column(name = "publish_now", nullable = false)
	private boolean publishNow;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	@Version
	private long version;

	@OneToMany(mappedBy = "post", cascade = CascadeType.ALL, orphanRemoval = true)
	@OrderBy("position")
	private List<PostAsset> assets = new ArrayList<>();

	@OneToMany(mappedBy = "post", cascade = CascadeType.ALL, orphanRemoval = true)
	@OrderBy("createdAt, id")
	private List<PostTarget> targets = new ArrayList<>();

	protected Post() {
	}

	public Post(UUID id, UUID workspaceId, UUID authorId, Instant now) {
		this.id = id;
		this.workspaceId = workspaceId;
		this.authorId = authorId;
		this.text = "";
		this.parts = "[]";
		this.status = PostStatus.DRAFT;
		this.createdAt = now;
		this.updatedAt = now;
	}

	public void setContent(String text, String partsJson, Instant now) {
		this.text = (text != null) ? text : "";
		this.parts = (partsJson != null) ? partsJson : "[]";
		this.updatedAt = now;
	}

	public void setSchedule(PostStatus status, Instant scheduledAt, String timeZone, LocalDateTime local,
			boolean publishNow, Instant now) {
		this.status = status;
		this.scheduledAt = scheduledAt;
		this.timeZone = timeZone;
		this.localScheduledAt = local;
		this.publishNow = publishNow;
		this.updatedAt = now;
	}

	public void setStatus(PostStatus status, Instant now) {
		this.status = status;
		this.updatedAt = now;
	}

	public UUID getId() {
		return this.id;
	}

	public UUID getWorkspaceId() {
		return this.workspaceId;
	}

	public UUID getAuthorId() {
		return this.authorId;
	}

	public String getText() {
		return this.text;
	}

	public String getParts() {
		return this.parts;
	}

	public PostStatus getStatus() {
		return this.status;
	}

	public Instant getScheduledAt() {
		return this.scheduledAt;
	}

	public String getTimeZone() {
		return this.timeZone;
	}

	public LocalDateTime getLocalScheduledAt() {
		return this.localScheduledAt;
	}

	public boolean isPublishNow() {
		return this.publishNow;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

	public long getVersion() {
		return this.version;
	}

	public List<PostAsset> getAssets() {
		return this.assets;
	}

	public List<PostTarget> getTargets() {
		return this.targets;
	}

}
