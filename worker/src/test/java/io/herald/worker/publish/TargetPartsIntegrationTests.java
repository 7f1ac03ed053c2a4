package io.herald.worker.publish;

import java.time.Instant;
import java.util.UUID;

import io.herald.worker.support.EngineIntegrationTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the engine publishes for a target's {@code parts}, by the rule validation uses
 * too: none (NULL) inherits the post's, an empty list is no thread, a list is its own.
 */
class TargetPartsIntegrationTests extends EngineIntegrationTestSupport {

	private static final Instant NOON = Instant.parse("2026-06-01T12:00:00Z");

	@Test
	void a_target_publishes_the_posts_parts_its_own_parts_or_no_thread_for_an_empty_list() {
		this.clock.set(NOON);
		UUID workspace = this.fixtures.workspace();
		UUID post = this.fixtures.post(workspace, "Thread start");
		this.fixtures.jdbc().update("UPDATE post SET parts = '[{\"text\": \"second\"}]' WHERE id = ?", post);
		// Not due until their parts are set, so the engine cannot claim one before that.
		Instant later = NOON.plusSeconds(3600);
		UUID inherits = this.fixtures.target(workspace, post, this.fixtures.account(workspace, "inherits", null),
				later);
		UUID none = this.fixtures.target(workspace, post, this.fixtures.account(workspace, "no-thread", null), later);
		UUID own = this.fixtures.target(workspace, post, this.fixtures.account(workspace, "own-thread", null), later);
		this.fixtures.jdbc()
			.update("UPDATE post_target SET parts = '[]' WHERE id = ?;"
					+ " UPDATE post_target SET parts = '[{\"text\": \"own\"}]' WHERE id = ?", none, own);
		this.clock.set(later);
		awaitStatus(inherits, "PUBLISHED");
		awaitStatus(none, "PUBLISHED");
		awaitStatus(own, "PUBLISHED");
		assertThat(thread(inherits)).isEqualTo("second");
		assertThat(thread(none)).isEmpty();
		assertThat(thread(own)).isEqualTo("own");
	}

	private String thread(UUID target) {
		return this.fixtures.jdbc()
			.queryForObject("SELECT coalesce(array_to_string(thread_texts, '|'), '') FROM sandbox_publication"
					+ " WHERE target_id = ?", String.class, target.toString());
	}

}
