package io.herald.drivers.instagram;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stateful stand-in for {@code graph.instagram.com} and {@code api.instagram.com}.
 * <p>
 * It behaves like the content-publishing API where Herald depends on it: containers are
 * created from media it really downloads over HTTP and checks (JPEG decoded with ImageIO,
 * MP4 by its {@code ftyp} box, image aspect ratio and size), they process for a time
 * measured on the shared {@link MutableClock}, expire after 24 hours, and publish into a
 * per-account list of posts limited by a rolling content-publishing quota. Tokens expire
 * and refresh like Instagram's long-lived tokens. Any call can be made to fail once with
 * a Graph error object or a dropped connection.
 */
public final class FakeGraphApi implements AutoCloseable {

	public static final String APP_ID = "990602627938098";

	public static final String APP_SECRET = "fake-app-secret";

	private static final Duration LONG_LIVED = Duration.ofDays(60);

	private static final Duration CONTAINER_LIFETIME = Duration.ofHours(24);

	private static final Duration QUOTA_WINDOW = Duration.ofHours(24);

	// Meta's documented limits, written out here rather than read from the driver so the
	// fake can catch the driver getting them wrong.
	private static final long MAX_IMAGE_BYTES = 8L * 1024 * 1024;

	private static final int MAX_CAPTION = 2200;

	private static final int MAX_HASHTAGS = 30;

	private static final int MAX_MENTIONS = 20;

	private static final int DEFAULT_QUOTA = 100;

	private static final int NOT_READY = 2207027;

	private static final int PUBLISHING_LIMIT = 2207042;

	private static final Pattern HASHTAG = Pattern.compile("(?<![\\p{L}\\p{N}_&])#[\\p{L}\\p{N}_]+");

