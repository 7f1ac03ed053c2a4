package io.herald.drivers.x;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.herald.drivers.spi.AccountSession;
import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.MediaItem;
import io.herald.drivers.spi.PublishException;
import io.herald.drivers.spi.PublishRequest;
import io.herald.drivers.spi.PublishResult;
import io.herald.drivers.spi.RateBudget;
import okhttp3.Request;

/**
 * Publishes a post or a thread: uploads every part's media first (so a thread is never
 * left half-posted waiting for a video), returns {@link PublishResult.InProgress} while X
 * processes media, then posts each part as a reply to the previous one.
 */
final class XPublisher {

	static final String SCOPE = "posts";

	/** When X gives no time for a retry of a failed thread part. */
	private static final Duration THREAD_RETRY = Duration.ofSeconds(30);

	/**
	 * X's timeline can lag a new post by a few seconds; look for a lost part after this.
	 */
	private static final Duration RECONCILE_DELAY = Duration.ofSeconds(10);

	private final XHttp http;

	private final XMediaUploader uploader;

	private final XReconciler reconciler;

	private final XLinks links;

	private final Clock clock;

	XPublisher(XHttp http, XMediaUploader uploader, XReconciler reconciler, XLinks links, Clock clock) {
		this.http = http;
		this.uploader = uploader;
		this.reconciler = reconciler;
		this.links = links;
		this.clock = clock;
	}

	PublishResult publish(PublishRequest request, AccountSession session) throws PublishException {
		XOAuth.requireAccessToken(session);
		List<List<String>> media = new ArrayList<>();
		List<String> pending = new ArrayList<>();
		int checkAfter = Integer.MAX_VALUE;
		for (List<MediaItem> items : mediaOfParts(request)) {
			List<String> ids = new ArrayList<>();
			for (MediaItem item : items) {
				XMediaUploader.Uploaded uploaded = this.uploader.upload(item, session.accessToken());
				ids.add(uploaded.mediaId());
				if (uploaded.pending() != null) {
					pending.add(uploaded.mediaId());
					checkAfter = Math.min(checkAfter, uploaded.pending().checkAfterSeconds());
				}
			}
			media.add(ids);
		}
		Progress progress = new Progress(media, pending, List.of(), null);
		if (!pending.isEmpty()) {
			return inProgress(progress, checkAfter);
		}
		return post(request, session, progress);
	}

	PublishResult resume(PublishRequest request, String token, AccountSession session) throws PublishException {
		XOAuth.requireAccessToken(session);
		Progress progress = Progress.decode(token, this.http.json());
		List<String> stillPending = new ArrayList<>();
		int checkAfter = Integer.MAX_VALUE;
		for (String mediaId : progress.pending()) {
			XMediaUploader.Processing processing = this.uploader.status(mediaId, session.accessToken());
			if (!processing.done()) {
				stillPending.add(mediaId);
				checkAfter = Math.min(checkAfter, processing.checkAfterSeconds());
			}
		}
		if (!stillPending.isEmpty()) {
			return inProgress(progress.withPending(stillPending), checkAfter);
		}
		return post(request, session, progress.withPending(List.of()));
	}

	private PublishResult post(PublishRequest request, AccountSession session, Progress progress)
			throws PublishException {
		List<String> texts = new ArrayList<>();
		texts.add(request.text());
		request.thread().forEach((part) -> texts.add(part.text()));
		List<String> posted = new ArrayList<>(progress.posted());
		int postedBefore = posted.size();
		RateBudget budget = null;
		for (int i = posted.size(); i < texts.size(); i++) {
			if (progress.uncertainSince() != null && i == progress.posted().size()) {
				// The answer to this part was lost last time: look before posting it
				// again.
				Optional<String> existing = this.reconciler.find(session, texts.get(i), progress.uncertainSince());
				if (existing.isPresent()) {
					posted.add(existing.get());
					continue;
				}
			}
			String replyTo = (i == 0) ? request.replyToRemoteId() : posted.get(i - 1);
			String quote = (i == 0) ? request.quoteRemoteId() : null;
			List<String> media = (i < progress.media().size()) ? progress.media().get(i) : List.of();
			Instant callStart = this.clock.instant();
			try {
				XHttp.XResponse response = createPost(texts.get(i), media, replyTo, quote, session.accessToken());
				posted.add(response.data().path("id").asString());
				budget = (response.budget() != null) ? response.budget() : budget;
			}
			catch (PublishException ex) {
				return afterFailure(ex, i, texts.size(), progress.withPosted(posted, null),
						posted.size() > postedBefore, callStart);
			}
		}
		return new PublishResult.Published(posted.get(0), this.links.post(session, posted.get(0)), budget);
	}

