package io.herald.api.web.posts;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A post as the list, detail and calendar pages show it.
 *
 * @param id the post
 * @param status the post's status
 * @param text the base text
 * @param parts further thread parts
 * @param scheduledAt when it publishes, or {@code null}
 * @param timeZone the zone it was scheduled in
 * @param localScheduledAt the wall-clock time entered, or {@code null}
 * @param publishNow whether it was sent with "publish now"
 * @param createdAt when it was created
 * @param version the version (for the REST API's If-Match)
 * @param targets the accounts it goes to
 */
public record PostRow(UUID id, String status, String text, List<String> parts, Instant scheduledAt, String timeZone,
		LocalDateTime localScheduledAt, boolean publishNow, Instant createdAt, long version, List<TargetRow> targets) {

	public boolean cancelable() {
		return ("SCHEDULED".equals(this.status) || "DRAFT".equals(this.status))
				&& this.targets.stream().noneMatch((t) -> t.locked());
	}

	public boolean retryable() {
		return this.targets.stream().anyMatch((t) -> "FAILED".equals(t.status()));
	}

	public boolean active() {
		return this.targets.stream().anyMatch((t) -> "SCHEDULED".equals(t.status()) || "PUBLISHING".equals(t.status()));
	}

}
