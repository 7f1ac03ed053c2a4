package io.herald.drivers.bluesky;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.herald.drivers.spi.AccountProfile;
import io.herald.drivers.spi.AccountSession;
import io.herald.drivers.spi.AltTextRules;
import io.herald.drivers.spi.BaseSocialBackend;
import io.herald.drivers.spi.Capabilities;
import io.herald.drivers.spi.CapabilityValidator;
import io.herald.drivers.spi.ConnectRequest;
import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.MediaItem;
import io.herald.drivers.spi.MediaKind;
import io.herald.drivers.spi.MediaRules;
import io.herald.drivers.spi.PublishException;
import io.herald.drivers.spi.PublishRequest;
import io.herald.drivers.spi.PublishResult;
import io.herald.drivers.spi.RateBudget;
import io.herald.drivers.spi.TextRules;
import io.herald.drivers.spi.ValidationResult;
import io.herald.drivers.spi.ValidationResult.Codes;
import io.herald.drivers.spi.ValidationResult.Violation;
import okhttp3.OkHttpClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bluesky, or any AT Protocol PDS: posts are {@code app.bsky.feed.post} records created
 * with {@code com.atproto.repo.createRecord} under a record key derived from the
 * idempotency key.
 */
public class BlueskyBackend implements BaseSocialBackend {

	static final String NETWORK = "bluesky";

	static final String POST = "app.bsky.feed.post";

	/** The lexicon's limit on {@code text}, in UTF-8 bytes, next to 300 graphemes. */
	static final int MAX_TEXT_BYTES = 3000;

	private static final Capabilities CAPABILITIES = new Capabilities(
			new TextRules(300, TextRules.TextCounting.GRAPHEMES, TextRules.UNLIMITED, TextRules.UNLIMITED),
			new MediaRules(Set.of(MediaKind.IMAGE), 4, 2_000_000, 0, 0, Double.MAX_VALUE, Duration.ZERO, false, true),
			new AltTextRules(true, false, 2000), true, false, false, Capabilities.ConnectMethod.CREDENTIALS);

	private final BlueskyProperties properties;

	private final Clock clock;

	private final Xrpc xrpc;

	private final LinkPreviews linkPreviews;

	private final CapabilityValidator validator = new CapabilityValidator(CAPABILITIES, CapabilityValidator::graphemes);

	private final ImagePreparer images = new ImagePreparer(CAPABILITIES.media().maxImageBytes());

	public BlueskyBackend(BlueskyProperties properties, Clock clock) {
		this(properties, clock, null);
	}

	BlueskyBackend(BlueskyProperties properties, Clock clock, LinkPreviews linkPreviews) {
		this.properties = properties;
		this.clock = clock;
		OkHttpClient http = new OkHttpClient.Builder().connectTimeout(properties.connectTimeout())
			.readTimeout(properties.readTimeout())
			.writeTimeout(properties.readTimeout())
			.build();
		this.xrpc = new Xrpc(http, JsonMapper.builder().build(), clock);
		if (linkPreviews != null) {
			this.linkPreviews = linkPreviews;
		}
		else {
			OkHttpClient pages = http.newBuilder()
				.readTimeout(Duration.ofSeconds(5))
				.callTimeout(Duration.ofSeconds(10))
				.build();
			this.linkPreviews = properties.linkCards() ? LinkPreviews.openGraph(pages, false) : LinkPreviews.NONE;
		}
	}

	@Override
	public String network() {
		return NETWORK;
	}

	@Override
	public Capabilities capabilities() {
		return CAPABILITIES;
	}

	@Override
	public ValidationResult validate(PublishRequest request) {
		ValidationResult shared = this.validator.validate(request);
		List<Violation> violations = new ArrayList<>(shared.violations());
		checkBytes("text", request.text(), violations);
		for (int i = 0; i < request.thread().size(); i++) {
			checkBytes("thread[" + i + "].text", request.thread().get(i).text(), violations);
		}
		return new ValidationResult(violations);
	}

	private static void checkBytes(String field, String text, List<Violation> violations) {
		int bytes = text.getBytes(StandardCharsets.UTF_8).length;
		boolean reported = violations.stream()
			.anyMatch((v) -> v.field().equals(field) && v.code().equals(Codes.TEXT_TOO_LONG));
		if (bytes > MAX_TEXT_BYTES && !reported) {
			violations.add(new Violation(field, Codes.TEXT_TOO_LONG,
					"Text is " + bytes + " bytes in UTF-8; Bluesky takes at most " + MAX_TEXT_BYTES + "."));
		}
	}

