package io.herald.core.posts;

import java.io.Serializable;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** One media item of a post's base version, in order, with this post's alt text. */
@Entity
@Table(name = "post_asset")
@IdClass(PostAsset.Key.class)
public class PostAsset {

	@Id
	@ManyToOne
	@JoinColumn(name = "post_id")
	private Post post;

	@Id
	private int position;

	@Column(name = "asset_id", nullable = false)
	private UUID assetId;

	@Column(name = "workspace_id", nullable = false)
	private UUID workspaceId;

	@Column(name = "alt_text")
	private String altText;

	protected PostAsset() {
	}

	public PostAsset(Post post, int position, UUID assetId, String altText) {
		this.post = post;
		this.position = position;
		this.assetId = assetId;
		this.workspaceId = post.getWorkspaceId();
		this.altText = altText;
	}

	public int getPosition() {
		return this.position;
	}

	public UUID getAssetId() {
		return this.assetId;
	}

	public String getAltText() {
		return this.altText;
	}

	/** The composite key (post, position). */
	public static class Key implements Serializable {

		private static final long serialVersionUID = 1L;

		private UUID post;

		private int position;

		public Key() {
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Key key && key.position == this.position && key.post.equals(this.post);
		}

		@Override
		public int hashCode() {
			return this.post.hashCode() * 31 + this.position;
		}

	}

}
