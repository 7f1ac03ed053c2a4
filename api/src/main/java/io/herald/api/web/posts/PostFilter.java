package io.herald.api.web.posts;

import java.time.LocalDate;
import java.util.UUID;

/**
 * The list's filters; every one optional.
 *
 * @param status a post or target status
 * @param account an account id
 * @param from first day (in the workspace zone)
 * @param to last day, inclusive
 * @param q text to search for
 */
public record PostFilter(String status, UUID account, LocalDate from, LocalDate to, String q) {

	public boolean any() {
		return this.status != null || this.account != null || this.from != null || this.to != null || this.q != null;
	}

}