	@Override
	public PublishResult publish(PublishRequest request, AccountSession session) throws PublishException {
		ValidationResult validation = validate(request);
		if (!validation.isValid()) {
			throw new PublishException(ErrorKind.INVALID_CONTENT,
					validation.violations()
						.stream()
						.map((v) -> v.field() + ": " + v.message())
						.collect(Collectors.joining(" ")));
		}
		URI service = service(session);
		List<Part> parts = parts(request);
		StrongRef root = null;
		StrongRef parent = null;
		if (request.replyToRemoteId() != null) {
			Existing target = existing(service, session, AtUri.parse(request.replyToRemoteId()));
			parent = target.ref();
			root = target.replyRoot().orElse(parent);
		}
		StrongRef first = null;
		RateBudget budget = null;
		for (int i = 0; i < parts.size(); i++) {
			String rkey = RecordKeys.tid(request.idempotencyKey(), i);
			Optional<StrongRef> already = find(service, session, rkey);
			StrongRef ref;
			if (already.isPresent()) {
				// An earlier attempt created this part; a second createRecord would fail.
				ref = already.get();
			}
			else {
				ObjectNode record = record(service, session, parts.get(i), (i == 0) ? request : null, root, parent);
				ObjectNode body = this.xrpc.json().createObjectNode();
				body.put("repo", session.remoteUserId())
					.put("collection", POST)
					.put("rkey", rkey)
					.set("record", record);
				XrpcResponse created = this.xrpc.procedure(service, "com.atproto.repo.createRecord", body,
						session.accessToken());
				budget = (created.budget() != null) ? created.budget() : budget;
				ref = created.ok()
						? new StrongRef(created.body().path("uri").asString(), created.body().path("cid").asString())
						: concurrentlyCreated(service, session, rkey, this.xrpc.failure(created, false));
			}
			if (first == null) {
				first = ref;
			}
			root = (root != null) ? root : ref;
			parent = ref;
		}
		return new PublishResult.Published(first.uri(), postUrl(session, first.uri()), budget);
	}

	@Override
	public Optional<PublishResult.Published> reconcile(PublishRequest request, AccountSession session,
			Instant attemptStart) throws PublishException {
		URI service = service(session);
		// Published only when every part exists; otherwise publishing again fills the
		// gaps.
		StrongRef first = null;
		for (int i = 0; i < parts(request).size(); i++) {
			Optional<StrongRef> part = find(service, session, RecordKeys.tid(request.idempotencyKey(), i));
			if (part.isEmpty()) {
				return Optional.empty();
			}
			first = (first != null) ? first : part.get();
		}
		return Optional.of(new PublishResult.Published(first.uri(), postUrl(session, first.uri())));
	}

	@Override
	public AccountSession connect(ConnectRequest request) throws PublishException {
		if (request.identifier() == null || request.identifier().isBlank() || request.secret() == null
				|| request.secret().isBlank()) {
			throw new PublishException(ErrorKind.AUTH_REVOKED, "Enter a handle (or DID) and an app password.");
		}
		URI service = (request.serviceUrl() != null) ? request.serviceUrl() : this.properties.defaultServiceUrl();
		ObjectNode body = this.xrpc.json().createObjectNode();
		body.put("identifier", request.identifier().trim().replaceFirst("^@", "")).put("password", request.secret());
		JsonNode created = expectOk(this.xrpc.procedure(service, "com.atproto.server.createSession", body, null), true)
			.body();
		return new AccountSession(created.path("did").asString(), created.path("handle").asString(), service,
				created.path("accessJwt").asString(), created.path("refreshJwt").asString(),
				expiry(created.path("accessJwt").asString()), Map.of());
	}

	@Override
	public AccountSession refresh(AccountSession session) throws PublishException {
		if (session.refreshToken() == null) {
			throw new PublishException(ErrorKind.AUTH_REVOKED, "No refresh token; reconnect the account.");
		}
		JsonNode refreshed = expectOk(this.xrpc.procedure(service(session), "com.atproto.server.refreshSession", null,
				session.refreshToken()), true)
			.body();
		String access = refreshed.path("accessJwt").asString();
		return session.withTokens(access, refreshed.path("refreshJwt").asString(), expiry(access));
	}

	@Override
	public AccountProfile verify(AccountSession session) throws PublishException {
		JsonNode me = expectOk(
				this.xrpc.query(service(session), "com.atproto.server.getSession", Map.of(), session.accessToken()),
				false)
			.body();
		String handle = me.path("handle").asString();
		return new AccountProfile(me.path("did").asString(), handle, null,
				URI.create(this.properties.webUrl() + "/profile/" + handle));
	}

