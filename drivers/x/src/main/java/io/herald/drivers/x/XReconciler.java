package io.herald.drivers.x;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import io.herald.drivers.spi.AccountSession;
import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.PublishException;
import io.herald.drivers.spi.PublishRequest;
import io.herald.drivers.spi.PublishResult;
import okhttp3.HttpUrl;
import tools.jackson.databind.JsonNode;

/**
 * Answers "did this post already go out?" for X, which has no idempotency key: it reads
 * the account's posts since shortly before the uncertain attempt started and looks for
 * one whose text matches the request's first part in {@link XText#comparable} form. The
 * oldest match wins, since that is the one the attempt created.
 */
final class XReconciler {

	/** Pages of 100 posts read at most; an account posting more in the window is rare. */
	private static final int MAX_PAGES = 5;

	private final XHttp http;

	private final Duration skew;

	private final XLinks links;

	XReconciler(XHttp http, Duration skew, XLinks links) {
		this.http = http;
		this.skew = skew;
		this.links = links;
	}

	Optional<PublishResult.Published> reconcile(PublishRequest request, AccountSession session, Instant attemptStart)
			throws PublishException {
		return find(session, request.text(), attemptStart)
			.map((id) -> new PublishResult.Published(id, this.links.post(session, id)));
	}

	/**
	 * The id of the account's oldest post with the given text since an instant.
	 * @param session the account
	 * @param text the text as Herald sent it
	 * @param since when the uncertain attempt started
	 * @return the post's id, or empty when the account has no such post
	 * @throws PublishException when X cannot answer now
	 */
	Optional<String> find(AccountSession session, String text, Instant since) throws PublishException {
		XOAuth.requireAccessToken(session);
		if (session.remoteUserId() == null) {
			throw new PublishException(ErrorKind.AUTH_REVOKED, "This X account has no user id; reconnect it.");
		}
		String wanted = XText.comparable(text);
		String startTime = DateTimeFormatter.ISO_INSTANT.format(since.minus(this.skew).truncatedTo(ChronoUnit.SECONDS));
		String match = null;
		String pageToken = null;
		for (int page = 0; page < MAX_PAGES; page++) {
			HttpUrl.Builder url = this.http.url("2/users")
				.addPathSegment(session.remoteUserId())
				.addPathSegment("tweets")
				.addQueryParameter("max_results", "100")
				.addQueryParameter("start_time", startTime);
			if (pageToken != null) {
				url.addQueryParameter("pagination_token", pageToken);
			}
			JsonNode body = this.http
				.send(this.http.authorized(url.build(), session.accessToken()).get().build(), "timeline")
				.body();
			// X lists newest first; keep overwriting so the oldest match remains.
			for (JsonNode post : body.path("data")) {
				if (wanted.equals(XText.comparable(post.path("text").asString("")))) {
					match = post.path("id").asString();
				}
			}
			pageToken = body.path("meta").path("next_token").asString(null);
			if (pageToken == null) {
				break;
			}
		}
		if (match == null && pageToken != null) {
			throw new PublishException(ErrorKind.TRANSIENT, "The X account posted more than " + (MAX_PAGES * 100)
					+ " times since the attempt; Herald cannot tell whether this post is among them.");
		}
		return Optional.ofNullable(match);
	}

}
