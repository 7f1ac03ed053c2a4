package io.herald.drivers.instagram;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.herald.drivers.spi.AccountProfile;
import io.herald.drivers.spi.AccountSession;
import io.herald.drivers.spi.BaseSocialBackend;
import io.herald.drivers.spi.Capabilities;
import io.herald.drivers.spi.ConnectRequest;
import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.MediaItem;
import io.herald.drivers.spi.MediaKind;
import io.herald.drivers.spi.OAuthFlow;
import io.herald.drivers.spi.PublishException;
import io.herald.drivers.spi.PublishRequest;
import io.herald.drivers.spi.PublishResult;
import io.herald.drivers.spi.RateBudget;
import io.herald.drivers.spi.ValidationResult;
import okhttp3.OkHttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Instagram professional accounts through the Instagram API with Instagram Login.
 * <p>
 * Publishing is Instagram's two-step container flow: create a container per media item
 * (Instagram downloads the media from its public URL), wait until it is {@code FINISHED},
 * then {@code media_publish} it. Waiting is never done here: the driver returns
 * {@link PublishResult.InProgress} with a token holding the container ids, and Herald
 * persists that token before calling {@link #resume}. A container Instagram reports as
 * {@code PUBLISHED} is therefore recognised on any later call, and its post is looked up
 * instead of publishing again.
 */
public class InstagramBackend implements BaseSocialBackend {

	static final String NETWORK = "instagram";

	private static final System.Logger log = System.getLogger(InstagramBackend.class.getName());

	private static final Duration LONG_LIVED = Duration.ofDays(60);

	/** Instagram refreshes only tokens at least a day old. */
	private static final Duration MIN_AGE_FOR_REFRESH = Duration.ofDays(1);

	private static final String FINISHED = "FINISHED";

	private static final String PUBLISHED = "PUBLISHED";

	private static final String EXPIRED = "EXPIRED";

	private static final String ERROR = "ERROR";

	/** Meta recommends looking at a processing container about once a minute. */
	private static final Duration MAX_POLL_INTERVAL = Duration.ofMinutes(1);

	/** The network code of a container that outlived the processing deadline. */
	static final String PROCESSING_DEADLINE = "processing_deadline";

	private final InstagramProperties properties;

	private final Clock clock;

	private final GraphClient graph;

	private final GraphErrors errors;

	private final InstagramRules rules;

	private final RecentMedia recentMedia;

	private final PublishingLimit publishingLimit;

	private final OAuthFlow oauth;

	private final Capabilities capabilities;

	public InstagramBackend(InstagramProperties properties, OkHttpClient http, Clock clock) {
		JsonMapper json = JsonMapper.builder().build();
		this.properties = properties;
		this.clock = clock;
		this.errors = new GraphErrors(json, clock, properties.rateLimitBackoff());
		this.graph = new GraphClient(http, json, this.errors, properties);
		this.rules = new InstagramRules(properties.convertsImagesToJpeg());
		this.recentMedia = new RecentMedia(this.graph);
		this.publishingLimit = new PublishingLimit(this.graph, this.recentMedia, clock,
				properties.fallbackPublishingLimit(), properties.rateLimitBackoff());
		this.oauth = properties.oauthConfigured()
				? new InstagramOAuthFlow(properties, this.graph, this::readSession, clock) : null;
		// without an app, the only way in is a pasted long-lived token
		this.capabilities = InstagramRules.capabilities(properties.convertsImagesToJpeg(),
				(this.oauth != null) ? Capabilities.ConnectMethod.OAUTH2 : Capabilities.ConnectMethod.CREDENTIALS);
	}

	/**
	 * An HTTP client with the configured timeouts. It never retries by itself: a repeated
	 * {@code media_publish} is exactly what must not happen unseen.
	 * @param properties the driver's settings
	 * @return a new client
	 */
	public static OkHttpClient httpClient(InstagramProperties properties) {
		return new OkHttpClient.Builder().connectTimeout(properties.connectTimeout())
			.readTimeout(properties.readTimeout())
			.writeTimeout(properties.readTimeout())
			.retryOnConnectionFailure(false)
			.build();
	}

	@Override
	public String network() {
		return NETWORK;
	}

	@Override
	public Capabilities capabilities() {
		return this.capabilities;
	}

	@Override
	public ValidationResult validate(PublishRequest request) {
		return this.rules.validate(request);
	}

	@Override
	public PublishResult publish(PublishRequest request, AccountSession session) throws PublishException {
		requireSession(session);
		requirePublishable(request);
		RateBudget budget = this.publishingLimit.check(session);
		return startRound(request, session, 0, budget);
	}

	@Override
	public PublishResult resume(PublishRequest request, String token, AccountSession session) throws PublishException {
		requireSession(session);
		return advance(request, session, PublishToken.decode(token), null);
	}

	@Override
	public Optional<PublishResult.Published> reconcile(PublishRequest request, AccountSession session,
			Instant attemptStart) throws PublishException {
		requireSession(session);
		return this.recentMedia.find(session, request.text(), mediaType(request), attemptStart)
			.map((post) -> new PublishResult.Published(post.id(), post.permalink()));
	}

	private PublishResult startRound(PublishRequest request, AccountSession session, int round, RateBudget budget)
			throws PublishException {
		Instant createdAt = this.clock.instant();
		List<MediaItem> media = request.media();
		if (media.size() == 1) {
			String id = createContainer(session, singleContainer(request, media.get(0)));
			return advance(request, session, PublishToken.container(id, createdAt, round), budget);
		}
		List<String> children = new ArrayList<>();
		for (MediaItem item : media) {
			children.add(createContainer(session, carouselItem(item)));
		}
		return advance(request, session, new PublishToken(PublishToken.Stage.CHILDREN, children, createdAt, round),
				budget);
	}

	private PublishResult advance(PublishRequest request, AccountSession session, PublishToken token, RateBudget budget)
			throws PublishException {
		if (token.stage() == PublishToken.Stage.CHILDREN) {
			return advanceChildren(request, session, token, budget);
		}
		ContainerStatus status = status(session, token.containerId());
		return switch (status.code()) {
			case FINISHED -> publishContainer(request, session, token, budget);
			case PUBLISHED -> alreadyPublished(request, session, token, budget);
			case EXPIRED -> startOver(request, session, token, budget,
					"Container " + token.containerId() + " expired before it was published.");
			case ERROR -> failedContainer(request, session, token, status, budget);
			default -> inProgress(token, budget);
		};
	}

	private PublishResult advanceChildren(PublishRequest request, AccountSession session, PublishToken token,
			RateBudget budget) throws PublishException {
		boolean processing = false;
		for (String child : token.containerIds()) {
			ContainerStatus status = status(session, child);
			if (EXPIRED.equals(status.code())) {
				return startOver(request, session, token, budget,
						"Carousel item " + child + " expired before it was published.");
			}
			if (ERROR.equals(status.code())) {
				return failedContainer(request, session, token, status, budget);
			}
			processing |= !FINISHED.equals(status.code());
		}
		if (processing) {
			return inProgress(token, budget);
		}
		String parent = createContainer(session, carouselParent(request, token.containerIds()));
		return advance(request, session, PublishToken.container(parent, token.createdAt(), token.round()), budget);
	}

	private PublishResult publishContainer(PublishRequest request, AccountSession session, PublishToken token,
			RateBudget budget) throws PublishException {
		JsonNode published;
		try {
			published = this.graph.post(session.remoteUserId() + "/media_publish",
					Map.of("creation_id", token.containerId()), session.accessToken(), true);
		}
		catch (GraphApiException ex) {
			if (ex.kind() == ErrorKind.UNKNOWN_OUTCOME) {
				throw ex;
			}
			if (ex.subcode() == GraphErrors.NOT_READY || ex.code() == 9007) {
				return inProgress(token, budget);
			}
			if (ex.subcode() == GraphErrors.PUBLISHING_LIMIT) {
				throw this.publishingLimit.exhausted(session, ex.getMessage());
			}
			throw ex;
		}
		String mediaId = published.path("id").asString("");
		if (mediaId.isEmpty()) {
			throw new PublishException(ErrorKind.UNKNOWN_OUTCOME,
					"Instagram accepted media_publish for container " + token.containerId() + " but sent no media id.");
		}
		RateBudget after = (budget != null)
				? new RateBudget(budget.scope(), Math.max(0, budget.remaining() - 1), budget.limit(), budget.resetAt())
				: null;
		return finish(request, session, mediaId, null, after, false);
	}

	/**
	 * The container went out in an earlier call whose answer Herald never saw. Find its
	 * post rather than publish again; until it is listed, the outcome stays unknown, so
	 * the engine reconciles instead of publishing anew.
	 */
	private PublishResult alreadyPublished(PublishRequest request, AccountSession session, PublishToken token,
			RateBudget budget) throws PublishException {
		RecentMedia.Post post = this.recentMedia.find(session, request.text(), mediaType(request), token.createdAt())
			.orElseThrow(() -> new PublishException(ErrorKind.UNKNOWN_OUTCOME, "Instagram reports container "
					+ token.containerId() + " as published, but the post is not listed on the account yet."));
		return finish(request, session, post.id(), post.permalink(), budget, true);
	}

	private PublishResult failedContainer(PublishRequest request, AccountSession session, PublishToken token,
			ContainerStatus status, RateBudget budget) throws PublishException {
		ErrorKind kind = this.errors.containerErrorKind(status.status());
		String message = "Instagram could not process the media: "
				+ ((status.status() != null && !status.status().isBlank()) ? status.status() : "no reason given") + ".";
		if (kind == ErrorKind.TRANSIENT) {
			return startOver(request, session, token, budget, message);
		}
		int subcode = GraphErrors.subcodeIn(status.status());
		throw new PublishException(kind, message, null, null, (subcode != 0) ? String.valueOf(subcode) : null, null,
				null);
	}

	/**
	 * Expired or passingly failed containers were never published, so new ones are safe.
	 */
	private PublishResult startOver(PublishRequest request, AccountSession session, PublishToken token,
			RateBudget budget, String reason) throws PublishException {
		int next = token.round() + 1;
		if (next >= this.properties.maxContainerRounds()) {
			throw new PublishException(ErrorKind.TRANSIENT, reason + " Gave up after " + next + " sets of containers.");
		}
		log.log(System.Logger.Level.INFO, "Instagram target {0}: {1} Creating new containers.", request.targetId(),
				reason);
		requirePublishable(request);
		return startRound(request, session, next, budget);
	}

	private PublishResult finish(PublishRequest request, AccountSession session, String mediaId, URI knownPermalink,
			RateBudget budget, boolean commentMayExist) {
		URI url = (knownPermalink != null) ? knownPermalink : permalink(session, mediaId);
		addFirstComment(request, session, mediaId, commentMayExist);
		return new PublishResult.Published(mediaId, url, budget);
	}

	private URI permalink(AccountSession session, String mediaId) {
		try {
			String permalink = this.graph.get(mediaId, Map.of("fields", "permalink"), session.accessToken())
				.path("permalink")
				.asString("");
			return permalink.isEmpty() ? null : URI.create(permalink);
		}
		catch (PublishException | IllegalArgumentException ex) {
			// the post exists; a missing link must not turn success into a retry
			log.log(System.Logger.Level.WARNING, "Instagram media {0}: permalink unavailable: {1}", mediaId,
					ex.getMessage());
			return null;
		}
	}

	/**
	 * A failed first comment is logged, not raised: the post is out, and retrying the
	 * publication for a comment would risk the post itself.
	 */
	private void addFirstComment(PublishRequest request, AccountSession session, String mediaId,
			boolean commentMayExist) {
		String comment = request.firstComment();
		if (comment == null || comment.isBlank()) {
			return;
		}
		try {
			if (commentMayExist && hasComment(session, mediaId, comment)) {
				return;
			}
			this.graph.post(mediaId + "/comments", Map.of("message", comment), session.accessToken(), false);
		}
		catch (PublishException ex) {
			log.log(System.Logger.Level.WARNING, "Instagram target {0}: first comment on media {1} failed ({2}): {3}",
					request.targetId(), mediaId, ex.kind(), ex.getMessage());
		}
	}

	private boolean hasComment(AccountSession session, String mediaId, String comment) throws PublishException {
		JsonNode comments = this.graph.get(mediaId + "/comments", Map.of("fields", "id,text,username"),
				session.accessToken());
		for (JsonNode node : comments.path("data")) {
			if (comment.strip().equals(node.path("text").asString("").strip())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Still processing is not a failure: look again later, backing off from the poll
	 * interval to once a minute, until the processing deadline.
	 */
	private PublishResult inProgress(PublishToken token, RateBudget budget) throws PublishException {
		Instant now = this.clock.instant();
		Duration processing = Duration.between(token.createdAt(), now);
		if (processing.compareTo(this.properties.processingDeadline()) > 0) {
			throw new PublishException(ErrorKind.INVALID_CONTENT,
					"Instagram was still processing the media " + processing.toMinutes()
							+ " minutes after it was handed over (herald.drivers.instagram.processing-deadline is "
							+ this.properties.processingDeadline() + "); it was not published.",
					null, null, PROCESSING_DEADLINE, budget, null);
		}
		Duration wait = Duration.ofSeconds(processing.toSeconds() / 2);
		if (wait.compareTo(this.properties.pollInterval()) < 0) {
			wait = this.properties.pollInterval();
		}
		if (wait.compareTo(MAX_POLL_INTERVAL) > 0) {
			wait = (this.properties.pollInterval().compareTo(MAX_POLL_INTERVAL) > 0) ? this.properties.pollInterval()
					: MAX_POLL_INTERVAL;
		}
		return new PublishResult.InProgress(token.encode(), now.plus(wait), budget);
	}

	private ContainerStatus status(AccountSession session, String containerId) throws PublishException {
		JsonNode node = this.graph.get(containerId, Map.of("fields", "status_code,status"), session.accessToken());
		return new ContainerStatus(node.path("status_code").asString(""), node.path("status").asString(null));
	}

	private String createContainer(AccountSession session, Map<String, String> params) throws PublishException {
		JsonNode created = this.graph.post(session.remoteUserId() + "/media", params, session.accessToken(), false);
		String id = created.path("id").asString("");
		if (id.isEmpty()) {
			throw new PublishException(ErrorKind.TRANSIENT, "Instagram created a container but sent no id.");
		}
		return id;
	}

	private static Map<String, String> singleContainer(PublishRequest request, MediaItem item) {
		Map<String, String> params = new LinkedHashMap<>();
		if (item.kind() == MediaKind.VIDEO) {
			params.put("media_type", "REELS");
			params.put("video_url", item.publicUrl().toString());
			params.put("share_to_feed", "true");
		}
		else {
			params.put("image_url", item.publicUrl().toString());
			putAltText(params, item);
		}
		putCaption(params, request);
		return params;
	}

	private static Map<String, String> carouselItem(MediaItem item) {
		Map<String, String> params = new LinkedHashMap<>();
		if (item.kind() == MediaKind.VIDEO) {
			params.put("media_type", "VIDEO");
			params.put("video_url", item.publicUrl().toString());
		}
		else {
			params.put("image_url", item.publicUrl().toString());
			putAltText(params, item);
		}
		params.put("is_carousel_item", "true");
		return params;
	}

	private static Map<String, String> carouselParent(PublishRequest request, List<String> children) {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("media_type", "CAROUSEL");
		params.put("children", String.join(",", children));
		putCaption(params, request);
		return params;
	}

	private static void putCaption(Map<String, String> params, PublishRequest request) {
		if (!request.text().isBlank()) {
			params.put("caption", request.text());
		}
	}

	private static void putAltText(Map<String, String> params, MediaItem item) {
		if (item.altText() != null && !item.altText().isBlank()) {
			params.put("alt_text", item.altText());
		}
	}

	private static String mediaType(PublishRequest request) {
		if (request.media().size() > 1) {
			return "CAROUSEL_ALBUM";
		}
		if (request.media().isEmpty()) {
			return null;
		}
		return (request.media().get(0).kind() == MediaKind.VIDEO) ? "VIDEO" : "IMAGE";
	}

	private void requirePublishable(PublishRequest request) throws PublishException {
		ValidationResult validation = validate(request);
		if (!validation.isValid()) {
			throw new PublishException(ErrorKind.INVALID_CONTENT,
					validation.violations()
						.stream()
						.map(ValidationResult.Violation::message)
						.collect(Collectors.joining(" ")));
		}
		for (MediaItem item : request.media()) {
			String type = (item.contentType() != null) ? item.contentType().toLowerCase(java.util.Locale.ROOT) : "";
			if (item.kind() == MediaKind.IMAGE && !InstagramRules.isJpeg(type)) {
				// Instagram would download these bytes and refuse them (2207005).
				throw new PublishException(ErrorKind.INVALID_CONTENT, "Instagram takes JPEG images only, and asset "
						+ item.assetId() + " was handed over as " + item.contentType() + " instead of a JPEG copy.");
			}
			if (item.publicUrl() == null) {
				throw new PublishException(ErrorKind.INVALID_CONTENT,
						"Instagram downloads media itself and needs a public URL for asset " + item.assetId()
								+ "; set MINIO_PUBLIC_ENDPOINT or HERALD_PUBLIC_URL to an address the internet can reach.");
			}
		}
	}

	private static void requireSession(AccountSession session) throws PublishException {
		if (session == null || session.remoteUserId() == null || session.accessToken() == null) {
			throw new PublishException(ErrorKind.AUTH_REVOKED, "This Instagram account has no access token.");
		}
	}

	@Override
	public AccountSession connect(ConnectRequest request) throws PublishException {
		String token = (request.secret() != null) ? request.secret().strip() : "";
		if (token.isEmpty()) {
			throw new PublishException(ErrorKind.AUTH_REVOKED,
					"Connect through Instagram, or paste a long-lived Instagram user access token.");
		}
		AccountSession session;
		try {
			session = readSession(token, null);
		}
		catch (PublishException ex) {
			throw (ex.kind() == ErrorKind.AUTH_EXPIRED) ? revoked(ex) : ex;
		}
		String expected = (request.identifier() != null) ? request.identifier().strip().replaceFirst("^@", "") : "";
		if (!expected.isEmpty() && !expected.equals(session.remoteUserId())
				&& !expected.equalsIgnoreCase(session.handle())) {
			throw new PublishException(ErrorKind.AUTH_REVOKED,
					"This token belongs to @" + session.handle() + ", not " + expected + ".");
		}
		try {
			// refreshing tells us the expiry, which a pasted token does not carry
			return refreshNow(session);
		}
		catch (PublishException ex) {
			// a token less than a day old cannot be refreshed yet; it has nearly 60 days
			return session.withTokens(token, null, this.clock.instant().plus(LONG_LIVED).minus(MIN_AGE_FOR_REFRESH));
		}
	}

	@Override
	public Optional<OAuthFlow> oauth() {
		return Optional.ofNullable(this.oauth);
	}

	@Override
	public AccountSession refresh(AccountSession session) throws PublishException {
		requireSession(session);
		Instant expiresAt = session.accessTokenExpiresAt();
		if (expiresAt != null && expiresAt.isAfter(this.clock.instant().plus(LONG_LIVED).minus(MIN_AGE_FOR_REFRESH))) {
			return session;
		}
		try {
			return refreshNow(session);
		}
		catch (PublishException ex) {
			if (ex.kind() == ErrorKind.TRANSIENT || ex.kind() == ErrorKind.RATE_LIMITED
					|| ex.kind() == ErrorKind.UNKNOWN_OUTCOME) {
				throw ex;
			}
			throw revoked(ex);
		}
	}

	private AccountSession refreshNow(AccountSession session) throws PublishException {
		JsonNode refreshed = this.graph.getAtRoot("refresh_access_token",
				Map.of("grant_type", "ig_refresh_token", "access_token", session.accessToken()));
		String token = refreshed.path("access_token").asString("");
		if (token.isEmpty()) {
			throw new PublishException(ErrorKind.AUTH_REVOKED, "Instagram refreshed the token but sent none back.");
		}
		long expiresIn = refreshed.path("expires_in").asLong(LONG_LIVED.toSeconds());
		return session.withTokens(token, null, this.clock.instant().plusSeconds(expiresIn));
	}

	@Override
	public AccountProfile verify(AccountSession session) throws PublishException {
		requireSession(session);
		JsonNode me = me(session.accessToken());
		String username = me.path("username").asString("");
		return new AccountProfile(userId(me), username, me.path("name").asString(username),
				URI.create("https://www.instagram.com/" + username + "/"));
	}

	private AccountSession readSession(String accessToken, Instant expiresAt) throws PublishException {
		JsonNode me = me(accessToken);
		return new AccountSession(userId(me), me.path("username").asString(""), null, accessToken, null, expiresAt,
				Map.of());
	}

	private JsonNode me(String accessToken) throws PublishException {
		return this.graph.get("me", Map.of("fields", "user_id,username,name"), accessToken);
	}

	/**
	 * {@code user_id} is the professional account id publishing needs; {@code id} is
	 * app-scoped.
	 */
	private static String userId(JsonNode me) {
		String userId = me.path("user_id").asString("");
		return userId.isEmpty() ? me.path("id").asString("") : userId;
	}

	private static PublishException revoked(PublishException ex) {
		return new PublishException(ErrorKind.AUTH_REVOKED, ex.getMessage(), null, ex.httpStatus().orElse(null),
				ex.networkCode().orElse(null), null, ex);
	}

	private record ContainerStatus(String code, String status) {
	}

}
