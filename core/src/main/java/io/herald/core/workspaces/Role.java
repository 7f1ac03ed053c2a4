package io.herald.core.workspaces;

/**
 * What a member may do in a workspace. Each role includes the ones below it.
 */
public enum Role {

	/** Reads everything. */
	VIEWER,

	/** Reads everything; approves or rejects posts in review. */
	REVIEWER,

	/** Writes posts, uploads media, connects accounts. */
	EDITOR,

	/** Everything, including members and API tokens of others. */
	OWNER;

	public boolean atLeast(Role other) {
		return compareTo(other) >= 0;
	}

}