	private ObjectNode record(URI service, AccountSession session, Part part, PublishRequest first, StrongRef root,
			StrongRef parent) throws PublishException {
		ObjectNode record = this.xrpc.json().createObjectNode();
		record.put("$type", POST);
		record.put("text", part.text());
		record.put("createdAt", this.clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
		ArrayNode facets = facets(service, session, part.text());
		if (!facets.isEmpty()) {
			record.set("facets", facets);
		}
		if (first != null && !first.langs().isEmpty()) {
			ArrayNode langs = record.putArray("langs");
			first.langs().stream().limit(3).forEach(langs::add);
		}
		if (root != null) {
			ObjectNode reply = record.putObject("reply");
			reply.set("root", root.json(this.xrpc.json()));
			reply.set("parent", parent.json(this.xrpc.json()));
		}
		ObjectNode embed = embed(service, session, part, (first != null) ? first.quoteRemoteId() : null);
		if (embed != null) {
			record.set("embed", embed);
		}
		return record;
	}

	private ObjectNode embed(URI service, AccountSession session, Part part, String quote) throws PublishException {
		ObjectNode media = part.media().isEmpty() ? null : images(service, session, part.media());
		ObjectNode quoted = null;
		if (quote != null) {
			quoted = this.xrpc.json().createObjectNode();
			quoted.put("$type", "app.bsky.embed.record");
			quoted.set("record", existing(service, session, AtUri.parse(quote)).ref().json(this.xrpc.json()));
		}
		if (media != null && quoted != null) {
			ObjectNode both = this.xrpc.json().createObjectNode();
			both.put("$type", "app.bsky.embed.recordWithMedia");
			both.set("record", quoted);
			both.set("media", media);
			return both;
		}
		if (media != null || quoted != null) {
			return (media != null) ? media : quoted;
		}
		return linkCard(part.text());
	}

	private ObjectNode images(URI service, AccountSession session, List<MediaItem> media) throws PublishException {
		ObjectNode embed = this.xrpc.json().createObjectNode();
		embed.put("$type", "app.bsky.embed.images");
		ArrayNode images = embed.putArray("images");
		for (MediaItem item : media) {
			ImagePreparer.Prepared prepared = this.images.prepare(item);
			XrpcResponse uploaded = expectOk(this.xrpc.upload(service, "com.atproto.repo.uploadBlob", prepared.bytes(),
					prepared.contentType(), session.accessToken()), false);
			ObjectNode image = images.addObject();
			image.set("image", uploaded.body().path("blob"));
			image.put("alt", (item.altText() != null) ? item.altText() : "");
			if (prepared.width() > 0 && prepared.height() > 0) {
				image.putObject("aspectRatio").put("width", prepared.width()).put("height", prepared.height());
			}
		}
		return embed;
	}

	private ObjectNode linkCard(String text) {
		Optional<Facets.Found> link = Facets.find(text)
			.stream()
			.filter((f) -> f.kind() == Facets.Kind.LINK)
			.findFirst();
		if (link.isEmpty()) {
			return null;
		}
		URI uri;
		try {
			uri = URI.create(link.get().value());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		return this.linkPreviews.fetch(uri).map((preview) -> {
			ObjectNode embed = this.xrpc.json().createObjectNode();
			embed.put("$type", "app.bsky.embed.external");
			embed.putObject("external")
				.put("uri", uri.toString())
				.put("title", preview.title())
				.put("description", preview.description());
			return embed;
		}).orElse(null);
	}

	private ArrayNode facets(URI service, AccountSession session, String text) throws PublishException {
		ArrayNode facets = this.xrpc.json().createArrayNode();
		for (Facets.Found found : Facets.find(text)) {
			ObjectNode feature = this.xrpc.json().createObjectNode();
			switch (found.kind()) {
				case LINK -> feature.put("$type", "app.bsky.richtext.facet#link").put("uri", found.value());
				case TAG -> feature.put("$type", "app.bsky.richtext.facet#tag").put("tag", found.value());
				case MENTION -> {
					Optional<String> did = resolveHandle(service, session, found.value());
					if (did.isEmpty()) {
						continue;
					}
					feature.put("$type", "app.bsky.richtext.facet#mention").put("did", did.get());
				}
			}
			ObjectNode facet = facets.addObject();
			facet.putObject("index").put("byteStart", found.byteStart()).put("byteEnd", found.byteEnd());
			facet.putArray("features").add(feature);
		}
		return facets;
	}

	/** A handle nobody holds stays plain text; outages and limits still fail the call. */
	private Optional<String> resolveHandle(URI service, AccountSession session, String handle) throws PublishException {
		XrpcResponse response = this.xrpc.query(service, "com.atproto.identity.resolveHandle", Map.of("handle", handle),
				session.accessToken());
		if (response.ok()) {
			return Optional.of(response.body().path("did").asString());
		}
		if (response.status() == 400 && !Set.of("ExpiredToken", "InvalidToken").contains(response.error())) {
			return Optional.empty();
		}
		throw this.xrpc.failure(response, false);
	}

	/**
	 * A createRecord for a key that already exists fails (a PDS answers 500). When the
	 * check before it missed the record (a concurrent attempt, a lagging read replica),
	 * the record found now is this publication.
	 */
	private StrongRef concurrentlyCreated(URI service, AccountSession session, String rkey, PublishException failure)
			throws PublishException {
		if (failure.kind() != ErrorKind.TRANSIENT && failure.kind() != ErrorKind.INVALID_CONTENT) {
			throw failure;
		}
		return find(service, session, rkey).orElseThrow(() -> failure);
	}

	private Optional<StrongRef> find(URI service, AccountSession session, String rkey) throws PublishException {
		return record(service, session, new AtUri(session.remoteUserId(), POST, rkey)).map(Existing::ref);
	}

	private Existing existing(URI service, AccountSession session, AtUri uri) throws PublishException {
		return record(service, session, uri).orElseThrow(() -> new PublishException(ErrorKind.INVALID_CONTENT,
				"RecordNotFound: the post " + uri + " does not exist."));
	}

	private Optional<Existing> record(URI service, AccountSession session, AtUri uri) throws PublishException {
		XrpcResponse response = this.xrpc.query(service, "com.atproto.repo.getRecord",
				Map.of("repo", uri.repo(), "collection", uri.collection(), "rkey", uri.rkey()), session.accessToken());
		if (response.status() == 400 && "RecordNotFound".equals(response.error())) {
			return Optional.empty();
		}
		JsonNode body = expectOk(response, false).body();
		JsonNode replyRoot = body.path("value").path("reply").path("root");
		return Optional.of(new Existing(new StrongRef(body.path("uri").asString(), body.path("cid").asString()),
				replyRoot.has("uri")
						? Optional.of(new StrongRef(replyRoot.path("uri").asString(), replyRoot.path("cid").asString()))
						: Optional.empty()));
	}

	private XrpcResponse expectOk(XrpcResponse response, boolean authCall) throws PublishException {
		if (!response.ok()) {
			throw this.xrpc.failure(response, authCall);
		}
		return response;
	}

	private URI service(AccountSession session) {
		return (session.serviceUrl() != null) ? session.serviceUrl() : this.properties.defaultServiceUrl();
	}

	private URI postUrl(AccountSession session, String atUri) {
		String who = (session.handle() != null) ? session.handle() : session.remoteUserId();
		return URI.create(
				this.properties.webUrl() + "/profile/" + who + "/post/" + atUri.substring(atUri.lastIndexOf('/') + 1));
	}

	private static List<Part> parts(PublishRequest request) {
		List<Part> parts = new ArrayList<>();
		parts.add(new Part(request.text(), request.media()));
		request.thread().forEach((p) -> parts.add(new Part(p.text(), p.media())));
		return parts;
	}

	/**
	 * The access token's {@code exp} claim; the PDS decides expiry, Herald only plans.
	 */
	private Instant expiry(String jwt) {
		String[] pieces = (jwt != null) ? jwt.split("\\.") : new String[0];
		if (pieces.length >= 2) {
			try {
				JsonNode claims = this.xrpc.json().readTree(Base64.getUrlDecoder().decode(pieces[1]));
				if (claims.path("exp").isNumber()) {
					return Instant.ofEpochSecond(claims.path("exp").asLong());
				}
			}
			catch (IllegalArgumentException | JacksonException ex) {
				// Not a JWT we can read; fall through to "unknown".
			}
		}
		return null;
	}

	private record Part(String text, List<MediaItem> media) {
	}

	private record Existing(StrongRef ref, Optional<StrongRef> replyRoot) {
	}

	/** A {@code com.atproto.repo.strongRef}. */
	private record StrongRef(String uri, String cid) {

		ObjectNode json(JsonMapper json) {
			return json.createObjectNode().put("uri", this.uri).put("cid", this.cid);
		}

	}

	/** An {@code at://repo/collection/rkey} URI. */
	record AtUri(String repo, String collection, String rkey) {

		static AtUri parse(String value) throws PublishException {
			String[] pieces = (value != null && value.startsWith("at://")) ? value.substring(5).split("/") : null;
			if (pieces == null || pieces.length != 3) {
				throw new PublishException(ErrorKind.INVALID_CONTENT, "Not a post URI: " + value);
			}
			return new AtUri(pieces[0], pieces[1], pieces[2]);
		}

		@Override
		public String toString() {
			return "at://" + this.repo + "/" + this.collection + "/" + this.rkey;
		}

	}

}
