package io.herald.drivers.x;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

	private final XHttp http;

	private final XMediaUploader uploader;

	private final URI webBaseUrl;

	private final Clock clock;

	XPublisher(XHttp http, XMediaUploader uploader, URI webBaseUrl, Clock clock) {
		this.http = http;
		this.uploader = uploader;
		this.webBaseUrl = webBaseUrl;
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
		Progress progress = new Progress(media, pending, List.of());
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
		RateBudget budget = null;
		for (int i = posted.size(); i < texts.size(); i++) {
			String replyTo = (i == 0) ? request.replyToRemoteId() : posted.get(i - 1);
			String quote = (i == 0) ? request.quoteRemoteId() : null;
			List<String> media = (i < progress.media().size()) ? progress.media().get(i) : List.of();
			try {
				XHttp.XResponse response = createPost(texts.get(i), media, replyTo, quote, session.accessToken());
				posted.add(response.data().path("id").asString());
				budget = (response.budget() != null) ? response.budget() : budget;
			}
			catch (PublishException ex) {
				if (i == 0) {
					throw ex;
				}
				Progress soFar = progress.withPosted(posted);
				if (ex.kind() == ErrorKind.RATE_LIMITED || ex.kind() == ErrorKind.TRANSIENT) {
					return partialThread(ex, soFar);
				}
				throw partFailed(ex, i, texts.size(), soFar);
			}
		}
		return new PublishResult.Published(posted.get(0), postUrl(session, posted.get(0)), budget);
	}

	/** The thread's first parts exist and the rest cannot follow: say which do. */
	private PublishException partFailed(PublishException ex, int part, int parts, Progress progress) {
		String message = "Part " + (part + 1) + " of " + parts + " failed after posting " + progress.posted() + ": "
				+ ex.getMessage();
		return new PublishException(ex.kind(), message, ex.retryAt().orElse(null), ex.httpStatus().orElse(null),
				ex.networkCode().orElse(null), ex.rateBudget().orElse(null), ex);
	}

	/**
	 * The thread's first parts exist: a retryable failure becomes an in-progress result
	 * carrying what was posted, so the next attempt continues the thread rather than
	 * publishing its start again.
	 */
	private PublishResult partialThread(PublishException ex, Progress progress) {
		return new PublishResult.InProgress(progress.encode(this.http.json()),
				ex.retryAt().orElse(this.clock.instant().plus(THREAD_RETRY)), ex.rateBudget().orElse(null));
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

	URI postUrl(AccountSession session, String postId) {
		String who = (session.handle() != null) ? session.handle() : "i/web";
		return URI.create(this.webBaseUrl + "/" + who + "/status/" + postId);
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
