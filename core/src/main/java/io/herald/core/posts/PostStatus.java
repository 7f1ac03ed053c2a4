package io.herald.core.posts;

/** Where a post is in its life. */
public enum PostStatus {

	DRAFT, IN_REVIEW, APPROVED, SCHEDULED, DONE, CANCELED;

	public boolean editable() {
		return this == DRAFT || this == IN_REVIEW || this == APPROVED || this == SCHEDULED;
	}

}
