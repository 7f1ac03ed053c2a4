package io.herald.drivers.instagram;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.herald.drivers.spi.AccountSession;
import io.herald.drivers.spi.PublishException;
import tools.jackson.databind.JsonNode;

/**
 * Reads an account's latest posts, to recognise a publication whose outcome Herald did
 * not see (a crash after {@code media_publish}, a timeout) by its caption and time.
 */
final class RecentMedia {

	/** Instagram writes {@code 2024-05-01T12:00:00+0000}. */
	private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXX");

	/** Instagram's clock and ours differ; a post may carry a slightly earlier time. */
	private static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

	private static final int PAGE_SIZE = 50;

	/**
	 * Bounds the reading: 500 posts cover the 24-hour publishing window (at most 100 API
	 * posts) with room for posts made in the app.
	 */
	private static final int MAX_PAGES = 10;

	private final GraphClient graph;

	RecentMedia(GraphClient graph) {
		this.graph = graph;
	}

	/**
	 * The account's posts published since {@code since}, newest first. Instagram lists
	 * {@code /media} newest first in pages, so this follows the {@code after} cursor
	 * while a {@code paging.next} page exists and the oldest post read is still inside
	 * the period: with 100 posts in the publishing window, the first page alone would
	 * hide the oldest half.
	 * @param session the account
	 * @param since the start of the period
	 * @return the posts, at most {@value #MAX_PAGES} pages of them
	 */
	List<Post> since(AccountSession session, Instant since) throws PublishException {
		List<Post> posts = new ArrayList<>();
		String after = null;
		for (int page = 0; page < MAX_PAGES; page++) {
			Map<String, String> query = new LinkedHashMap<>();
			query.put("fields", "id,caption,media_type,timestamp,permalink");
			query.put("limit", String.valueOf(PAGE_SIZE));
			if (after != null) {
				query.put("after", after);
			}
			JsonNode body = this.graph.get(session.remoteUserId() + "/media", query, session.accessToken());
			boolean reachedOlder = false;
			for (JsonNode node : body.path("data")) {
				Post post = post(node);
				if (post != null) {
					reachedOlder |= post.timestamp().isBefore(since);
					posts.add(post);
				}
			}
			JsonNode paging = body.path("paging");
			after = paging.path("cursors").path("after").asString("");
			if (reachedOlder || !paging.hasNonNull("next") || after.isEmpty()) {
				break;
			}
		}
		return posts.stream().filter((post) -> !post.timestamp().isBefore(since)).toList();
	}

	private static Post post(JsonNode node) {
		Instant timestamp = parseTime(node.path("timestamp").asString(""));
		if (timestamp == null) {
			return null;
		}
		String permalink = node.path("permalink").asString("");
		return new Post(node.path("id").asString(""), node.path("caption").asString(""),
				node.path("media_type").asString(""), timestamp, permalink.isEmpty() ? null : URI.create(permalink));
	}

	/**
	 * The oldest post since {@code since} with this caption and media type.
	 */
	Optional<Post> find(AccountSession session, String caption, String mediaType, Instant since)
			throws PublishException {
		String wanted = normalize(caption);
		Instant from = since.minus(CLOCK_SKEW);
		return since(session, from).stream()
			.filter((post) -> normalize(post.caption()).equals(wanted))
			.filter((post) -> mediaType == null || post.mediaType().isEmpty() || post.mediaType().equals(mediaType))
			.min(Comparator.comparing(Post::timestamp));
	}

	static Instant parseTime(String text) {
		try {
			return OffsetDateTime.parse(text, GRAPH_TIME).toInstant();
		}
		catch (DateTimeParseException ex) {
			try {
				return OffsetDateTime.parse(text).toInstant();
			}
			catch (DateTimeParseException again) {
				return null;
			}
		}
	}

	static String format(Instant instant) {
		return GRAPH_TIME.format(instant.atOffset(java.time.ZoneOffset.UTC));
	}

	private static String normalize(String caption) {
		return (caption != null) ? caption.replace("\r\n", "\n").strip() : "";
	}

	/**
	 * One post of the account.
	 *
	 * @param id the media id
	 * @param caption the caption, empty when none
	 * @param mediaType {@code IMAGE}, {@code VIDEO} or {@code CAROUSEL_ALBUM}
	 * @param timestamp when it was published
	 * @param permalink its public URL, or {@code null}
	 */
	record Post(String id, String caption, String mediaType, Instant timestamp, URI permalink) {
	}

}