	private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}_.])@[A-Za-z0-9._]+");

	private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ")
		.withZone(ZoneOffset.UTC);

	// The parameters Meta documents per endpoint for the Instagram API with Instagram
	// Login;
	// anything else is refused as the real API does, so a misspelt name fails a test.
	private static final Set<String> MEDIA_CREATE = Set.of("image_url", "video_url", "media_type", "is_carousel_item",
			"caption", "children", "alt_text", "location_id", "user_tags", "product_tags", "cover_url", "thumb_offset",
			"share_to_feed", "collaborators", "audio_name", "upload_type", "trial_params", "access_token");

	private static final Set<String> MEDIA_PUBLISH = Set.of("creation_id", "access_token");

	private static final Set<String> MEDIA_LIST = Set.of("fields", "limit", "after", "before", "since", "until",
			"access_token");

	private static final Set<String> PUBLISHING_LIMIT_READ = Set.of("fields", "since", "access_token");

	private static final Set<String> NODE_READ = Set.of("fields", "access_token");

	private static final Set<String> COMMENT_CREATE = Set.of("message", "access_token");

	private static final Set<String> COMMENT_LIST = Set.of("fields", "limit", "after", "before", "access_token");

	private static final Set<String> CODE_EXCHANGE = Set.of("client_id", "client_secret", "grant_type", "redirect_uri",
			"code");

	private static final Set<String> LONG_LIVED_EXCHANGE = Set.of("grant_type", "client_secret", "access_token");

	private static final Set<String> TOKEN_REFRESH = Set.of("grant_type", "access_token");

	private final MockWebServer server = new MockWebServer();

	private final MutableClock clock;

	private final OkHttpClient downloader = new OkHttpClient.Builder().callTimeout(10, TimeUnit.SECONDS).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final AtomicLong ids = new AtomicLong(17_900_000_000_000_000L);

	private final Map<String, Token> tokens = new HashMap<>();

	private final Map<String, Account> accounts = new HashMap<>();

	private final Map<String, Container> containers = new HashMap<>();

	private final Map<String, Post> posts = new HashMap<>();

	private final Map<String, String> authorizationCodes = new HashMap<>();

	private final Deque<Injection> injections = new ArrayDeque<>();

	private final List<String> calls = new ArrayList<>();

	public FakeGraphApi(MutableClock clock) throws IOException {
		this.clock = clock;
		this.server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return handle(request);
			}
		});
		this.server.setServerSocketFactory(new NoDelayServerSockets());
		this.server.start();
	}

	public URI baseUrl() {
		return this.server.url("/").uri();
	}

	// ---- test controls ----

	public synchronized Account createAccount(String username) {
		String userId = nextId();
		Account account = new Account(userId, username, "Display " + username);
		this.accounts.put(userId, account);
		account.token = issue(userId, Duration.ZERO, LONG_LIVED, true);
		return account;
	}

	/** A long-lived token issued {@code age} ago. */
	public synchronized String issueToken(Account account, Duration age) {
		return issue(account.userId, age, LONG_LIVED, true);
	}

	public synchronized void revokeTokens(Account account) {
		this.tokens.values().removeIf((token) -> token.userId.equals(account.userId));
	}

	/** As if the user approved the app in the authorization window. */
	public synchronized String authorize(Account account) {
		String code = "code-" + UUID.randomUUID();
		this.authorizationCodes.put(code, account.userId);
		return code;
	}

	public synchronized void processingTimes(Account account, Duration image, Duration video) {
		account.imageProcessing = image;
		account.videoProcessing = video;
	}

	public synchronized void quotaTotal(Account account, int total) {
		account.quotaTotal = total;
	}

	public synchronized List<Post> posts(Account account) {
		return List.copyOf(account.posts);
	}

	public synchronized Post post(String id) {
		return this.posts.get(id);
	}

	public synchronized List<Post> postsWithCaption(String caption) {
		return this.posts.values().stream().filter((post) -> caption.equals(post.caption)).toList();
	}

	/** The alt texts of a post's images in order, empty strings for none. */
	public synchronized List<String> altTexts(Post post) {
		Container container = this.containers.get(post.containerId);
		if (container == null) {
			return List.of();
		}
		List<Container> items = container.children.isEmpty() ? List.of(container)
				: container.children.stream().map(this.containers::get).toList();
		return items.stream().map((item) -> (item.altText != null) ? item.altText : "").toList();
	}

	public synchronized Container container(String id) {
		return this.containers.get(id);
	}

	public synchronized List<Container> containers(Account account) {
		return this.containers.values().stream().filter((c) -> c.userId.equals(account.userId)).toList();
	}

	/**
	 * Publishes a container behind the driver's back, as a call whose answer was lost.
	 */
	public synchronized Post publishDirectly(String containerId) {
		Container container = this.containers.get(containerId);
		return publish(this.accounts.get(container.userId), container);
	}

	/** Posts made in the Instagram app: they show in the account's media. */
	public synchronized Post postInApp(Account account, String caption, Instant at) {
		Post post = new Post(nextId(), account.userId, caption, "IMAGE", at, null);
		account.posts.add(0, post);
		account.newestFirst();
		this.posts.put(post.id, post);
		return post;
	}

	/** Counts calls whose "METHOD /path" ends with the suffix. */
	public synchronized long calls(String method, String pathSuffix) {
		return this.calls.stream().filter((call) -> call.startsWith(method + " ") && call.endsWith(pathSuffix)).count();
	}

	public synchronized List<String> calls() {
		return List.copyOf(this.calls);
	}

	public synchronized void clearFaults() {
		this.injections.clear();
	}

	/**
	 * The next matching call fails with a Graph error object. An empty method or suffix
	 * matches any call.
	 */
	public synchronized void failNext(String method, String pathSuffix, int httpStatus, int code, int subcode,
			String message) {
		failNext(method, pathSuffix, errorResponse(httpStatus, code, subcode, message, Map.of()));
	}

	public synchronized void failNext(String method, String pathSuffix, MockResponse response) {
		this.injections.add(new Injection(method, pathSuffix, false, response));
	}

	/**
	 * The next matching call is carried out, then the connection drops before the answer:
	 * the client cannot know whether it worked.
	 */
	public synchronized void dropAnswerAfterApplying(String method, String pathSuffix) {
		this.injections.add(new Injection(method, pathSuffix, true,
				new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build()));
	}

	/**
	 * The next matching call is carried out and answered normally, but only after
	 * {@code delay}: a client with a shorter read timeout gives up first.
	 */
	public synchronized void answerLateAfterApplying(String method, String pathSuffix, Duration delay) {
		this.injections.add(new Injection(method, pathSuffix, true, null, delay));
	}

	/**
	 * The next matching call is carried out, then answered with a Graph error anyway, as
	 * Instagram has been seen to publish and answer 500.
	 */
	public synchronized void failAfterApplying(String method, String pathSuffix, int httpStatus, int code,
			String message) {
		this.injections
			.add(new Injection(method, pathSuffix, true, errorResponse(httpStatus, code, 0, message, Map.of())));
	}

	/**
	 * Posts published through the API {@code count} times, {@code step} apart from
	 * {@code first}, as if by earlier runs: they count against the publishing quota.
	 */
	public synchronized void publishedEarlier(Account account, int count, Instant first, Duration step) {
		for (int i = 0; i < count; i++) {
			Instant at = first.plus(step.multipliedBy(i));
			Post post = new Post(nextId(), account.userId, "earlier post " + i, "IMAGE", at, null);
			account.posts.add(0, post);
			account.apiPublishes.add(at);
			this.posts.put(post.id, post);
		}
		account.newestFirst();
	}

	public MockResponse errorResponse(int httpStatus, int code, int subcode, String message,
			Map<String, String> headers) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("message", message);
		error.put("type", (code == 190) ? "OAuthException" : "IGApiException");
		error.put("code", code);
		if (subcode != 0) {
			error.put("error_subcode", subcode);
		}
		error.put("is_transient", false);
		error.put("fbtrace_id", "FakeTrace" + this.ids.incrementAndGet());
		MockResponse.Builder builder = new MockResponse.Builder().code(httpStatus)
			.addHeader("Content-Type", "application/json")
			.body(write(Map.of("error", error)));
		headers.forEach(builder::addHeader);
		return builder.build();
	}

	@Override
	public void close() {
		this.server.close();
	}

	// ---- the API ----

	private synchronized MockResponse handle(RecordedRequest request) {
		HttpUrl url = request.getUrl();
		List<String> segments = new ArrayList<>(url.pathSegments());
		segments.removeIf(String::isEmpty);
		if (!segments.isEmpty() && segments.get(0).matches("v\\d+\\.\\d+")) {
			segments.remove(0);
		}
		String path = "/" + String.join("/", segments);
		String method = request.getMethod();
		this.calls.add(method + " " + path);
		Map<String, String> params = new LinkedHashMap<>();
		for (String name : url.queryParameterNames()) {
			params.put(name, url.queryParameter(name));
		}
		if ("POST".equals(method) && request.getBody() != null) {
			params.putAll(form(request.getBody().utf8()));
		}
		Injection injection = takeInjection(method, path);
		if (injection != null && !injection.applyFirst) {
			return injection.response;
		}
		MockResponse response;
		try {
			response = route(method, segments, params);
		}
		catch (GraphError error) {
			response = errorResponse(error.httpStatus, error.code, error.subcode, error.getMessage(), Map.of());
		}
		if (injection != null && injection.response == null) {
			return response.newBuilder().headersDelay(injection.lateBy.toMillis(), TimeUnit.MILLISECONDS).build();
		}
		return (injection != null) ? injection.response : response;
	}

	private MockResponse route(String method, List<String> path, Map<String, String> params) {
		String first = path.isEmpty() ? "" : path.get(0);
		if (method.equals("POST") && path.equals(List.of("oauth", "access_token"))) {
			return ok(exchangeCode(allowed(params, CODE_EXCHANGE)));
		}
		if (method.equals("GET") && first.equals("access_token") && path.size() == 1) {
			return ok(exchangeForLongLived(allowed(params, LONG_LIVED_EXCHANGE)));
		}
		if (method.equals("GET") && first.equals("refresh_access_token")) {
			return ok(refreshToken(allowed(params, TOKEN_REFRESH)));
		}
		Token token = authenticate(params.get("access_token"));
		if (first.equals("me") && path.size() == 1) {
			allowed(params, NODE_READ);
			Account account = this.accounts.get(token.userId);
			return ok(Map.of("id", "app-scoped-" + account.userId, "user_id", account.userId, "username",
					account.username, "name", account.name));
		}
		if (path.size() == 2 && this.accounts.containsKey(first)) {
			Account account = ownAccount(token, first);
			return switch (method + " " + path.get(1)) {
				case "POST media" -> ok(Map.of("id", createContainer(account, allowed(params, MEDIA_CREATE)).id));
				case "POST media_publish" ->
					ok(Map.of("id", mediaPublish(account, allowed(params, MEDIA_PUBLISH).get("creation_id")).id));
				case "GET media" -> ok(listMedia(account, allowed(params, MEDIA_LIST)));
				case "GET content_publishing_limit" -> {
					allowed(params, PUBLISHING_LIMIT_READ);
					yield ok(quota(account));
				}
				default -> throw new GraphError(400, 100, 0, "Unsupported request");
			};
		}
		if (path.size() == 1 && this.containers.containsKey(first)) {
			Container container = this.containers.get(first);
			ownAccount(token, container.userId);
			allowed(params, NODE_READ);
			Map<String, Object> fields = new LinkedHashMap<>();
			fields.put("id", container.id);
			fields.put("status_code", container.statusCode(this.clock.instant()));
			fields.put("status", container.statusText(this.clock.instant()));
			return ok(fields);
		}
		if (this.posts.containsKey(first)) {
			Post post = this.posts.get(first);
			ownAccount(token, post.userId);
			if (path.size() == 1 && method.equals("GET")) {
				allowed(params, NODE_READ);
				return ok(post.fields());
			}
			if (path.size() == 2 && path.get(1).equals("comments")) {
				if (method.equals("POST")) {
					return ok(comment(post, allowed(params, COMMENT_CREATE).get("message")));
				}
				allowed(params, COMMENT_LIST);
				return ok(Map.of("data", post.comments));
			}
		}
		throw new GraphError(400, 100, 33, "Unsupported get request. Object with ID '" + first
				+ "' does not exist, cannot be loaded due to missing permissions, or does not support this operation.");
	}

	private Map<String, Object> exchangeCode(Map<String, String> form) {
		if (!APP_ID.equals(form.get("client_id")) || !APP_SECRET.equals(form.get("client_secret"))
				|| !"authorization_code".equals(form.get("grant_type")) || form.get("redirect_uri") == null) {
			throw new GraphError(400, 101, 0, "Error validating client secret.");
		}
		String userId = this.authorizationCodes.remove(form.get("code"));
		if (userId == null) {
			throw new GraphError(400, 100, 36007, "This authorization code has been used.");
		}
		String shortLived = issue(userId, Duration.ZERO, Duration.ofHours(1), false);
		return Map.of("data", List.of(Map.of("access_token", shortLived, "user_id", userId, "permissions",
				"instagram_business_basic,instagram_business_content_publish")));
	}

	private Map<String, Object> exchangeForLongLived(Map<String, String> params) {
		if (!"ig_exchange_token".equals(params.get("grant_type")) || !APP_SECRET.equals(params.get("client_secret"))) {
			throw new GraphError(400, 101, 0, "Error validating client secret.");
		}
		Token shortLived = authenticate(params.get("access_token"));
		if (shortLived.longLived) {
			throw new GraphError(400, 100, 0, "The access token is already long-lived.");
		}
		String token = issue(shortLived.userId, Duration.ZERO, LONG_LIVED, true);
		return Map.of("access_token", token, "token_type", "bearer", "expires_in", LONG_LIVED.toSeconds());
	}

	private Map<String, Object> refreshToken(Map<String, String> params) {
		if (!"ig_refresh_token".equals(params.get("grant_type"))) {
			throw new GraphError(400, 100, 0, "Unsupported grant_type.");
		}
		Token old = authenticate(params.get("access_token"));
		if (!old.longLived || old.issuedAt.plus(Duration.ofHours(24)).isAfter(this.clock.instant())) {
			throw new GraphError(400, 100, 0, "Long-lived tokens can be refreshed once they are 24 hours old.");
		}
		String token = issue(old.userId, Duration.ZERO, LONG_LIVED, true);
		return Map.of("access_token", token, "token_type", "bearer", "expires_in", LONG_LIVED.toSeconds());
	}

	private Container createContainer(Account account, Map<String, String> params) {
		String mediaType = params.getOrDefault("media_type", "IMAGE").toUpperCase(Locale.ROOT);
		boolean carouselItem = "true".equals(params.get("is_carousel_item"));
		String caption = params.get("caption");
		checkCaption(caption);
		Instant now = this.clock.instant();
		Container container = new Container(nextId(), account.userId, mediaType, carouselItem, caption, now);
		container.altText = params.get("alt_text");
		switch (mediaType) {
			case "IMAGE" -> {
				checkImage(download(required(params, "image_url"), true));
				container.readyAt = now.plus(account.imageProcessing);
			}
			case "REELS", "VIDEO" -> {
				if (mediaType.equals("VIDEO") && !carouselItem) {
					throw new GraphError(400, 100, 2207023,
							"The media type VIDEO is only for carousel items; use REELS.");
				}
				container.readyAt = now.plus(account.videoProcessing);
				// Instagram fetches videos in the background; failures show in the status
				try {
					checkVideo(download(required(params, "video_url"), false));
				}
				catch (GraphError error) {
					container.error = "Error: Media upload has failed with error code " + error.subcode;
				}
			}
			case "CAROUSEL" -> {
				List<String> children = Arrays.asList(required(params, "children").split(","));
				if (children.size() < 2 || children.size() > 10) {
					throw new GraphError(400, 100, 2207028, "A carousel needs 2 to 10 items.");
				}
				for (String childId : children) {
					Container child = this.containers.get(childId);
					if (child == null || !child.userId.equals(account.userId) || !child.carouselItem
							|| !"FINISHED".equals(child.statusCode(now))) {
						throw new GraphError(400, 100, 2207028,
								"Carousel item " + childId + " is not a finished carousel item.");
					}
				}
				container.children = children;
				container.readyAt = now;
			}
			default -> throw new GraphError(400, 100, 2207023, "The media type " + mediaType + " is not supported.");
		}
		this.containers.put(container.id, container);
		return container;
	}

	private Post mediaPublish(Account account, String creationId) {
		Container container = this.containers.get(creationId);
		if (container == null || !container.userId.equals(account.userId) || container.carouselItem) {
			throw new GraphError(400, 100, 33, "Media container " + creationId + " cannot be published.");
		}
		container.publishCalls++;
		Instant now = this.clock.instant();
		switch (container.statusCode(now)) {
			case "IN_PROGRESS" -> throw new GraphError(400, 9007, NOT_READY,
					"Media ID is not available. The media is not ready for publishing, please wait for a moment.");
			case "EXPIRED" -> throw new GraphError(400, -2, 2207020,
					"The media you are trying to access has expired. Please try to upload again.");
			case "ERROR" ->
				throw new GraphError(400, 9007, 2207032, "Create media fail, please try to re-create media.");
			case "PUBLISHED" -> throw new GraphError(400, 100, 0, "This media has already been published.");
			default -> {
			}
		}
		if (account.publishesSince(now.minus(QUOTA_WINDOW)) >= account.quotaTotal) {
			throw new GraphError(400, 9, PUBLISHING_LIMIT,
					"Application request limit reached. You reached maximum number of posts that is allowed to be published by Content Publishing API.");
		}
		return publish(account, container);
	}

	private Post publish(Account account, Container container) {
		Instant now = this.clock.instant();
		String type = switch (container.mediaType) {
			case "CAROUSEL" -> "CAROUSEL_ALBUM";
			case "REELS" -> "VIDEO";
			default -> "IMAGE";
		};
		Post post = new Post(nextId(), account.userId, container.caption, type, now, container.id);
		container.publishedAs = post.id;
		account.posts.add(0, post);
		account.apiPublishes.add(now);
		this.posts.put(post.id, post);
		return post;
	}

	/**
	 * Newest first, in pages: like the Graph API, {@code paging.cursors.after} names the
	 * last post of the page and {@code paging.next} is there only when more follow.
	 */
	private Map<String, Object> listMedia(Account account, Map<String, String> params) {
		int limit = Math.min(Integer.parseInt(params.getOrDefault("limit", "25")), 100);
		int start = 0;
		String after = params.get("after");
		if (after != null) {
			String lastId = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8);
			start = (int) account.posts.stream().takeWhile((post) -> !post.id.equals(lastId)).count() + 1;
		}
		List<Post> page = account.posts.subList(Math.min(start, account.posts.size()),
				Math.min(start + limit, account.posts.size()));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("data", page.stream().map(Post::fields).toList());
		if (!page.isEmpty()) {
			Map<String, Object> paging = new LinkedHashMap<>();
			String cursor = Base64.getUrlEncoder()
				.encodeToString(page.get(page.size() - 1).id.getBytes(StandardCharsets.UTF_8));
			paging.put("cursors",
					Map.of("before",
							Base64.getUrlEncoder().encodeToString(page.get(0).id.getBytes(StandardCharsets.UTF_8)),
							"after", cursor));
			if (start + limit < account.posts.size()) {
				paging.put("next",
						baseUrl()
							.resolve("/" + account.userId + "/media?limit=" + limit + "&after=" + cursor
									+ "&access_token=hidden")
							.toString());
			}
			body.put("paging", paging);
		}
		return body;
	}

	private Map<String, Object> quota(Account account) {
		int used = account.publishesSince(this.clock.instant().minus(QUOTA_WINDOW));
		return Map.of("data", List.of(Map.of("quota_usage", used, "config",
				Map.of("quota_total", account.quotaTotal, "quota_duration", QUOTA_WINDOW.toSeconds()))));
	}

	private Map<String, Object> comment(Post post, String message) {
		if (message == null || message.isBlank()) {
			throw new GraphError(400, 100, 0, "The parameter message is required.");
		}
		String id = nextId();
		post.comments.add(Map.of("id", id, "text", message, "username", this.accounts.get(post.userId).username));
		return Map.of("id", id);
	}

	// ---- media checks: the bytes behind the public URL must really be acceptable ----

	private static void checkCaption(String caption) {
		if (caption == null) {
			return;
		}
		if (caption.codePointCount(0, caption.length()) > MAX_CAPTION) {
			throw new GraphError(400, 36004, 2207010, "The caption is too long.");
		}
		if (HASHTAG.matcher(caption).results().count() > MAX_HASHTAGS) {
			throw new GraphError(400, 100, 0, "(#100) The caption contains more than " + MAX_HASHTAGS + " hashtags.");
		}
		if (MENTION.matcher(caption).results().count() > MAX_MENTIONS) {
			throw new GraphError(400, 100, 0, "(#100) The caption mentions more than " + MAX_MENTIONS + " accounts.");
		}
	}

	private byte[] download(String url, boolean image) {
		HttpUrl parsed = HttpUrl.parse(url);
		if (parsed == null) {
			throw new GraphError(400, 9004, 2207052, "The media could not be fetched from this uri: " + url);
		}
		try (Response response = this.downloader.newCall(new Request.Builder().url(parsed).build()).execute()) {
			if (!response.isSuccessful()) {
				throw new GraphError(400, 9004, 2207052, "The media could not be fetched from this uri: " + url);
			}
			byte[] bytes = response.body().bytes();
			if (image && bytes.length > MAX_IMAGE_BYTES) {
				throw new GraphError(400, 36000, 2207004, "The image size is too large.");
			}
			return bytes;
		}
		catch (IOException ex) {
			throw new GraphError(400, -2, 2207003, "It takes too long to download the media.");
		}
	}

	private static void checkImage(byte[] bytes) {
		try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
			Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
			if (!readers.hasNext()) {
				throw new GraphError(400, 36001, 2207005, "The image format is not supported.");
			}
			ImageReader reader = readers.next();
			try {
				if (!reader.getFormatName().equalsIgnoreCase("jpeg")) {
					throw new GraphError(400, 36001, 2207005, "The image format is not supported.");
				}
				reader.setInput(input);
				int width = reader.getWidth(0);
				int height = reader.getHeight(0);
				double ratio = (double) width / height;
				if (ratio < 0.8 - 1e-9 || ratio > 1.91 + 1e-9) {
					throw new GraphError(400, 36003, 2207009, "The submitted image with aspect ratio ('" + width + "/"
							+ height + "') cannot be published. Please submit an image with a valid aspect ratio.");
				}
				reader.read(0);
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException ex) {
			throw new GraphError(400, 36001, 2207005, "The image could not be decoded.");
		}
	}

	private static void checkVideo(byte[] bytes) {
		boolean isoMedia = bytes.length >= 12 && new String(bytes, 4, 4, StandardCharsets.ISO_8859_1).equals("ftyp");
		if (!isoMedia) {
			throw new GraphError(400, 352, 2207026, "The video format is not supported.");
		}
	}

	// ---- plumbing ----

	private Token authenticate(String accessToken) {
		Token token = (accessToken != null) ? this.tokens.get(accessToken) : null;
		if (token == null) {
			throw new GraphError(400, 190, 0, "Invalid OAuth access token - Cannot parse access token");
		}
		if (!token.expiresAt.isAfter(this.clock.instant())) {
			throw new GraphError(400, 190, 463,
					"Error validating access token: Session has expired on " + token.expiresAt + ".");
		}
		return token;
	}

	private Account ownAccount(Token token, String userId) {
		if (!token.userId.equals(userId)) {
			throw new GraphError(400, 100, 33, "Unsupported request. Object with ID '" + userId
					+ "' does not exist, cannot be loaded due to missing permissions, or does not support this operation.");
		}
		return this.accounts.get(userId);
	}

	private String issue(String userId, Duration age, Duration lifetime, boolean longLived) {
		String value = (longLived ? "IGAA" : "IGQ") + UUID.randomUUID().toString().replace("-", "");
		Instant issuedAt = this.clock.instant().minus(age);
		this.tokens.put(value, new Token(userId, issuedAt, issuedAt.plus(lifetime), longLived));
		return value;
	}

	private Injection takeInjection(String method, String path) {
		Predicate<Injection> matches = (injection) -> (injection.method.isEmpty() || injection.method.equals(method))
				&& path.endsWith(injection.pathSuffix);
		Iterator<Injection> iterator = this.injections.iterator();
		while (iterator.hasNext()) {
			Injection injection = iterator.next();
			if (matches.test(injection)) {
				iterator.remove();
				return injection;
			}
		}
		return null;
	}

	private static Map<String, String> allowed(Map<String, String> params, Set<String> documented) {
		for (String name : params.keySet()) {
			if (!documented.contains(name)) {
				throw new GraphError(400, 100, 0, "(#100) Param " + name + " is not a valid parameter");
			}
		}
		return params;
	}

	private static String required(Map<String, String> params, String name) {
		String value = params.get(name);
		if (value == null || value.isBlank()) {
			throw new GraphError(400, 100, 0, "The parameter " + name + " is required.");
		}
		return value;
	}

	private static Map<String, String> form(String body) {
		Map<String, String> params = new LinkedHashMap<>();
		for (String pair : body.split("&")) {
			if (!pair.isEmpty()) {
				int eq = pair.indexOf('=');
				String name = URLDecoder.decode((eq >= 0) ? pair.substring(0, eq) : pair, StandardCharsets.UTF_8);
				String value = (eq >= 0) ? URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8) : "";
				params.put(name, value);
			}
		}
		return params;
	}

	private MockResponse ok(Map<String, ?> body) {
		return new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json")
			.body(write(body))
			.build();
	}

	private String write(Object body) {
		return this.json.writeValueAsString(body);
	}

	private String nextId() {
		return String.valueOf(this.ids.incrementAndGet());
	}

	// ---- state ----

	public static final class Account {

		public final String userId;

		public final String username;

		public final String name;

		public final List<Post> posts = new ArrayList<>();

		public final List<Instant> apiPublishes = new ArrayList<>();

		public String token;

		Duration imageProcessing = Duration.ZERO;

		Duration videoProcessing = Duration.ofSeconds(30);

		int quotaTotal = DEFAULT_QUOTA;

		Account(String userId, String username, String name) {
			this.userId = userId;
			this.username = username;
			this.name = name;
		}

		void newestFirst() {
			this.posts.sort(Comparator.comparing((Post post) -> post.timestamp).reversed());
		}

		int publishesSince(Instant since) {
			return (int) this.apiPublishes.stream().filter((time) -> time.isAfter(since)).count();
		}

	}

	public static final class Container {

		public final String id;

		public final String userId;

		public final String mediaType;

		public final boolean carouselItem;

		public final String caption;

		public final Instant createdAt;

		Instant readyAt;

		public String altText;

		public List<String> children = List.of();

		String error;

		public String publishedAs;

		public int publishCalls;

		Container(String id, String userId, String mediaType, boolean carouselItem, String caption, Instant createdAt) {
			this.id = id;
			this.userId = userId;
			this.mediaType = mediaType;
			this.carouselItem = carouselItem;
			this.caption = caption;
			this.createdAt = createdAt;
		}

		String statusCode(Instant now) {
			if (this.publishedAs != null) {
				return "PUBLISHED";
			}
			if (this.error != null && !now.isBefore(this.readyAt)) {
				return "ERROR";
			}
			if (!now.isBefore(this.createdAt.plus(CONTAINER_LIFETIME))) {
				return "EXPIRED";
			}
			return now.isBefore(this.readyAt) ? "IN_PROGRESS" : "FINISHED";
		}

		String statusText(Instant now) {
			return switch (statusCode(now)) {
				case "ERROR" -> this.error;
				case "IN_PROGRESS" -> "In Progress";
				default -> "Finished: Media has been uploaded and it is ready to be published.";
			};
		}

	}

	public static final class Post {

		public final String id;

		public final String userId;

		public final String caption;

		public final String mediaType;

		public final Instant timestamp;

		public final String containerId;

		public final List<Map<String, String>> comments = new ArrayList<>();

		Post(String id, String userId, String caption, String mediaType, Instant timestamp, String containerId) {
			this.id = id;
			this.userId = userId;
			this.caption = caption;
			this.mediaType = mediaType;
			this.timestamp = timestamp;
			this.containerId = containerId;
		}

		public String permalink() {
			return "https://www.instagram.com/p/" + Long.toString(Long.parseLong(this.id), 36) + "/";
		}

		Map<String, Object> fields() {
			Map<String, Object> fields = new LinkedHashMap<>();
			fields.put("id", this.id);
			if (this.caption != null) {
				fields.put("caption", this.caption);
			}
			fields.put("media_type", this.mediaType);
			fields.put("timestamp", GRAPH_TIME.format(this.timestamp));
			fields.put("permalink", permalink());
			return fields;
		}

	}

	private record Token(String userId, Instant issuedAt, Instant expiresAt, boolean longLived) {
	}

	/**
	 * A fault for the next matching call: {@code response} replaces the answer (after
	 * carrying the call out when {@code applyFirst}); without one, the real answer comes
	 * {@code lateBy} late.
	 */
	private record Injection(String method, String pathSuffix, boolean applyFirst, MockResponse response,
			Duration lateBy) {

		Injection(String method, String pathSuffix, boolean applyFirst, MockResponse response) {
			this(method, pathSuffix, applyFirst, response, null);
		}

	}

	private static final class GraphError extends RuntimeException {

		private static final long serialVersionUID = 1L;

		final int httpStatus;

		final int code;

		final int subcode;

		GraphError(int httpStatus, int code, int subcode, String message) {
			super(message);
			this.httpStatus = httpStatus;
			this.code = code;
			this.subcode = subcode;
		}

	}

}
