package io.herald.drivers.bluesky;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import io.herald.drivers.spi.ConnectFailedException;
import io.herald.drivers.spi.ConnectFailedException.Reason;
import io.herald.drivers.spi.ConnectRequest;
import io.herald.drivers.spi.ErrorKind;
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
import io.herald.drivers.support.outbound.OutboundPolicy;
import io.herald.drivers.support.outbound.OutboundRefusedException;
import io.herald.drivers.support.outbound.ResponseTooLargeException;
import okhttp3.OkHttpClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
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
			// Larger images are re-encoded to fit (ImagePreparer), so the limit never
			// refuses one.
			new MediaRules(Set.of(MediaKind.IMAGE), 4, ImagePreparer.MAX_IMAGE_BYTES, 0, 0, Double.MAX_VALUE,
					Duration.ZERO, false, true),
			new AltTextRules(true, false, 2000), true, false, false, Capabilities.ConnectMethod.CREDENTIALS);

	private final BlueskyProperties properties;

	private final Xrpc xrpc;

	private final CapabilityValidator validator = new CapabilityValidator(CAPABILITIES, CapabilityValidator::graphemes);

	private final PostRecords posts;

	/**
	 * The driver, calling every PDS under the given outbound policy.
	 * @param properties the driver's settings
	 * @param outbound the policy for calls to user-supplied URLs (service URLs, links)
	 * @param clock the clock
	 */
	public BlueskyBackend(BlueskyProperties properties, OutboundPolicy outbound, Clock clock) {
		this(properties, outbound, clock, null);
	}

	BlueskyBackend(BlueskyProperties properties, OutboundPolicy outbound, Clock clock, LinkPreviews linkPreviews) {
		this.properties = properties;
		// Accounts name their own PDS and posts carry links: both are user-supplied URLs.
		OkHttpClient http = outbound.applyTo(new OkHttpClient.Builder())
			.connectTimeout(properties.connectTimeout())
			.readTimeout(properties.readTimeout())
			.writeTimeout(properties.readTimeout())
			.build();
		this.xrpc = new Xrpc(http, JsonMapper.builder().build(), clock);
		OkHttpClient pages = http.newBuilder()
			.readTimeout(Duration.ofSeconds(5))
			.callTimeout(Duration.ofSeconds(10))
			.build();
		LinkPreviews cards = (linkPreviews != null) ? linkPreviews
				: properties.linkCards() ? LinkPreviews.openGraph(pages) : LinkPreviews.NONE;
		this.posts = new PostRecords(this.xrpc.json(), clock, new ImagePreparer(), cards);
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
		Repo repo = repo(session);
		List<PostRecords.Part> parts = PostRecords.parts(request);
		StrongRef root = null;
		StrongRef parent = null;
		if (request.replyToRemoteId() != null) {
			Repo.Stored target = repo.existing(AtUri.parse(request.replyToRemoteId()));
			parent = target.ref();
			root = target.replyRoot().orElse(parent);
		}
		StrongRef first = null;
		RateBudget budget = null;
		for (int i = 0; i < parts.size(); i++) {
			String rkey = RecordKeys.tid(request.idempotencyKey(), i);
			// A part an earlier attempt created is reused, so a retry finishes a thread.
			Optional<StrongRef> ref = repo.findPost(rkey);
			if (ref.isEmpty()) {
				Repo.Created created = repo.createPost(rkey, this.posts.build(repo, parts.get(i), root, parent));
				budget = created.response().budget() != null ? created.response().budget() : budget;
				ref = Optional.of(created.ref());
			}
			first = (first != null) ? first : ref.get();
			root = (root != null) ? root : ref.get();
			parent = ref.get();
		}
		return new PublishResult.Published(first.uri(), postUrl(session, first.uri()), budget);
	}

	@Override
	public Optional<PublishResult.Published> reconcile(PublishRequest request, AccountSession session,
			Instant attemptStart) throws PublishException {
		Repo repo = repo(session);
		// Published only when every part exists; otherwise publishing again fills the
		// gaps.
		StrongRef first = null;
		for (int i = 0; i < PostRecords.parts(request).size(); i++) {
			Optional<StrongRef> part = repo.findPost(RecordKeys.tid(request.idempotencyKey(), i));
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
			throw new ConnectFailedException(Reason.WRONG_CREDENTIALS, ErrorKind.AUTH_REVOKED,
					"Enter a handle (or DID) and an app password.", null);
		}
		URI service = (request.serviceUrl() != null) ? request.serviceUrl() : this.properties.defaultServiceUrl();
		ObjectNode body = this.xrpc.json().createObjectNode();
		body.put("identifier", request.identifier().trim().replaceFirst("^@", "")).put("password", request.secret());
		XrpcResponse response;
		try {
			response = this.xrpc.procedure(service, "com.atproto.server.createSession", body, null);
		}
		catch (PublishException ex) {
			throw unanswered(ex);
		}
		if (!response.ok()) {
			throw refused(response);
		}
		JsonNode created = response.body();
		AccountSession session = new AccountSession(created.path("did").asString(""),
				created.path("handle").asString(""), service, created.path("accessJwt").asString(""),
				created.path("refreshJwt").asString(""), expiry(created.path("accessJwt").asString()), Map.of());
		if (session.accessToken().isEmpty() || session.refreshToken().isEmpty()) {
			throw notAServer("createSession answered without tokens");
		}
		requireIdentity(session.remoteUserId(), session.handle());
		return session;
	}

	/** A createSession that got no answer: the policy refused it, or nothing answered. */
	private static ConnectFailedException unanswered(PublishException ex) {
		Throwable cause = ex.getCause();
		if (OutboundRefusedException.causedBy(cause)) {
			return new ConnectFailedException(Reason.REFUSED, ErrorKind.INVALID_CONTENT, ex.getMessage(), ex);
		}
		if (cause instanceof ResponseTooLargeException) {
			return new ConnectFailedException(Reason.NOT_A_SERVER, ErrorKind.INVALID_CONTENT, ex.getMessage(), ex);
		}
		return new ConnectFailedException(Reason.UNREACHABLE, ErrorKind.TRANSIENT, ex.getMessage(), ex);
	}

	/** A createSession answered with a failure: a PDS's error, or something else's. */
	private PublishException refused(XrpcResponse response) {
		PublishException failure = this.xrpc.failure(response, true);
		if (response.status() == 429 || response.status() >= 500) {
			return new ConnectFailedException(Reason.UNREACHABLE, failure.kind(), failure.getMessage(), failure);
		}
		if (response.error().isEmpty()) {
			// No XRPC error: a web server, a redirect, an actuator, anything but a PDS.
			return notAServer("HTTP " + response.status() + " without an XRPC error");
		}
		return new ConnectFailedException(Reason.WRONG_CREDENTIALS, ErrorKind.AUTH_REVOKED, failure.getMessage(),
				failure);
	}

	private static ConnectFailedException notAServer(String message) {
		return new ConnectFailedException(Reason.NOT_A_SERVER, ErrorKind.INVALID_CONTENT, message, null);
	}

	/** Nothing is stored for an answer without a real DID and handle. */
	private static void requireIdentity(String did, String handle) throws ConnectFailedException {
		if (!Identifiers.isDid(did) || !Identifiers.isHandle(handle)) {
			throw notAServer("The answer has no valid DID and handle");
		}
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
		String handle = me.path("handle").asString("");
		requireIdentity(me.path("did").asString(""), handle);
		return new AccountProfile(me.path("did").asString(), handle, null,
				URI.create(this.properties.webUrl() + "/profile/" + handle));
	}

	private XrpcResponse expectOk(XrpcResponse response, boolean authCall) throws PublishException {
		if (!response.ok()) {
			throw this.xrpc.failure(response, authCall);
		}
		return response;
	}

	private Repo repo(AccountSession session) {
		return new Repo(this.xrpc, service(session), session);
	}

	private URI service(AccountSession session) {
		return (session.serviceUrl() != null) ? session.serviceUrl() : this.properties.defaultServiceUrl();
	}

	private URI postUrl(AccountSession session, String atUri) {
		String who = (session.handle() != null) ? session.handle() : session.remoteUserId();
		return URI.create(
				this.properties.webUrl() + "/profile/" + who + "/post/" + atUri.substring(atUri.lastIndexOf('/') + 1));
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

}
