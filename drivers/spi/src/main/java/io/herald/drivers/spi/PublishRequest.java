package io.herald.drivers.spi;

import java.util.List;

/**
 * One publication for one account.
 *
 * @param targetId Herald's id of the post target being published
 * @param idempotencyKey stable per target across every retry; drivers derive network-side
 * keys (record keys, container ids) from it where the network allows
 * @param text the text of the first (or only) part
 * @param media the media of the first part, in order
 * @param thread further parts, published as replies to the previous part
 * @param replyToRemoteId the network id of a post to reply to, or {@code null}
 * @param quoteRemoteId the network id of a post to quote, or {@code null}
 * @param firstComment a comment to add after publishing, or {@code null}
 * @param langs BCP-47 language tags of the text, possibly empty
 */
public record PublishRequest(String targetId, String idempotencyKey, String text, List<MediaItem> media,
		List<ThreadPart> thread, String replyToRemoteId, String quoteRemoteId, String firstComment,
		List<String> langs) {

	public PublishRequest {
		text = (text != null) ? text : "";
		media = (media != null) ? List.copyOf(media) : List.of();
		thread = (thread != null) ? List.copyOf(thread) : List.of();
		langs = (langs != null) ? List.copyOf(langs) : List.of();
	}

	/**
	 * A text-only request.
	 * @param targetId the target id
	 * @param idempotencyKey the idempotency key
	 * @param text the text
	 * @return the request
	 */
	public static PublishRequest text(String targetId, String idempotencyKey, String text) {
		return new PublishRequest(targetId, idempotencyKey, text, List.of(), List.of(), null, null, null, List.of());
	}

	/**
	 * This request with other media.
	 * @param media the media
	 * @return a copy with the media replaced
	 */
	public PublishRequest withMedia(List<MediaItem> media) {
		return new PublishRequest(this.targetId, this.idempotencyKey, this.text, media, this.thread,
				this.replyToRemoteId, this.quoteRemoteId, this.firstComment, this.langs);
	}

	/**
	 * This request with further thread parts.
	 * @param thread the parts after the first
	 * @return a copy with the thread replaced
	 */
	public PublishRequest withThread(List<ThreadPart> thread) {
		return new PublishRequest(this.targetId, this.idempotencyKey, this.text, this.media, thread,
				this.replyToRemoteId, this.quoteRemoteId, this.firstComment, this.langs);
	}

	/**
	 * One further part of a thread.
	 *
	 * @param text the part's text
	 * @param media the part's media
	 */
	public record ThreadPart(String text, List<MediaItem> media) {

		public ThreadPart {
			text = (text != null) ? text : "";
			media = (media != null) ? List.copyOf(media) : List.of();
		}

	}

}
