package io.herald.worker.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A target this node holds a lease on, with what publishing it needs.
 *
 * @param id the target id
 * @param workspaceId the workspace
 * @param postId the post
 * @param accountId the account to publish as
 * @param network the network id
 * @param dueAt when it is due
 * @param attempts calls made so far
 * @param idempotencyKey the target's idempotency key
 * @param inProgressToken a token to resume, or {@code null}
 * @param uncertainSince when a call with unknown outcome started, or {@code null}
 * @param lastError the last error message, or {@code null}
 * @param text the text to publish (the target's override or the post's text)
 * @param partsJson further thread parts as JSON (the target's override or the post's)
 * @param assetsJson the media as JSON: the target's own, or the post's (the claim reads
 * them)
 * @param accountStatus the account's status
 * @param accountStatusReason why the account has that status, or {@code null}
 * @param leaseUntil when the lease ends
 * @param claimedAt when it was claimed
 * @param budgeted whether the account had a live rate budget when it was claimed
 * @param sealedSession the account's encrypted session as stored, or {@code null}
 * @param waitedUntil when the rate-limit wait it comes back from ended, or {@code null}
 * @param maxLateness the workspace's maximum lateness, or {@code null} for the node's
 */
public record ClaimedTarget(UUID id, UUID workspaceId, UUID postId, UUID accountId, String network, Instant dueAt,
		int attempts, String idempotencyKey, String inProgressToken, Instant uncertainSince, String lastError,
		String text, String partsJson, String assetsJson, String accountStatus, String accountStatusReason,
		Instant leaseUntil, Instant claimedAt, boolean budgeted, byte[] sealedSession, Instant waitedUntil,
		Duration maxLateness) {

	TargetSnapshot snapshot(int attempts) {
		Instant lateFrom = (this.inProgressToken != null) ? null
				: (this.waitedUntil != null && this.waitedUntil.isAfter(this.dueAt)) ? this.waitedUntil : this.dueAt;
		return new TargetSnapshot(this.dueAt, attempts, this.lastError, lateFrom, this.maxLateness);
	}

	/** Log context; never contains text or tokens. */
	@Override
	public String toString() {
		return "target " + this.id + " (post " + this.postId + ", " + this.network + " account " + this.accountId + ")";
	}

}
