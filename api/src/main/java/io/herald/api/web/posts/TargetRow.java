package io.herald.api.web.posts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One post's publication to one account.
 *
 * @param id the target
 * @param accountId the account
 * @param network the network
 * @param handle the account's handle
 * @param status the target's status
 * @param text the per-account text, or {@code null} for the post's
 * @param dueAt when it is due
 * @param attempts attempts made
 * @param nextAttemptAt when the next attempt is due, if retrying
 * @param remoteUrl the published post's URL
 * @param publishedAt when it was published
 * @param lastErrorKind the kind of the last error
 * @param lastError the network's last error message
 * @param history the attempts, oldest first
 */
public record TargetRow(UUID id, UUID accountId, String network, String handle, String status, String text,
		Instant dueAt, int attempts, Instant nextAttemptAt, String remoteUrl, Instant publishedAt, String lastErrorKind,
		String lastError, List<AttemptRow> history) {

	/**
	 * Attempts made, counting those the history shows (a retry starts the count anew).
	 */
	public int attemptsMade() {
		return Math.max(this.attempts, (this.history != null) ? this.history.size() : 0);
	}

	/**
	 * Whether it waits for a rate limit or publishing quota: not a failure, it goes out
	 * at {@code nextAttemptAt}.
	 */
	public boolean waiting() {
		return "SCHEDULED".equals(this.status) && "RATE_LIMITED".equals(this.lastErrorKind);
	}

	public boolean locked() {
		return "PUBLISHING".equals(this.status) || "PUBLISHED".equals(this.status);
	}

	TargetRow withHistory(List<AttemptRow> attempts) {
		return new TargetRow(this.id, this.accountId, this.network, this.handle, this.status, this.text, this.dueAt,
				this.attempts, this.nextAttemptAt, this.remoteUrl, this.publishedAt, this.lastErrorKind, this.lastError,
				attempts);
	}

}
