package io.herald.core.posts;

/** Where one post's publication to one account is. */
public enum TargetStatus {

	DRAFT, SCHEDULED, PUBLISHING, PUBLISHED, FAILED, CANCELED;

	/** A target the engine is working on or has finished can no longer change. */
	public boolean locked() {
		return this == PUBLISHING || this == PUBLISHED;
	}

}