	/**
	 * Decides what a failure to create part {@code part} means for the whole thread. The
	 * engine retries a failed call with the token it already holds, so a failure is
	 * thrown as it is unless this call changed what that token should say:
	 * <ul>
	 * <li>a lost answer within a thread becomes an in-progress result that marks the part
	 * uncertain, so {@code resume} looks for it on the timeline before posting it again
	 * (the engine's own reconcile only knows the first part); a single post throws
	 * {@link ErrorKind#UNKNOWN_OUTCOME} for the engine to reconcile;</li>
	 * <li>a retryable failure after this call posted parts becomes an in-progress result
	 * carrying them, so the next attempt continues the thread rather than starting it
	 * again;</li>
	 * <li>any other failure after parts exist names them in its message.</li>
	 * </ul>
	 */
	private PublishResult afterFailure(PublishException ex, int part, int parts, Progress soFar, boolean advanced,
			Instant callStart) throws PublishException {
		if (ex.kind() == ErrorKind.UNKNOWN_OUTCOME && parts > 1) {
			return new PublishResult.InProgress(soFar.withPosted(soFar.posted(), callStart).encode(this.http.json()),
					this.clock.instant().plus(RECONCILE_DELAY), ex.rateBudget().orElse(null));
		}
		boolean retryable = ex.kind() == ErrorKind.RATE_LIMITED || ex.kind() == ErrorKind.TRANSIENT
				|| ex.kind() == ErrorKind.AUTH_EXPIRED;
		if (advanced && retryable) {
			return new PublishResult.InProgress(soFar.encode(this.http.json()),
					ex.retryAt().orElse(this.clock.instant().plus(THREAD_RETRY)), ex.rateBudget().orElse(null));
		}
		if (part == 0 || retryable) {
			throw ex;
		}
		String message = "Part " + (part + 1) + " of " + parts + " failed after posting " + soFar.posted() + ": "
				+ ex.getMessage();
		throw new PublishException(ex.kind(), message, ex.retryAt().orElse(null), ex.httpStatus().orElse(null),
				ex.networkCode().orElse(null), ex.rateBudget().orElse(null), ex);
	}

	private XHttp.XResponse createPost(String text, List<String> media, String replyTo, String quote,
			String accessToken) throws PublishException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("text", text);
		if (!media.isEmpty()) {
			body.put("media", Map.of("media_ids", media));
		}
		if (replyTo != null) {
			body.put("reply", Map.of("in_reply_to_tweet_id", replyTo));
		}
		if (quote != null) {
			body.put("quote_tweet_id", quote);
		}
		Request request = this.http.authorized(this.http.url("2/tweets").build(), accessToken)
			.post(this.http.jsonBody(body))
			.build();
		XHttp.XResponse response = this.http.send(request, SCOPE, true);
		if (response.data().path("id").asString(null) == null) {
			throw new PublishException(ErrorKind.UNKNOWN_OUTCOME,
					"X accepted the post but returned no id: " + response.body().path("errors").toString());
		}
		return response;
	}

	private PublishResult inProgress(Progress progress, int checkAfterSeconds) {
		return new PublishResult.InProgress(progress.encode(this.http.json()),
				this.clock.instant().plusSeconds(checkAfterSeconds));
	}

	private static List<List<MediaItem>> mediaOfParts(PublishRequest request) {
		List<List<MediaItem>> parts = new ArrayList<>();
		parts.add(request.media());
		request.thread().forEach((part) -> parts.add(part.media()));
		return parts;
	}

}
