package io.herald.drivers.instagram;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
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

	private final GraphClient graph;

	RecentMedia(GraphClient graph) {
		this.graph = graph;
	}

	List<Post> list(AccountSession session) throws PublishException {
		JsonNode page = this.graph.get(session.remoteUserId() + "/media",
				Map.of("fields", "id,caption,media_type,timestamp,permalink", "limit", String.valueOf(PAGE_SIZE)),
				session.accessToken());
		List<Post> posts = new ArrayList<>();
		for (JsonNode node : page.path("data")) {
			Instant timestamp = parseTime(node.path("timestamp").asString(""));
			if (timestamp != null) {
				String permalink = node.path("permalink").asString("");
				posts.add(new Post(node.path("id").asString(""), node.path("caption").asString(""),
						node.path("media_type").asString(""), timestamp,
						permalink.isEmpty() ? null : URI.create(permalink)));
			}
		}
		return posts;
	}

	/**
	 * The oldest post since {@code since} with this caption and media type.
	 */
	Optional<Post> find(AccountSession session, String caption, String mediaType, Instant since)
			throws PublishException {
		String wanted = normalize(caption);
		Instant from = since.minus(CLOCK_SKEW);
		return list(session).stream()
			.filter((post) -> !post.timestamp().isBefore(from))
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
