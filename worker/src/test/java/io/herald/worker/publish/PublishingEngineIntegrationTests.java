package io.herald.worker.publish;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.herald.drivers.sandbox.SandboxBackend;
import io.herald.drivers.sandbox.SandboxFault;
import io.herald.worker.api.PublicationScheduler;
import io.herald.worker.support.EngineIntegrationTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class PublishingEngineIntegrationTests extends EngineIntegrationTestSupport {

	private static final Instant NOON = Instant.parse("2026-06-01T12:00:00Z");

	@Autowired
	private PublicationScheduler scheduler;

	@Autowired
	private io.herald.core.media.MediaStore media;

	@Autowired
	private SandboxBackend sandbox;

	private UUID workspace;

	@BeforeEach
	void setUp() {
		this.clock.set(NOON);
		this.sandbox.clearFaults();
		this.workspace = this.fixtures.workspace();
	}

	@Test
	void publishes_a_target_when_due_and_not_before() {
		UUID account = this.fixtures.account(this.workspace, "alice", null);
		UUID post = this.fixtures.post(this.workspace, "Hello, world");
		UUID target = this.fixtures.target(this.workspace, post, account, NOON.plusSeconds(60));
		this.clock.set(NOON.plusSeconds(59));
		awaitDispatcherFires(3);
		assertThat(this.fixtures.status(target)).isEqualTo("SCHEDULED");
		assertThat(this.fixtures.publications(target)).isZero();
		this.clock.set(NOON.plusSeconds(60));
		awaitStatus(target, "PUBLISHED");
		Map<String, Object> row = this.fixtures.target(target);
		assertThat(row.get("remote_id")).asString().startsWith("sb-");
		assertThat(row.get("attempts")).isEqualTo(1);
		assertThat(row.get("lease_owner")).isNull();
		assertThat(this.fixtures.publications(target)).isOne();
		assertThat(this.fixtures.postStatus(post)).isEqualTo("DONE");
		assertThat(this.fixtures.jdbc()
			.queryForObject("SELECT outcome FROM publish_attempt WHERE target_id = ?", String.class, target))
			.isEqualTo("PUBLISHED");
	}

	@Test
	void does_not_publish_canceled_targets() {
		UUID account = this.fixtures.account(this.workspace, "bob", null);
		UUID post = this.fixtures.post(this.workspace, "Never mind");
		UUID canceled = this.fixtures.target(this.workspace, post, account, NOON.plusSeconds(10));
		UUID other = this.fixtures.target(this.workspace, this.fixtures.post(this.workspace, "Still on"), account,
				NOON.plusSeconds(10));
		this.fixtures.jdbc().update("UPDATE post_target SET status = 'CANCELED' WHERE id = ?", canceled);
		this.scheduler.canceled(List.of(canceled));
		this.clock.set(NOON.plusSeconds(10));
		awaitStatus(other, "PUBLISHED");
		awaitDispatcherFires(2);
		assertThat(this.fixtures.status(canceled)).isEqualTo("CANCELED");
		assertThat(this.fixtures.publications(canceled)).isZero();
	}

	@Test
	void honours_edits_made_before_the_due_time() {
		UUID account = this.fixtures.account(this.workspace, "carol", null);
		UUID post = this.fixtures.post(this.workspace, "First draft");
		UUID target = this.fixtures.target(this.workspace, post, account, NOON.plusSeconds(10));
		this.fixtures.jdbc()
			.update("UPDATE post SET text = 'Final words' WHERE id = ?; UPDATE post_target SET due_at = ? WHERE id = ?",
					post, NOON.plusSeconds(30).atOffset(java.time.ZoneOffset.UTC), target);
		this.clock.set(NOON.plusSeconds(20));
		awaitDispatcherFires(3);
		assertThat(this.fixtures.status(target)).isEqualTo("SCHEDULED");
		this.clock.set(NOON.plusSeconds(30));
		awaitStatus(target, "PUBLISHED");
		assertThat(this.fixtures.jdbc()
			.queryForObject("SELECT text FROM sandbox_publication WHERE target_id = ?", String.class,
					target.toString()))
			.isEqualTo("Final words");
	}

	@Test
	void publishes_the_targets_own_text_and_the_thread_parts() {
		UUID account = this.fixtures.account(this.workspace, "olga", null);
		UUID post = this.fixtures.post(this.workspace, "Base text");
		UUID target = this.fixtures.target(this.workspace, post, account, NOON.plusSeconds(5));
		this.fixtures.jdbc()
			.update("UPDATE post SET parts = '[{\"text\": \"second\"}, {\"text\": \"third\"}]' WHERE id = ?;"
					+ " UPDATE post_target SET text_override = 'Sandbox text' WHERE id = ?", post, target);
		this.clock.set(NOON.plusSeconds(5));
		awaitStatus(target, "PUBLISHED");
		Map<String, Object> stored = this.fixtures.jdbc()
			.queryForMap("SELECT text, array_to_string(thread_texts, '|') AS parts FROM sandbox_publication"
					+ " WHERE target_id = ?", target.toString());
		assertThat(stored).containsEntry("text", "Sandbox text").containsEntry("parts", "second|third");
	}

	@Test
	void publishes_media_from_the_object_store_with_their_alt_texts() {
		UUID account = this.fixtures.account(this.workspace, "pia", null);
		UUID post = this.fixtures.post(this.workspace, "With a picture");
		byte[] png = java.util.Base64.getDecoder()
			.decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
		String key = "test/" + UUID.randomUUID() + ".png";
		this.media.put(key, new java.io.ByteArrayInputStream(png), png.length, "image/png");
		UUID asset = UUID.randomUUID();
		this.fixtures.jdbc()
			.update("INSERT INTO asset (id, workspace_id, object_key, content_type, bytes, width, height, alt_text,"
					+ " status) VALUES (?, ?, ?, 'image/png', ?, 1, 1, 'Asset alt', 'READY')", asset, this.workspace,
					key, png.length);
		this.fixtures.jdbc()
			.update("INSERT INTO post_asset (post_id, position, asset_id, workspace_id, alt_text)"
					+ " VALUES (?, 0, ?, ?, 'A single red pixel')", post, asset, this.workspace);
		UUID target = this.fixtures.target(this.workspace, post, account, NOON);
		awaitStatus(target, "PUBLISHED");
		Map<String, Object> stored = this.fixtures.jdbc()
			.queryForMap("SELECT media_count, array_to_string(alt_texts, '|') AS alts FROM sandbox_publication"
					+ " WHERE target_id = ?", target.toString());
		assertThat(stored).containsEntry("media_count", 1).containsEntry("alts", "A single red pixel");
		// Due later than the clock, so the engine cannot claim the target before its
		// media are set.
		UUID missing = this.fixtures.target(this.workspace, this.fixtures.post(this.workspace, "Gone"), account,
				NOON.plusSeconds(5));
		this.fixtures.jdbc()
			.update("UPDATE post_target SET asset_ids = ?::jsonb WHERE id = ?",
					"[{\"assetId\": \"" + UUID.randomUUID() + "\"}]", missing);
		this.clock.set(NOON.plusSeconds(5));
		awaitStatus(missing, "FAILED");
		assertThat(this.fixtures.target(missing).get("last_error_kind")).isEqualTo("MEDIA_MISSING");
	}

	@Test
	void fails_refused_content_at_once_and_requeues_it_on_retry() {
		UUID account = this.fixtures.account(this.workspace, "dave", "invalid_content=next:1");
		UUID post = this.fixtures.post(this.workspace, "Refused once");
		UUID target = this.fixtures.target(this.workspace, post, account, NOON);
		awaitStatus(target, "FAILED");
		Map<String, Object> failed = this.fixtures.target(target);
		assertThat(failed.get("last_error_kind")).isEqualTo("INVALID_CONTENT");
		assertThat(failed.get("last_error")).asString().contains("refused");
		assertThat(failed.get("attempts")).isEqualTo(1);
		assertThat(this.fixtures.postStatus(post)).isEqualTo("DONE");
		this.clock.set(NOON.plus(Duration.ofDays(3)));
		assertThat(this.scheduler.requeueFailed(this.workspace, post)).isOne();
		awaitStatus(target, "PUBLISHED");
		assertThat(this.fixtures.publications(target)).isOne();
		assertThat(this.fixtures.postStatus(post)).isEqualTo("DONE");
	}

	@Test
	void retries_passing_failures_with_backoff() {
		UUID account = this.fixtures.account(this.workspace, "erin", "transient=next:2");
		UUID target = this.fixtures.target(this.workspace, this.fixtures.post(this.workspace, "Try again"), account,
				NOON);
		awaitRecorded(target, 1);
		Map<String, Object> waiting = this.fixtures.target(target);
		assertThat(waiting.get("status")).isEqualTo("SCHEDULED");
		assertThat(waiting.get("last_error_kind")).isEqualTo("TRANSIENT");
		Instant next = instant(waiting.get("next_attempt_at"));
		assertThat(next).isBetween(NOON.plusMillis(500), NOON.plusSeconds(1));
		this.clock.set(NOON.plusSeconds(1));
		awaitRecorded(target, 2);
		this.clock.set(NOON.plusSeconds(10));
		awaitStatus(target, "PUBLISHED");
		assertThat(this.fixtures.target(target).get("attempts")).isEqualTo(3);
		assertThat(this.fixtures.publications(target)).isOne();
	}

	@Test
	void gives_up_after_the_maximum_attempts_with_a_reason() {
		UUID account = this.fixtures.account(this.workspace, "frank", "transient=1");
		UUID target = this.fixtures.target(this.workspace, this.fixtures.post(this.workspace, "Doomed"), account, NOON);
		for (int i = 1; i <= 4 && !"FAILED".equals(this.fixtures.status(target)); i++) {
			int attempts = i;
			awaitRecorded(target, attempts);
			this.clock.advance(Duration.ofSeconds(5));
		}
		awaitStatus(target, "FAILED");
		Map<String, Object> row = this.fixtures.target(target);
		assertThat(row.get("attempts")).isEqualTo(4);
		assertThat(row.get("last_error")).asString().contains("after 4 attempts").contains("503");
	}

	@Test
	void honours_retry_after_and_shares_the_budget_across_the_account() {
		UUID account = this.fixtures.account(this.workspace, "gina", "rate_limited=next:1");
		UUID first = this.fixtures.target(this.workspace, this.fixtures.post(this.workspace, "One"), account, NOON);
		await("the expected state", () -> "RATE_LIMITED".equals(this.fixtures.target(first).get("last_error_kind")));
		UUID second = this.fixtures.target(this.workspace, this.fixtures.post(this.workspace, "Two"), account, NOON);
		// Claimed, then handed back until the reset without a call: no attempt used.
		await("the second target waits for the reset", () -> {
			Map<String, Object> row = this.fixtures.target(second);
			return "SCHEDULED".equals(row.get("status")) && row.get("next_attempt_at") != null;
		});
		assertThat(instant(this.fixtures.target(second).get("next_attempt_at"))).isEqualTo(NOON.plusSeconds(3));
		assertThat(this.fixtures.target(second).get("attempts")).isEqualTo(0);
		assertThat(this.fixtures.target(second).get("last_error_kind")).isEqualTo("RATE_LIMITED");
		assertThat(this.fixtures.target(second).get("last_error")).asString().contains("rate limit is used up");
		assertThat(this.fixtures.publications(second)).isZero();
		assertThat(instant(this.fixtures.target(first).get("next_attempt_at"))).isEqualTo(NOON.plusSeconds(3));
		this.clock.set(NOON.plusSeconds(3));
		awaitStatus(first, "PUBLISHED");
		awaitStatus(second, "PUBLISHED");
	}

	@Test
	void reconciles_an_unknown_outcome_instead_of_publishing_twice() {
		UUID account = this.fixtures.account(this.workspace, "hank", "unknown_outcome=next:1");
		UUID target = this.fixtures.target(this.workspace, this.fixtures.post(this.workspace, "Lost answer"), account,
				NOON);
		await("the expected state",
				() -> "UNKNOWN_OUTCOME".equals(this.fixtures.target(target).get("last_error_kind")));
		assertThat(this.fixtures.target(target).get("uncertain_since")).isNotNull();
		this.clock.advance(Duration.ofSeconds(5));
		awaitStatus(target, "PUBLISHED");
		assertThat(this.fixtures.publications(target)).isOne();
		assertThat(this.fixtures.target(target).get("attempts")).isEqualTo(1);
	}

	@Test
	void reconciles_targets_whose_node_died_mid_call() {
		UUID account = this.fixtures.account(this.workspace, "ivy", null);
		// Due after the clock, so no dispatcher claims them before they look mid-call.
		UUID published = this.fixtures.target(this.workspace, this.fixtures.post(this.workspace, "Made it"), account,
				NOON.plusSeconds(5));
		UUID lost = this.fixtures.target(this.workspace, this.fixtures.post(this.workspace, "Did not"), account,
				NOON.plusSeconds(5));
		for (UUID id : List.of(published, lost)) {
			this.fixtures.jdbc()
				.update("UPDATE post_target SET status = 'PUBLISHING', lease_owner = 'dead-node', lease_until = ?,"
						+ " attempts = 1, uncertain_since = ? WHERE id = ?", NOON.plusSeconds(5).atOffset(UTC),
						NOON.atOffset(UTC), id);
		}
		String remote = this.fixtures.jdbc()
			.queryForObject("SELECT remote_user_id FROM account WHERE id = ?", String.class, account);
		this.fixtures.jdbc()
			.update("INSERT INTO sandbox_publication (account_remote_id, idempotency_key, target_id, text, created_at)"
					+ " VALUES (?, ?, ?, 'Made it', ?)", remote, "tk-" + published, published.toString(),
					NOON.atOffset(UTC));
		awaitDispatcherFires(3);
		assertThat(this.fixtures.status(published)).isEqualTo("PUBLISHING");
		this.clock.set(NOON.plusSeconds(6));
		awaitStatus(published, "PUBLISHED");
		awaitStatus(lost, "PUBLISHED");
		assertThat(this.fixtures.publications(published)).isOne();
		assertThat(this.fixtures.publications(lost)).isOne();
		assertThat(this.fixtures.target(published).get("attempts")).isEqualTo(1);
		assertThat(this.fixtures.target(lost).get("attempts")).isEqualTo(2);
	}

	@Test
	void fails_visibly_when_too_late_to_publish() {
		UUID account = this.fixtures.account(this.workspace, "jack", null);
		UUID post = this.fixtures.post(this.workspace, "Yesterday's news");
		UUID late = this.fixtures.target(this.workspace, post, account, NOON.minus(Duration.ofHours(2)));
		UUID onTime = this.fixtures.target(this.workspace, this.fixtures.post(this.workspace, "Fresh"), account,
				NOON.minus(Duration.ofMinutes(30)));
		awaitStatus(late, "FAILED");
		awaitStatus(onTime, "PUBLISHED");
		Map<String, Object> row = this.fixtures.target(late);
		assertThat(row.get("last_error_kind")).isEqualTo("LATE");
		assertThat(row.get("last_error")).asString().contains("maximum lateness");
		assertThat(this.fixtures.publications(late)).isZero();
		assertThat(this.fixtures.postStatus(post)).isEqualTo("DONE");
	}

	@Test
	void marks_the_account_for_reconnect_when_access_is_revoked() {
		UUID account = this.fixtures.account(this.workspace, "kim", "auth_revoked=next:1");
		UUID target = this.fixtures.target(this.workspace, this.fixtures.post(this.workspace, "No access"), account,
				NOON);
		awaitStatus(target, "FAILED");
		assertThat(this.fixtures.target(target).get("last_error")).asString().contains("reconnect");
		assertThat(
				this.fixtures.jdbc().queryForObject("SELECT status FROM account WHERE id = ?", String.class, account))
			.isEqualTo("NEEDS_RECONNECT");
		UUID next = this.fixtures.target(this.workspace, this.fixtures.post(this.workspace, "Still no access"), account,
				NOON);
		awaitStatus(next, "FAILED");
		assertThat(this.fixtures.target(next).get("last_error_kind")).isEqualTo("ACCOUNT_NEEDS_RECONNECT");
	}

	@Test
	void refreshes_an_expired_session_once_then_publishes() {
		UUID account = this.fixtures.account(this.workspace, "lee", null, NOON.minusSeconds(1));
		UUID target = this.fixtures.target(this.workspace, this.fixtures.post(this.workspace, "Fresh token"), account,
				NOON);
		awaitStatus(target, "PUBLISHED");
		assertThat(this.fixtures.target(target).get("attempts")).isEqualTo(2);
		assertThat(this.fixtures.jdbc()
			.queryForObject("SELECT token_expires_at FROM account WHERE id = ?", java.time.OffsetDateTime.class,
					account)
			.toInstant()).isAfter(NOON);
	}

	@Test
	void resumes_publications_that_are_still_processing() {
		UUID account = this.fixtures.account(this.workspace, "mia", "processing=next:1");
		UUID target = this.fixtures.target(this.workspace, this.fixtures.post(this.workspace, "Big video"), account,
				NOON);
		await("the expected state", () -> this.fixtures.target(target).get("in_progress_token") != null);
		assertThat(this.fixtures.status(target)).isEqualTo("SCHEDULED");
		assertThat(this.fixtures.publications(target)).isZero();
		this.clock.advance(Duration.ofSeconds(1));
		awaitStatus(target, "PUBLISHED");
		assertThat(this.fixtures.publications(target)).isOne();
	}

	@Test
	void polls_a_long_processing_publication_without_using_up_the_attempts() {
		UUID account = this.fixtures.account(this.workspace, "reel", "processing=next:8");
		UUID target = this.fixtures.target(this.workspace, this.fixtures.post(this.workspace, "Long reel"), account,
				NOON);
		for (int poll = 1; poll <= 8; poll++) {
			int polls = poll;
			await("poll " + polls + " is recorded",
					() -> attemptRows(target) >= polls && "SCHEDULED".equals(this.fixtures.status(target)));
			assertThat(this.fixtures.target(target).get("attempts")).isEqualTo(0);
			this.clock.advance(Duration.ofSeconds(1));
		}
		awaitStatus(target, "PUBLISHED");
		assertThat(this.fixtures.publications(target)).isOne();
		assertThat(attemptRows(target)).isEqualTo(9);
	}

	@Test
	void waits_for_a_rate_limit_past_the_maximum_lateness_with_the_reason_shown_then_publishes() {
		UUID account = this.fixtures.account(this.workspace, "quota", "rate_limited=next:1");
		// due so long ago that the limit frees after the maximum lateness (1 h here)
		UUID target = this.fixtures.target(this.workspace, this.fixtures.post(this.workspace, "Over quota"), account,
				NOON.minus(Duration.ofHours(1)).plusSeconds(1));
		await("the target waits for the limit",
				() -> "RATE_LIMITED".equals(this.fixtures.target(target).get("last_error_kind")));
		Map<String, Object> waiting = this.fixtures.target(target);
		assertThat(waiting.get("status")).isEqualTo("SCHEDULED");
		assertThat(waiting.get("attempts")).isEqualTo(0);
		assertThat(waiting.get("last_error")).asString().contains("429");
		assertThat(instant(waiting.get("next_attempt_at"))).isEqualTo(NOON.plusSeconds(3));
		// a passing error once the limit freed is retried: the lateness counts from the
		// wait's end
		this.sandbox.failNext(SandboxFault.TRANSIENT, 1);
		this.clock.set(NOON.plusSeconds(3));
		await("the passing error is recorded",
				() -> "TRANSIENT".equals(this.fixtures.target(target).get("last_error_kind")));
		assertThat(this.fixtures.status(target)).isEqualTo("SCHEDULED");
		this.clock.set(NOON.plusSeconds(10));
		awaitStatus(target, "PUBLISHED");
		assertThat(this.fixtures.publications(target)).isOne();
	}

	@Test
	void uses_the_workspaces_own_maximum_lateness() {
		UUID account = this.fixtures.account(this.workspace, "patient", null);
		this.fixtures.jdbc()
			.update("UPDATE workspace SET max_lateness_seconds = ? WHERE id = ?", Duration.ofHours(3).toSeconds(),
					this.workspace);
		// the node allows 1 h here; the workspace allows 3 h
		UUID target = this.fixtures.target(this.workspace, this.fixtures.post(this.workspace, "Better late"), account,
				NOON.minus(Duration.ofHours(2)));
		awaitStatus(target, "PUBLISHED");
		assertThat(this.fixtures.publications(target)).isOne();
	}

	private int attemptRows(UUID target) {
		return this.fixtures.jdbc()
			.queryForObject("SELECT count(*) FROM publish_attempt WHERE target_id = ? AND finished_at IS NOT NULL",
					Integer.class, target);
	}

	@Test
	void fires_at_the_documented_instant_around_dst_changes() {
		UUID account = this.fixtures.account(this.workspace, "nina", null);
		// What the API stores for a local time: java.time's rules (a gap moves forward by
		// the gap's length, an overlap takes the earlier offset).
		List<ZonedDateTime> locals = List.of(
				ZonedDateTime.of(LocalDateTime.parse("2026-03-29T02:30"), ZoneId.of("Europe/Berlin")),
				ZonedDateTime.of(LocalDateTime.parse("2026-10-25T02:30"), ZoneId.of("Europe/Berlin")),
				ZonedDateTime.of(LocalDateTime.parse("2026-03-08T02:30"), ZoneId.of("America/New_York")),
				ZonedDateTime.of(LocalDateTime.parse("2026-11-01T01:30"), ZoneId.of("America/New_York")));
		List<Instant> documented = List.of(Instant.parse("2026-03-29T01:30:00Z"), Instant.parse("2026-10-25T00:30:00Z"),
				Instant.parse("2026-03-08T07:30:00Z"), Instant.parse("2026-11-01T05:30:00Z"));
		for (int i = 0; i < locals.size(); i++) {
			Instant due = locals.get(i).toInstant();
			assertThat(due).isEqualTo(documented.get(i));
			this.clock.set(due.minusMillis(1));
			UUID target = this.fixtures.target(this.workspace, this.fixtures.post(this.workspace, "DST " + i), account,
					due);
			awaitDispatcherFires(2);
			assertThat(this.fixtures.status(target)).isEqualTo("SCHEDULED");
			this.clock.set(due);
			awaitStatus(target, "PUBLISHED");
		}
	}

	/** Waits until an attempt's outcome is written (the target left PUBLISHING). */
	private void awaitRecorded(UUID target, int attempts) {
		await("attempt " + attempts + " of " + target + " is recorded", () -> {
			Map<String, Object> row = this.fixtures.target(target);
			return (int) row.get("attempts") >= attempts && !"PUBLISHING".equals(row.get("status"));
		});
	}

	private static Instant instant(Object timestamp) {
		return ((java.sql.Timestamp) timestamp).toInstant();
	}

	private static final java.time.ZoneOffset UTC = java.time.ZoneOffset.UTC;

}
