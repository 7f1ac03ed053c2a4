package io.herald.api.posts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.herald.api.posts.PostPayloads.MediaRef;
import io.herald.api.posts.PostPayloads.Part;
import io.herald.api.posts.PostPayloads.PostRequest;
import io.herald.api.posts.PostPayloads.TargetIssue;
import io.herald.api.posts.PostPayloads.TargetRequest;
import io.herald.api.problems.ApiException;

import org.springframework.stereotype.Component;

/**
 * The post operations the web UI uses: the same service, and so the same rules, as the
 * REST API, behind types the UI can build.
 */
@Component
public class PostOperations {

	private final PostService posts;

	PostOperations(PostService posts) {
		this.posts = posts;
	}

	/**
	 * Creates a post (scheduled, published now, or a draft).
	 * @param workspaceId the workspace
	 * @param authorId the author
	 * @param draft what the user composed
	 * @return the new post's id
	 */
	public UUID create(UUID workspaceId, UUID authorId, Composed draft) {
		return this.posts.create(workspaceId, authorId, request(draft)).getId();
	}

	/**
	 * Checks the composed post against every target network's rules.
	 * @param workspaceId the workspace
	 * @param draft what the user composed
	 * @return the problems found, empty when valid
	 */
	public List<Issue> validate(UUID workspaceId, Composed draft) {
		return this.posts.validate(workspaceId, request(draft))
			.stream()
			.map((i) -> new Issue(i.accountId(), i.network(), i.field(), i.code(), i.message()))
			.toList();
	}

	/**
	 * Moves a post to another local time, with the same checks as any edit.
	 * @param workspaceId the workspace
	 * @param postId the post
	 * @param version the version the user saw
	 * @param localDateTime the new local date-time, {@code yyyy-MM-ddTHH:mm}
	 * @param timeZone the zone it is read in
	 * @return when it goes out now (later than the local time in a DST gap)
	 */
	public Instant reschedule(UUID workspaceId, UUID postId, long version, String localDateTime, String timeZone) {
		return this.posts
			.update(workspaceId, postId, version,
					new PostPayloads.PostPatch(null, null, null, null, localDateTime, timeZone, false, null))
			.getScheduledAt();
	}

	/**
	 * Cancels a scheduled post or deletes a draft.
	 * @param workspaceId the workspace
	 * @param postId the post
	 */
	public void cancel(UUID workspaceId, UUID postId) {
		this.posts.cancelOrDelete(workspaceId, postId);
	}

	/**
	 * The per-target problems a refused create carries, if any.
	 * @param refused the exception the create threw
	 * @return the problems, empty when it carries none
	 */
	public static List<Issue> issues(ApiException refused) {
		Object errors = refused.properties().get("errors");
		if (!(errors instanceof List<?> list)) {
			return List.of();
		}
		return list.stream().map((item) -> {
			if (item instanceof TargetIssue i) {
				return new Issue(i.accountId(), i.network(), i.field(), i.code(), i.message());
			}
			if (item instanceof Map<?, ?> map) {
				return new Issue(null, null, String.valueOf(map.get("field")), null,
						map.get("field") + " " + map.get("message"));
			}
			return new Issue(null, null, null, null, String.valueOf(item));
		}).toList();
	}

	private static PostRequest request(Composed draft) {
		List<Part> parts = draft.parts().isEmpty() ? null
				: draft.parts().stream().map((text) -> new Part(text, null)).toList();
		List<TargetRequest> targets = draft.accountIds()
			.stream()
			.map((id) -> new TargetRequest(id, draft.variants().get(id), null, null))
			.toList();
		List<MediaRef> media = draft.media().isEmpty() ? null
				: draft.media().stream().map((m) -> new MediaRef(m.assetId(), m.altText())).toList();
		return new PostRequest(draft.text(), media, parts, targets, draft.scheduledAt(), draft.timeZone(),
				draft.publishNow(), draft.draft());
	}

	/**
	 * A post as composed in the UI.
	 *
	 * @param text the base text
	 * @param media uploaded assets with their alt text, in order
	 * @param parts further thread parts
	 * @param accountIds the accounts to publish to
	 * @param variants per-account text overriding the base text
	 * @param scheduledAt a local date-time read in {@code timeZone}, or {@code null}
	 * @param timeZone the IANA zone the time was entered in
	 * @param publishNow publish at once
	 * @param draft save without scheduling
	 */
	public record Composed(String text, List<Media> media, List<String> parts, List<UUID> accountIds,
			Map<UUID, String> variants, String scheduledAt, String timeZone, boolean publishNow, boolean draft) {
	}

	/**
	 * An uploaded asset on the post.
	 *
	 * @param assetId the asset
	 * @param altText its description, or {@code null}
	 */
	public record Media(UUID assetId, String altText) {
	}

	/**
	 * One broken rule for one target account.
	 *
	 * @param accountId the account
	 * @param network the network
	 * @param field the field, such as {@code text} or {@code thread[0].text}
	 * @param code a stable code
	 * @param message a readable message
	 */
	public record Issue(UUID accountId, String network, String field, String code, String message) {
	}

}
