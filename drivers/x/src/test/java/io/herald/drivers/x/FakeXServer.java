package io.herald.drivers.x;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.twitter.twittertext.Extractor;
import com.twitter.twittertext.TwitterTextParser;

import io.herald.drivers.spi.AccountSession;
import io.herald.drivers.spi.MediaItem;
import io.herald.drivers.spi.MediaKind;
import io.herald.drivers.spi.PublishException;
import io.herald.drivers.spi.PublishRequest;
import io.herald.drivers.spi.PublishResult;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stateful stand-in for the X API v2, behaving like X where Herald depends on it: OAuth
 * 2.0 with PKCE and rotating refresh tokens, posts per user with t.co links and duplicate
 * detection, chunked media upload with video processing, rate-limit headers.
 * <p>
 * Every request it receives and every response it sends is validated against the official
 * OpenAPI document; violations are answered with a 400 and collected, and
 * {@link FakeXExtension} fails the test that caused them. The OAuth token endpoint is not
 * in that document, so it is checked by hand against RFC 6749 and RFC 7636.
 */
public final class FakeXServer implements AutoCloseable {

	public static final String CLIENT_ID = "herald-test-client";

	public static final String CLIENT_SECRET = "herald-test-secret";

	static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofHours(2);

	static final Duration WINDOW = Duration.ofMinutes(15);

	static final int POSTS_PER_WINDOW = 25;

	static final int POSTS_PER_DAY = 200;

	static final int READS_PER_WINDOW = 900;

	/**
	 * What a user grants on X's consent screen for what Herald does, per X's
	 * documentation of the endpoints (written here, not taken from the driver's
	 * {@code XOAuth}).
	 */
	static final String GRANTED_SCOPES = "tweet.read tweet.write users.read media.write offline.access";

	private static final String PROBLEM_JSON = "application/problem+json";

	private static final String JSON_TYPE = "application/json";

	private final MockWebServer server = new MockWebServer();

	private final SpecValidator spec = new SpecValidator();

	private final JsonMapper json = JsonMapper.builder().build();

	private final MutableClock clock;

	private final AtomicLong ids = new AtomicLong(1_860_000_000_000_000_000L);

	private final Map<String, User> users = new HashMap<>();

	private final Map<String, Grant> codes = new HashMap<>();

	private final Map<String, Token> accessTokens = new HashMap<>();

	private final Map<String, Token> refreshTokens = new HashMap<>();

	private final Map<String, List<Post>> posts = new HashMap<>();

	private final Map<String, Media> media = new HashMap<>();

	private final Map<String, Window> windows = new HashMap<>();

	private final List<Armed> faults = new ArrayList<>();

	private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

	private final List<String> requestLog = Collections.synchronizedList(new ArrayList<>());

	private int processingPolls = 1;

