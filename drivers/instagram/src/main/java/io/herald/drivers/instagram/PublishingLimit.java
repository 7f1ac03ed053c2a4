package io.herald.drivers.instagram;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;

import io.herald.drivers.spi.AccountSession;
import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.PublishException;
import io.herald.drivers.spi.RateBudget;
import tools.jackson.databind.JsonNode;

/**
 * The account's content-publishing quota ({@code GET
 * /{ig-user-id}/content_publishing_limit}): a number of API-published posts per moving
 * 24-hour window, carousels counting once. The window is rolling, so the next free slot
 * comes when the oldest post in it turns 24 hours old.
 */
final class PublishingLimit {

	static final String SCOPE = "posts-24h";

	private static final Duration MIN_WAIT = Duration.ofMinutes(1);

	private final GraphClient graph;

	private final RecentMedia recentMedia;

	private final Clock clock;

	private final int fallbackLimit;

	private final Duration fallbackWait;

	PublishingLimit(GraphClient graph, RecentMedia recentMedia, Clock clock, int fallbackLimit, Duration fallbackWait) {
		this.graph = graph;
		this.recentMedia = recentMedia;
		this.clock = clock;
		this.fallbackLimit = fallbackLimit;
		this.fallbackWait = fallbackWait;
	}

	/**
	 * Reads the quota and refuses when it is used up.
	 * @return the budget left, before this publication
	 * @throws PublishException {@link ErrorKind#RATE_LIMITED} until the window frees a
	 * slot
	 */
	RateBudget check(AccountSession session) throws PublishException {
		Usage usage = read(session);
		Instant now = this.clock.instant();
		if (usage.used() < usage.limit()) {
			return new RateBudget(SCOPE, usage.limit() - usage.used(), usage.limit(), now.plus(usage.window()));
		}
		throw exhausted(session, usage, "This account published " + usage.used() + " of its " + usage.limit()
				+ " API posts in the last 24 hours.");
	}

	/**
	 * The exception for a publish call Instagram refused for the quota.
	 */
	PublishException exhausted(AccountSession session, String networkMessage) {
		Usage usage;
		try {
			usage = read(session);
		}
		catch (PublishException ex) {
			usage = new Usage(this.fallbackLimit, this.fallbackLimit, Duration.ofDays(1));
		}
		return exhausted(session, usage, networkMessage);
	}

	private PublishException exhausted(AccountSession session, Usage usage, String message) {
		Instant retryAt = freesAt(session, usage.window());
		return new PublishException(ErrorKind.RATE_LIMITED, message, retryAt, null,
				String.valueOf(GraphErrors.PUBLISHING_LIMIT), new RateBudget(SCOPE, 0, usage.limit(), retryAt), null);
	}

	private Usage read(AccountSession session) throws PublishException {
		JsonNode data = this.graph
			.get(session.remoteUserId() + "/content_publishing_limit", Map.of("fields", "quota_usage,config"),
					session.accessToken())
			.path("data")
			.path(0);
		int used = data.path("quota_usage").asInt(0);
		int limit = data.path("config").path("quota_total").asInt(this.fallbackLimit);
		long seconds = data.path("config").path("quota_duration").asLong(Duration.ofDays(1).toSeconds());
		return new Usage(used, (limit > 0) ? limit : this.fallbackLimit, Duration.ofSeconds(Math.max(seconds, 60)));
	}

	/**
	 * The oldest post inside the window leaves it first. Posts made in the app count for
	 * nothing but cannot be told apart; guessing too early only means another
	 * rate-limited attempt later, never a failure.
	 */
	private Instant freesAt(AccountSession session, Duration window) {
		Instant now = this.clock.instant();
		Instant retryAt;
		try {
			retryAt = this.recentMedia.since(session, now.minus(window))
				.stream()
				.map(RecentMedia.Post::timestamp)
				.filter((time) -> time.isAfter(now.minus(window)))
				.min(Comparator.naturalOrder())
				.map((oldest) -> oldest.plus(window))
				.orElse(now.plus(this.fallbackWait));
		}
		catch (PublishException ex) {
			retryAt = now.plus(this.fallbackWait);
		}
		return retryAt.isBefore(now.plus(MIN_WAIT)) ? now.plus(MIN_WAIT) : retryAt;
	}

	private record Usage(int used, int limit, Duration window) {
	}

}
