package io.herald.core.workspaces;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

@Entity
@Table(name = "membership")
public class Membership {

	@EmbeddedId
	private Key id;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private Role role;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	protected Membership() {
	}

	public Membership(UUID workspaceId, UUID userId, Role role, Instant createdAt) {
		this.id = new Key(workspaceId, userId);
		this.role = role;
		this.createdAt = createdAt;
	}

	public UUID getWorkspaceId() {
		return this.id.workspaceId;
	}

	public UUID getUserId() {
		return this.id.userId;
	}

	public Role getRole() {
		return this.role;
	}

	/** The composite key (workspace, user). */
	@Embeddable
	public static class Key implements Serializable {

		private static final long serialVersionUID = 1L;

		@Column(name = "workspace_id")
		private UUID workspaceId;

		@Column(name = "user_id")
		private UUID userId;

		protected Key() {
		}

		public Key(UUID workspaceId, UUID userId) {
			this.workspaceId = workspaceId;
			this.userId = userId;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Key key && key.workspaceId.equals(this.workspaceId)
					&& key.userId.equals(this.userId);
		}

		@Override
		public int hashCode() {
			return this.workspaceId.hashCode() * 31 + this.userId.hashCode();
		}

	}

}