	public FakeXServer(MutableClock clock) {
		this.clock = clock;
		this.server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return handle(request);
			}
		});
		try {
			this.server.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public URI baseUrl() {
		return this.server.url("/").uri();
	}

	public MutableClock clock() {
		return this.clock;
	}

	/**
	 * Driver settings pointing at this fake.
	 * @param readTimeout how long the driver waits for answers
	 * @param chunkBytes the upload chunk size
	 * @return the settings
	 */
	XProperties properties(Duration readTimeout, int chunkBytes) {
		URI base = baseUrl();
		return new XProperties(base, base.resolve("/i/oauth2/authorize"), URI.create("https://x.test"), CLIENT_ID,
				CLIENT_SECRET, Duration.ofSeconds(5), readTimeout, chunkBytes, Duration.ofMinutes(2));
	}

	/**
	 * Calls every operation once, so the validator compiles its schemas now rather than
	 * inside a test with a short read timeout.
	 * @return this server
	 */
	public FakeXServer warmUp() {
		XBackend backend = new XBackend(properties(Duration.ofSeconds(60), 1024 * 1024), this.clock);
		try {
			AccountSession session = newAccount("warmup");
			backend.verify(session);
			PublishRequest request = PublishRequest.text("warm", "warm", "warming up")
				.withMedia(List.of(new MediaItem("w", MediaKind.VIDEO, "video/mp4", 4, null, null,
						Duration.ofSeconds(1), null, () -> new java.io.ByteArrayInputStream(new byte[4]), null)));
			PublishResult pending = backend.publish(request, session);
			processingPolls(0);
			backend.resume(request, ((PublishResult.InProgress) pending).token(), session);
			byte[] png = XTestSupport.noise(2, 2, "png", 1);
			backend.publish(
					PublishRequest.text("warm", "warm", "warm image")
						.withMedia(List.of(XTestSupport.media("w", MediaKind.IMAGE, "image/png", png, "alt"))),
					session);
			backend.reconcile(request, session, this.clock.instant());
		}
		catch (PublishException ex) {
			throw new IllegalStateException("The fake X server does not work: " + ex.getMessage(), ex);
		}
		finally {
			reset();
		}
		List<String> problems = takeViolations();
		if (!problems.isEmpty()) {
			throw new IllegalStateException("The fake X server breaks the X OpenAPI document: " + problems);
		}
		return this;
	}

	// ---- test controls -------------------------------------------------------------

	/**
	 * A user who has authorised Herald, with fresh tokens.
	 * @param username the user name
	 * @return the session Herald would store
	 */
	synchronized AccountSession newAccount(String username) {
		User user = user(username);
		Token token = issue(user.id(), GRANTED_SCOPES);
		return new AccountSession(user.id(), user.username(), null, token.accessToken(), token.refreshToken(),
				token.expiresAt(), Map.of());
	}

	/**
	 * Plays the user's part on X's consent screen: checks the authorization URL Herald
	 * built and approves it.
	 * @param authorizationUrl the URL Herald sent the browser to
	 * @param username who approves
	 * @return the code and state X would send to the callback
	 */
	public synchronized Callback approve(URI authorizationUrl, String username) {
		HttpUrl url = HttpUrl.get(authorizationUrl);
		require("response_type=code", "code".equals(url.queryParameter("response_type")));
		require("client_id", CLIENT_ID.equals(url.queryParameter("client_id")));
		require("code_challenge_method=S256", "S256".equals(url.queryParameter("code_challenge_method")));
		String challenge = url.queryParameter("code_challenge");
		require("code_challenge is 43 base64url characters",
				challenge != null && challenge.matches("[A-Za-z0-9_-]{43}"));
		String scope = Objects.requireNonNullElse(url.queryParameter("scope"), "");
		require("scope asks for offline.access", List.of(scope.split(" ")).contains("offline.access"));
		String state = url.queryParameter("state");
		require("state", state != null && !state.isBlank());
		String redirect = url.queryParameter("redirect_uri");
		require("redirect_uri", redirect != null);
		String code = "code-" + UUID.randomUUID();
		this.codes.put(code, new Grant(user(username).id(), challenge, redirect, scope));
		return new Callback(code, state);
	}

	public synchronized List<Post> posts(String userId) {
		return List.copyOf(this.posts.getOrDefault(userId, List.of()));
	}

	public synchronized List<Post> allPosts() {
		return this.posts.values().stream().flatMap(List::stream).toList();
	}

	synchronized Post post(String postId) {
		return find(postId);
	}

	public synchronized Media media(String mediaId) {
		return this.media.get(mediaId);
	}

	/** The user revokes Herald's access: every token stops working. */
	synchronized void revoke(String userId) {
		this.accessTokens.values().removeIf((token) -> token.userId().equals(userId));
		this.refreshTokens.values().removeIf((token) -> token.userId().equals(userId));
	}

	public synchronized void suspend(String userId) {
		User user = this.users.get(userId);
		this.users.put(userId, new User(user.id(), user.username(), user.name(), true));
	}

	/** Status polls a video answers "in progress" before it is ready. */
	synchronized void processingPolls(int polls) {
		this.processingPolls = polls;
	}

	/**
	 * Makes the next request to a path fail.
	 * @param fault the failure
	 */
	public synchronized void inject(Fault fault) {
		injectAfter(0, fault);
	}

	/**
	 * Makes a later request to a path fail.
	 * @param skip how many matching requests still succeed first
	 * @param fault the failure
	 */
	synchronized void injectAfter(int skip, Fault fault) {
		this.faults.add(new Armed(fault, skip));
	}

	synchronized void reset() {
		this.faults.clear();
		this.processingPolls = 1;
	}

	/**
	 * The requests received, as {@code METHOD /path?query}.
	 * @return the log
	 */
	public List<String> requests() {
		synchronized (this.requestLog) {
			return List.copyOf(this.requestLog);
		}
	}

	/**
	 * Takes the spec violations seen so far.
	 * @return the violations, now cleared
	 */
	public List<String> takeViolations() {
		synchronized (this.violations) {
			List<String> taken = List.copyOf(this.violations);
			this.violations.clear();
			return taken;
		}
	}

	@Override
	public void close() {
		this.server.close();
	}

	// ---- dispatch ------------------------------------------------------------------

	private synchronized MockResponse handle(RecordedRequest request) {
		String path = request.getUrl().encodedPath();
		this.requestLog.add(request.getMethod() + " " + request.getTarget());
		Fault fault = takeFault(request.getMethod(), path);
		if (path.equals("/2/oauth2/token")) {
			if (fault != null && fault.kind() == Fault.Kind.SERVER_ERROR) {
				return tokenError(503, "server_error", fault.messageOr("Service Unavailable"));
			}
			if (fault != null && fault.kind() != Fault.Kind.TIMEOUT_AFTER_SEND) {
				return tokenError(400, "invalid_request", fault.messageOr("Value passed for the token was invalid."));
			}
			return token(request);
		}
		List<String> problems = this.spec.validateRequest(request);
		if (!problems.isEmpty()) {
			problems.forEach((problem) -> this.violations.add("request " + request.getRequestLine() + ": " + problem));
			return respond(request, problem(400, "invalid-request", "Invalid Request", String.join("; ", problems)));
		}
		String userId = authenticate(request);
		if (userId == null) {
			return respond(request, error(401, 89, "Invalid or expired token."));
		}
		if (this.users.get(userId).suspended()) {
			return respond(request,
					error(403, 64, "Your account is suspended and is not permitted to access this feature."));
		}
		if (fault != null && fault.kind() == Fault.Kind.TIMEOUT_NOT_APPLIED) {
			// The request is lost before X acts on it, and so is the answer.
			return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
		}
		if (fault != null && !fault.kind().applies()) {
			return faultResponse(request, fault);
		}
		Reply reply = route(request, userId);
		if (fault != null && fault.kind() == Fault.Kind.APPLIED_THEN_SERVER_ERROR) {
			check(request, reply);
			return respond(request, problem(503, "internal-error", "Service Unavailable",
					fault.messageOr("Service Unavailable: X is temporarily over capacity.")));
		}
		if (fault != null && fault.kind() == Fault.Kind.APPLIED_THEN_RESET) {
			check(request, reply);
			return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
		}
		if (fault != null) {
			// The request is applied, then the answer never comes.
			check(request, reply);
			return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
		}
		return respond(request, reply);
	}

	private Reply route(RecordedRequest request, String userId) {
		String method = request.getMethod();
		String path = request.getUrl().encodedPath();
		List<String> segments = request.getUrl().pathSegments();
		if (method.equals("GET") && path.equals("/2/users/me")) {
			return limited(userId, "users/me", READS_PER_WINDOW, () -> me(userId));
		}
		if (method.equals("POST") && path.equals("/2/tweets")) {
			return createPost(userId, body(request));
		}
		if (method.equals("GET") && segments.size() == 4 && segments.get(1).equals("users")
				&& segments.get(3).equals("tweets")) {
			return limited(userId, "users/tweets", READS_PER_WINDOW, () -> timeline(segments.get(2), request.getUrl()));
		}
		if (method.equals("POST") && path.equals("/2/media/upload/initialize")) {
			return limited(userId, "media", READS_PER_WINDOW, () -> initialize(userId, body(request)));
		}
		if (method.equals("POST") && segments.size() == 5 && segments.get(4).equals("append")) {
			return limited(userId, "media", READS_PER_WINDOW, () -> append(userId, segments.get(3), request));
		}
		if (method.equals("POST") && segments.size() == 5 && segments.get(4).equals("finalize")) {
			return limited(userId, "media", READS_PER_WINDOW, () -> finalizeUpload(userId, segments.get(3)));
		}
		if (method.equals("GET") && path.equals("/2/media/upload")) {
			return limited(userId, "media", READS_PER_WINDOW,
					() -> status(userId, request.getUrl().queryParameter("media_id")));
		}
		if (method.equals("POST") && path.equals("/2/media/metadata")) {
			return limited(userId, "media", READS_PER_WINDOW, () -> metadata(userId, body(request)));
		}
		this.violations.add("the fake has no route for " + request.getRequestLine());
		return problem(404, "resource-not-found", "Not Found Error", "No route for " + path);
	}

	// ---- users and posts -------------------------------------------------------------

	private Reply me(String userId) {
		User user = this.users.get(userId);
		ObjectNode data = this.json.createObjectNode()
			.put("id", user.id())
			.put("name", user.name())
			.put("username", user.username());
		return ok(200, this.json.createObjectNode().set("data", data));
	}

	private Reply createPost(String userId, JsonNode body) {
		Instant now = this.clock.instant();
		List<Post> mine = this.posts.computeIfAbsent(userId, (id) -> new ArrayList<>());
		long inWindow = mine.stream().filter((post) -> post.createdAt().isAfter(now.minus(WINDOW))).count();
		long inDay = mine.stream().filter((post) -> post.createdAt().isAfter(now.minus(Duration.ofDays(1)))).count();
		Instant windowReset = mine.stream()
			.map(Post::createdAt)
			.filter((at) -> at.isAfter(now.minus(WINDOW)))
			.min(Instant::compareTo)
			.orElse(now)
			.plus(WINDOW);
		Instant dayReset = mine.stream()
			.map(Post::createdAt)
			.filter((at) -> at.isAfter(now.minus(Duration.ofDays(1))))
			.min(Instant::compareTo)
			.orElse(now)
			.plus(Duration.ofDays(1));
		Map<String, String> headers = new LinkedHashMap<>();
		if (inWindow >= POSTS_PER_WINDOW || inDay >= POSTS_PER_DAY) {
			limitHeaders(headers, "x-rate-limit-", POSTS_PER_WINDOW, POSTS_PER_WINDOW - inWindow, windowReset);
			limitHeaders(headers, "x-user-limit-24hour-", POSTS_PER_DAY, POSTS_PER_DAY - inDay, dayReset);
			return error(429, 88, "Rate limit exceeded").withHeaders(headers);
		}
		String text = body.path("text").asString("");
		List<String> mediaIds = new ArrayList<>();
		body.path("media").path("media_ids").forEach((id) -> mediaIds.add(id.asString()));
		if (text.isBlank() && mediaIds.isEmpty()) {
			return problem(400, "invalid-request", "Invalid Request", "Text or media is required.");
		}
		// X's own rule, from twitter-text and its default configuration (280 weighted,
		// URLs 23, no U+FFFE/U+FEFF/U+FFFF), not the driver's XText: a driver that
		// counted
		// wrongly would otherwise agree with its fake by construction.
		if (!text.isBlank() && !TwitterTextParser.parseTweet(text).isValid) {
			return problem(403, "disallowed-resource", "Forbidden", "Your Tweet text is too long.");
		}
		for (String id : mediaIds) {
			Media item = this.media.get(id);
			if (item == null || !item.userId().equals(userId) || !item.finalized() || item.pollsLeft() > 0) {
				return problem(400, "invalid-request", "Invalid Request", "Your media IDs are invalid.");
			}
		}
		String replyTo = body.path("reply").path("in_reply_to_tweet_id").asString(null);
		String quote = body.path("quote_tweet_id").asString(null);
		for (String ref : new String[] { replyTo, quote }) {
			if (ref != null && find(ref) == null) {
				return problem(400, "invalid-request", "Invalid Request",
						"You attempted to reply to or quote a Post that is deleted or not visible to you.");
			}
		}
		if (mine.stream().anyMatch((post) -> post.sentText().equals(text))) {
			return problem(403, "disallowed-resource", "Forbidden",
					"You are not allowed to create a Tweet with duplicate content.");
		}
		Post post = new Post(nextId(), userId, text, render(text, !mediaIds.isEmpty()), now, replyTo, quote,
				List.copyOf(mediaIds));
		mine.add(post);
		limitHeaders(headers, "x-rate-limit-", POSTS_PER_WINDOW, POSTS_PER_WINDOW - inWindow - 1, windowReset);
		limitHeaders(headers, "x-user-limit-24hour-", POSTS_PER_DAY, POSTS_PER_DAY - inDay - 1, dayReset);
		ObjectNode data = this.json.createObjectNode().put("id", post.id()).put("text", post.text());
		data.putArray("edit_history_post_ids").add(post.id());
		return ok(201, this.json.createObjectNode().set("data", data)).withHeaders(headers);
	}

	private Reply timeline(String userId, HttpUrl url) {
		if (!this.users.containsKey(userId)) {
			return problem(404, "resource-not-found", "Not Found Error", "Could not find user with id: " + userId);
		}
		Instant start = instant(url.queryParameter("start_time"), Instant.MIN);
		Instant end = instant(url.queryParameter("end_time"), Instant.MAX);
		int max = (url.queryParameter("max_results") != null) ? Integer.parseInt(url.queryParameter("max_results"))
				: 10;
		int offset = (url.queryParameter("pagination_token") != null)
				? Integer.parseInt(url.queryParameter("pagination_token").substring(1)) : 0;
		List<Post> matching = new ArrayList<>(this.posts.getOrDefault(userId, List.of())
			.stream()
			.filter((post) -> !post.createdAt().isBefore(start) && post.createdAt().isBefore(end))
			.toList());
		Collections.reverse(matching);
		List<Post> page = matching.subList(Math.min(offset, matching.size()), Math.min(offset + max, matching.size()));
		ObjectNode root = this.json.createObjectNode();
		ObjectNode meta = this.json.createObjectNode().put("result_count", page.size());
		if (!page.isEmpty()) {
			ArrayNode data = root.putArray("data");
			for (Post post : page) {
				ObjectNode node = data.addObject().put("id", post.id()).put("text", post.text());
				node.putArray("edit_history_post_ids").add(post.id());
			}
			meta.put("newest_id", page.get(0).id()).put("oldest_id", page.get(page.size() - 1).id());
		}
		if (offset + max < matching.size()) {
			meta.put("next_token", "o" + (offset + max));
		}
		root.set("meta", meta);
		return ok(200, root);
	}

	// ---- media
	// -------------------------------------------------------------------------

	private Reply initialize(String userId, JsonNode body) {
		String category = body.path("media_category").asString("tweet_image");
		long total = body.path("total_bytes").asLong(-1);
		if (total <= 0) {
			return problem(400, "invalid-request", "Invalid Request", "total_bytes is required.");
		}
		String id = nextId();
		this.media.put(id, new Media(id, userId, category, body.path("media_type").asString(null), total,
				new HashMap<>(), false, 0, null));
		ObjectNode data = this.json.createObjectNode()
			.put("id", id)
			.put("media_key", mediaKey(category, id))
			.put("expires_after_secs", 86400);
		return ok(200, this.json.createObjectNode().set("data", data));
	}

	private Reply append(String userId, String mediaId, RecordedRequest request) {
		Media item = owned(userId, mediaId);
		if (item == null || item.finalized()) {
			return problem(400, "invalid-request", "Invalid Request", "Unknown or finalized media id.");
		}
		Integer segment = null;
		byte[] bytes = null;
		String boundary = MediaType.get(request.getHeaders().get("Content-Type")).parameter("boundary");
		try (MultipartReader reader = new MultipartReader(new Buffer().write(request.getBody()), boundary)) {
			MultipartReader.Part part;
			while ((part = reader.nextPart()) != null) {
				String disposition = part.headers().get("Content-Disposition");
				if (disposition.contains("name=\"segment_index\"")) {
					segment = Integer.parseInt(part.body().readUtf8());
				}
				else if (disposition.contains("name=\"media\"")) {
					bytes = part.body().readByteArray();
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			return problem(400, "invalid-request", "Invalid Request", "Unreadable multipart body.");
		}
		if (segment == null || bytes == null) {
			return problem(400, "invalid-request", "Invalid Request", "segment_index and media are required.");
		}
		item.segments().put(segment, bytes);
		ObjectNode data = this.json.createObjectNode()
			.put("expires_at", this.clock.instant().plus(Duration.ofDays(1)).getEpochSecond());
		return ok(200, this.json.createObjectNode().set("data", data));
	}

	private Reply finalizeUpload(String userId, String mediaId) {
		Media item = owned(userId, mediaId);
		if (item == null) {
			return problem(400, "invalid-request", "Invalid Request", "Unknown media id.");
		}
		byte[] content = item.content();
		if (content == null || content.length != item.totalBytes()) {
			return problem(400, "invalid-request", "Invalid Request",
					"Segments do not add up to total_bytes (" + item.totalBytes() + ").");
		}
		boolean processed = !item.category().equals("tweet_image");
		Media done = item.asFinalized(processed ? this.processingPolls : 0);
		this.media.put(mediaId, done);
		ObjectNode data = mediaData(done);
		data.put("size", content.length);
		if (processed) {
			data.putObject("processing_info").put("state", "pending").put("check_after_secs", 1);
		}
		else {
			data.putObject("image").put("image_type", item.mediaType());
		}
		return ok(200, this.json.createObjectNode().set("data", data));
	}

	private Reply status(String userId, String mediaId) {
		Media item = owned(userId, mediaId);
		if (item == null || !item.finalized()) {
			return problem(400, "invalid-request", "Invalid Request", "Unknown or unfinished media id.");
		}
		ObjectNode data = mediaData(item);
		if (item.pollsLeft() > 0) {
			Media next = item.asFinalized(item.pollsLeft() - 1);
			this.media.put(mediaId, next);
			data.putObject("processing_info")
				.put("state", "in_progress")
				.put("check_after_secs", 2)
				.put("progress_percent", 50);
		}
		else {
			data.putObject("processing_info").put("state", "succeeded").put("progress_percent", 100);
		}
		return ok(200, this.json.createObjectNode().set("data", data));
	}

	private Reply metadata(String userId, JsonNode body) {
		String mediaId = body.path("id").asString();
		Media item = owned(userId, mediaId);
		if (item == null) {
			return problem(400, "invalid-request", "Invalid Request", "Unknown media id.");
		}
		this.media.put(mediaId, item.withAltText(body.path("metadata").path("alt_text").path("text").asString(null)));
		ObjectNode data = this.json.createObjectNode().put("id", mediaId);
		data.set("associated_metadata", body.path("metadata"));
		return ok(200, this.json.createObjectNode().set("data", data));
	}

	private ObjectNode mediaData(Media item) {
		return this.json.createObjectNode()
			.put("id", item.id())
			.put("media_key", mediaKey(item.category(), item.id()))
			.put("expires_after_secs", 86400);
	}

	private static String mediaKey(String category, String id) {
		return (category.equals("tweet_image") ? "3_" : category.equals("tweet_gif") ? "16_" : "7_") + id;
	}

	private Media owned(String userId, String mediaId) {
		Media item = this.media.get(mediaId);
		return (item != null && item.userId().equals(userId)) ? item : null;
	}

	// ---- OAuth (not in the OpenAPI document: checked against RFC 6749 / 7636) --------

	private MockResponse token(RecordedRequest request) {
		List<String> problems = new ArrayList<>();
		if (!"POST".equals(request.getMethod())) {
			problems.add("the token endpoint takes POST");
		}
		String contentType = Objects.requireNonNullElse(request.getHeaders().get("Content-Type"), "");
		if (!contentType.startsWith("application/x-www-form-urlencoded")) {
			problems.add("the token request must be application/x-www-form-urlencoded, was " + contentType);
		}
		if (!problems.isEmpty()) {
			problems.forEach((problem) -> this.violations.add("token request: " + problem));
			return tokenError(400, "invalid_request", String.join("; ", problems));
		}
		String basic = "Basic " + Base64.getEncoder()
			.encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
		if (!basic.equals(request.getHeaders().get("Authorization"))) {
			return tokenError(401, "unauthorized_client", "Missing valid authorization header");
		}
		Map<String, String> form = form(request.getBody().utf8());
		if (form.containsKey("client_id") && !CLIENT_ID.equals(form.get("client_id"))) {
			return tokenError(400, "invalid_request", "client_id does not match the authorization header");
		}
		String grantType = Objects.requireNonNullElse(form.get("grant_type"), "");
		if (grantType.equals("authorization_code")) {
			Grant grant = this.codes.remove(Objects.requireNonNullElse(form.get("code"), ""));
			if (grant == null || !grant.redirectUri().equals(form.get("redirect_uri"))
					|| !grant.challenge().equals(s256(form.get("code_verifier")))) {
				return tokenError(400, "invalid_request", "Value passed for the authorization code was invalid.");
			}
			return tokenResponse(issue(grant.userId(), grant.scope()));
		}
		if (grantType.equals("refresh_token")) {
			Token old = this.refreshTokens.remove(Objects.requireNonNullElse(form.get("refresh_token"), ""));
			if (old == null) {
				return tokenError(400, "invalid_request", "Value passed for the token was invalid.");
			}
			// A refreshed token carries the scopes the user granted, whatever the
			// client asks for now.
			return tokenResponse(issue(old.userId(), old.scope()));
		}
		return tokenError(400, "unsupported_grant_type", "grant_type " + grantType + " is not supported");
	}

	private Token issue(String userId, String scope) {
		Token token = new Token("at-" + UUID.randomUUID(), "rt-" + UUID.randomUUID(), userId,
				this.clock.instant().plus(ACCESS_TOKEN_LIFETIME), scope);
		this.accessTokens.put(token.accessToken(), token);
		this.refreshTokens.put(token.refreshToken(), token);
		return token;
	}

	private MockResponse tokenResponse(Token token) {
		ObjectNode body = this.json.createObjectNode()
			.put("token_type", "bearer")
			.put("expires_in", ACCESS_TOKEN_LIFETIME.toSeconds())
			.put("access_token", token.accessToken())
			.put("scope", token.scope())
			.put("refresh_token", token.refreshToken());
		return new MockResponse.Builder().code(200)
			.setHeader("Content-Type", JSON_TYPE)
			.body(this.json.writeValueAsString(body))
			.build();
	}

	private MockResponse tokenError(int status, String error, String description) {
		ObjectNode body = this.json.createObjectNode().put("error", error).put("error_description", description);
		return new MockResponse.Builder().code(status)
			.setHeader("Content-Type", JSON_TYPE)
			.body(this.json.writeValueAsString(body))
			.build();
	}

	private String authenticate(RecordedRequest request) {
		String header = request.getHeaders().get("Authorization");
		if (header == null || !header.startsWith("Bearer ")) {
			return null;
		}
		Token token = this.accessTokens.get(header.substring("Bearer ".length()));
		if (token == null || !token.expiresAt().isAfter(this.clock.instant())) {
			return null;
		}
		return token.userId();
	}

	// ---- faults, limits, replies -----------------------------------------------------

	private Fault takeFault(String method, String path) {
		for (int i = 0; i < this.faults.size(); i++) {
			Armed armed = this.faults.get(i);
			Fault fault = armed.fault();
			if ((fault.method().equals("*") || fault.method().equals(method)) && path.startsWith(fault.pathPrefix())) {
				if (armed.skip() > 0) {
					this.faults.set(i, new Armed(fault, armed.skip() - 1));
					return null;
				}
				this.faults.remove(i);
				return fault;
			}
		}
		return null;
	}

	private MockResponse faultResponse(RecordedRequest request, Fault fault) {
		Map<String, String> headers = new LinkedHashMap<>();
		Reply reply = switch (fault.kind()) {
			case RATE_LIMITED -> {
				limitHeaders(headers, "x-rate-limit-", POSTS_PER_WINDOW, 0, fault.resetAt());
				yield error(429, 88, fault.messageOr("Rate limit exceeded")).withHeaders(headers);
			}
			case DAILY_LIMIT -> {
				limitHeaders(headers, "x-rate-limit-", POSTS_PER_WINDOW, 42, this.clock.instant().plus(WINDOW));
				limitHeaders(headers, "x-user-limit-24hour-", POSTS_PER_DAY, 0, fault.resetAt());
				yield error(429, 88, fault.messageOr("Rate limit exceeded")).withHeaders(headers);
			}
			case SERVER_ERROR -> problem(503, "internal-error", "Service Unavailable",
					fault.messageOr("Service Unavailable: X is temporarily over capacity."));
			case UNAUTHORIZED, TOKEN_REVOKED -> error(401, 89, fault.messageOr("Invalid or expired token."));
			case INVALID_CONTENT -> problem(400, "invalid-request", "Invalid Request",
					fault.messageOr("One or more parameters to your request was invalid."));
			case PROCESSING_FAILED -> {
				ObjectNode data = this.json.createObjectNode().put("id", request.getUrl().queryParameter("media_id"));
				data.putObject("processing_info").put("state", "failed").put("progress_percent", 0);
				yield ok(200, this.json.createObjectNode().set("data", data));
			}
			case TIMEOUT_AFTER_SEND, TIMEOUT_NOT_APPLIED, APPLIED_THEN_SERVER_ERROR, APPLIED_THEN_RESET ->
				throw new IllegalStateException("handled by the caller");
		};
		return respond(request, reply);
	}

	private Reply limited(String userId, String endpoint, int limit, java.util.function.Supplier<Reply> action) {
		Instant now = this.clock.instant();
		Window window = this.windows.compute(userId + " " + endpoint,
				(key, current) -> (current == null || !current.resetAt().isAfter(now))
						? new Window(now.plus(WINDOW).truncatedTo(ChronoUnit.SECONDS), 0) : current);
		Map<String, String> headers = new LinkedHashMap<>();
		if (window.used() >= limit) {
			limitHeaders(headers, "x-rate-limit-", limit, 0, window.resetAt());
			return error(429, 88, "Rate limit exceeded").withHeaders(headers);
		}
		Window used = new Window(window.resetAt(), window.used() + 1);
		this.windows.put(userId + " " + endpoint, used);
		limitHeaders(headers, "x-rate-limit-", limit, limit - used.used(), used.resetAt());
		return action.get().withHeaders(headers);
	}

	private static void limitHeaders(Map<String, String> headers, String prefix, long limit, long remaining,
			Instant reset) {
		headers.put(prefix + "limit", Long.toString(limit));
		headers.put(prefix + "remaining", Long.toString(Math.max(0, remaining)));
		headers.put(prefix + "reset", Long.toString(reset.getEpochSecond()));
	}

	private MockResponse respond(RecordedRequest request, Reply reply) {
		check(request, reply);
		MockResponse.Builder response = new MockResponse.Builder().code(reply.status());
		reply.headers().forEach(response::setHeader);
		if (reply.contentType() != null) {
			response.setHeader("Content-Type", reply.contentType()).body(reply.body());
		}
		return response.build();
	}

	private void check(RecordedRequest request, Reply reply) {
		this.spec.validateResponse(request, reply.status(), reply.contentType(), reply.body())
			.forEach((problem) -> this.violations.add("response " + reply.status() + " to " + request.getRequestLine()
					+ ": " + problem + " body=" + reply.body()));
	}

	private Reply ok(int status, ObjectNode body) {
		return new Reply(status, JSON_TYPE, this.json.writeValueAsString(body), Map.of());
	}

	private Reply problem(int status, String type, String title, String detail) {
		ObjectNode body = this.json.createObjectNode()
			.put("type", "https://api.x.com/2/problems/" + type)
			.put("title", title)
			.put("detail", detail)
			.put("status", status);
		if (type.equals("resource-not-found")) {
			body.put("resource_type", "user");
		}
		return new Reply(status, PROBLEM_JSON, this.json.writeValueAsString(body), Map.of());
	}

	private Reply error(int status, int code, String message) {
		ObjectNode body = this.json.createObjectNode().put("code", code).put("message", message);
		return new Reply(status, JSON_TYPE, this.json.writeValueAsString(body), Map.of());
	}

	// ---- helpers
	// -------------------------------------------------------------------------

	private User user(String username) {
		return this.users.values()
			.stream()
			.filter((user) -> user.username().equals(username))
			.findFirst()
			.orElseGet(() -> {
				User user = new User(nextId(), username, "Test " + username, false);
				this.users.put(user.id(), user);
				return user;
			});
	}

	private Post find(String postId) {
		return this.posts.values()
			.stream()
			.flatMap(List::stream)
			.filter((post) -> post.id().equals(postId))
			.findFirst()
			.orElse(null);
	}

	private String nextId() {
		return Long.toString(this.ids.incrementAndGet());
	}

	private JsonNode body(RecordedRequest request) {
		return this.json.readTree(request.getBody().utf8());
	}

	/** As X shows a post's text: t.co links, HTML-escaped, a link for attached media. */
	private String render(String text, boolean hasMedia) {
		StringBuilder out = new StringBuilder();
		int from = 0;
		for (Extractor.Entity url : new Extractor().extractURLsWithIndices(text)) {
			out.append(text, from, url.getStart()).append(tco());
			from = url.getEnd();
		}
		out.append(text.substring(from));
		String rendered = out.toString().strip().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
		return hasMedia ? (rendered + " " + tco()).strip() : rendered;
	}

	private String tco() {
		return "https://t.co/" + Long.toString(this.ids.incrementAndGet(), 36).substring(0, 10);
	}

	private static Instant instant(String value, Instant fallback) {
		return (value != null) ? Instant.parse(value) : fallback;
	}

	private static Map<String, String> form(String body) {
		Map<String, String> form = new HashMap<>();
		HttpUrl parsed = HttpUrl.get("http://form.invalid/?" + body);
		for (String name : parsed.queryParameterNames()) {
			form.put(name, parsed.queryParameter(name));
		}
		return form;
	}

	private static String s256(String verifier) {
		if (verifier == null) {
			return "";
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void require(String what, boolean ok) {
		if (!ok) {
			throw new AssertionError("X would reject this authorization URL: " + what);
		}
	}

	// ---- values
	// --------------------------------------------------------------------------

	public record Callback(String code, String state) {
	}

	record User(String id, String username, String name, boolean suspended) {
	}

	public record Post(String id, String userId, String sentText, String text, Instant createdAt, String replyTo,
			String quote, List<String> mediaIds) {
	}

	public record Media(String id, String userId, String category, String mediaType, long totalBytes,
			Map<Integer, byte[]> segments, boolean finalized, int pollsLeft, String altText) {

		Media asFinalized(int pollsLeft) {
			return new Media(this.id, this.userId, this.category, this.mediaType, this.totalBytes, this.segments, true,
					pollsLeft, this.altText);
		}

		Media withAltText(String altText) {
			return new Media(this.id, this.userId, this.category, this.mediaType, this.totalBytes, this.segments,
					this.finalized, this.pollsLeft, altText);
		}

		byte[] content() {
			Buffer buffer = new Buffer();
			for (int i = 0; i < this.segments.size(); i++) {
				byte[] segment = this.segments.get(i);
				if (segment == null) {
					return null;
				}
				buffer.write(segment);
			}
			return buffer.readByteArray();
		}

	}

	/**
	 * A failure to inject.
	 *
	 * @param method the HTTP method it applies to, {@code *} for any
	 * @param pathPrefix the paths it applies to, {@code /} for any
	 * @param kind what goes wrong
	 * @param resetAt when a rate limit resets
	 * @param message X's message, or {@code null} for X's usual one
	 */
	public record Fault(String method, String pathPrefix, Kind kind, Instant resetAt, String message) {

		public Fault(String method, String pathPrefix, Kind kind, Instant resetAt) {
			this(method, pathPrefix, kind, resetAt, null);
		}

		public enum Kind {

			RATE_LIMITED, DAILY_LIMIT, SERVER_ERROR, UNAUTHORIZED, TOKEN_REVOKED, INVALID_CONTENT, TIMEOUT_AFTER_SEND,
			TIMEOUT_NOT_APPLIED, PROCESSING_FAILED, APPLIED_THEN_SERVER_ERROR, APPLIED_THEN_RESET;

			/** Whether X applies the request before the fault shows. */
			boolean applies() {
				return this == TIMEOUT_AFTER_SEND || this == APPLIED_THEN_SERVER_ERROR || this == APPLIED_THEN_RESET;
			}

		}

		public static Fault of(String method, String pathPrefix, Kind kind) {
			return new Fault(method, pathPrefix, kind, null, null);
		}

		String messageOr(String usual) {
			return (this.message != null) ? this.message : usual;
		}

	}

	private record Grant(String userId, String challenge, String redirectUri, String scope) {
	}

	private record Token(String accessToken, String refreshToken, String userId, Instant expiresAt, String scope) {
	}

	private record Armed(Fault fault, int skip) {
	}

	private record Window(Instant resetAt, int used) {
	}

	private record Reply(int status, String contentType, String body, Map<String, String> headers) {

		Reply withHeaders(Map<String, String> extra) {
			Map<String, String> all = new LinkedHashMap<>(this.headers);
			all.putAll(extra);
			return new Reply(this.status, this.contentType, this.body, all);
		}

	}

}
