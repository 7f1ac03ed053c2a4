package io.herald.drivers.sandbox;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.herald.drivers.spi.AccountProfile;
import io.herald.drivers.spi.AccountSession;
import io.herald.drivers.spi.AltTextRules;
import io.herald.drivers.spi.BaseSocialBackend;
import io.herald.drivers.spi.Capabilities;
import io.herald.drivers.spi.CapabilityValidator;
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

/**
 * A network that lives inside Herald, for demos, tests, chaos runs and benchmarks. Every
 * publication it receives is a row in {@code sandbox_publication}; it never deduplicates,
 * so a double publication by the engine shows. Latency and faults are injected globally
 * ({@link SandboxProperties}) or per account (session attribute {@code faults}, a
 * {@link FaultSpec}), and {@link #reconcile} answers honestly from the table: by key, or
 * (setting {@code reconcile=timeline}) only as a timeline search with a visibility lag
 * can. Crash faults halt the JVM at the two worst instants of a publication (chaos tests
 * only).
 */
public class SandboxBackend implements BaseSocialBackend {

	static final String NETWORK = "sandbox";

	/** Session attribute holding an account's {@link FaultSpec}. */
	public static final String FAULTS_ATTRIBUTE = "faults";

	/** Connect setting: how long a session's token lives (refreshes renew it). */
	public static final String SESSION_TTL_SETTING = "session-ttl";

	/**
	 * The exit status of a JVM halted by a crash fault, so a chaos test can tell it from
	 * any other death.
	 */
	public static final int CRASH_EXIT_STATUS = 86;

	/** How far before an attempt's start reconcile looks, as a timeline search would. */
	private static final Duration RECONCILE_SKEW = Duration.ofMinutes(1);

	private static final Capabilities CAPABILITIES = new Capabilities(
			new TextRules(500, TextRules.TextCounting.CODE_POINTS, TextRules.UNLIMITED, TextRules.UNLIMITED),
			new MediaRules(Set.of(MediaKind.IMAGE, MediaKind.GIF, MediaKind.VIDEO), 4, 10_000_000, 100_000_000, 0,
					Double.MAX_VALUE, Duration.ofMinutes(10), false, false),
			new AltTextRules(true, false, 2000), true, true, false, Capabilities.ConnectMethod.NONE);

	private final SandboxStore store;

	private final Clock clock;

	private final SandboxProperties properties;

	private final FaultInjector faults;

	private final CapabilityValidator validator = new CapabilityValidator(CAPABILITIES,
			CapabilityValidator::codePoints);

	private final Runnable halt;

	public SandboxBackend(DataSource dataSource, Clock clock, SandboxProperties properties) {
		this(dataSource, clock, properties, () -> Runtime.getRuntime().halt(CRASH_EXIT_STATUS));
	}

	/**
	 * A sandbox whose crash faults run {@code halt} instead of halting the JVM (for the
	 * sandbox's own tests; {@code halt} must not return normally).
	 */
	SandboxBackend(DataSource dataSource, Clock clock, SandboxProperties properties, Runnable halt) {
		this.store = new SandboxStore(dataSource);
		this.clock = clock;
		this.properties = properties;
		this.halt = halt;
		FaultSpec global = FaultSpec.parse(properties.faults());
		requireCrashFaultsAllowed(global);
		this.faults = new FaultInjector(global);
	}

	/**
	 * Makes the next calls (of any account) fail in the given way.
	 * @param fault the fault
	 * @param calls how many calls
	 */
	public void failNext(SandboxFault fault, int calls) {
		this.faults.failNext(fault, calls);
	}

	/**
	 * Makes the next call fail in the given way, with the network's message and retry
	 * time a test wants to see. A scripted {@link SandboxFault#AUTH_REVOKED} also fails
	 * the next refresh.
	 * @param fault the fault
	 * @param message the message, or {@code null} for the sandbox's own
	 * @param retryAt the reset time of a rate limit, or {@code null}
	 */
	public void failNextCall(SandboxFault fault, String message, Instant retryAt) {
		this.faults.script(new FaultInjector.Scripted(fault, message, retryAt));
	}

	/**
	 * Makes the next reconcile fail in the given way ({@link SandboxFault#TRANSIENT},
	 * {@link SandboxFault#RATE_LIMITED}, {@link SandboxFault#AUTH_EXPIRED},
	 * {@link SandboxFault#AUTH_REVOKED} or {@link SandboxFault#UNKNOWN_OUTCOME}, a read
	 * that timed out).
	 * @param fault the fault
	 * @param message the message, or {@code null} for the sandbox's own
	 * @param retryAt the reset time of a rate limit, or {@code null}
	 */
	public void failNextReconcile(SandboxFault fault, String message, Instant retryAt) {
		this.faults.scriptReconcile(new FaultInjector.Scripted(fault, message, retryAt));
	}

	/** Forgets every scripted and counted fault. */
	public void clearFaults() {
		this.faults.clear();
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
		return this.validator.validate(request);
	}

	@Override
	public PublishResult publish(PublishRequest request, AccountSession session) throws PublishException {
		Instant arrived = this.clock.instant();
		FaultSpec accountSpec = accountSpec(session);
		simulateLatency(accountSpec);
		checkToken(session);
		ValidationResult validation = validate(request);
		if (!validation.isValid()) {
			throw new PublishException(ErrorKind.INVALID_CONTENT,
					validation.violations()
						.stream()
						.map(ValidationResult.Violation::message)
						.collect(Collectors.joining(" ")),
					null, 422, validation.violations().get(0).code(), null, null);
		}
		Optional<FaultInjector.Scripted> fault = this.faults.next(session.remoteUserId(), accountSpec);
		if (fault.isPresent()) {
			return fail(fault.get(), request, session, arrived);
		}
		return store(request, session, arrived);
	}

	@Override
	public PublishResult resume(PublishRequest request, String token, AccountSession session) throws PublishException {
		Instant arrived = this.clock.instant();
		simulateLatency(accountSpec(session));
		checkToken(session);
		if (!token.equals(processingToken(request))) {
			throw new PublishException(ErrorKind.INVALID_CONTENT, "sandbox: unknown processing token", null, 400, null,
					null, null);
		}
		if (this.faults.stillProcessing(session.remoteUserId(), accountSpec(session))) {
			return new PublishResult.InProgress(token, this.clock.instant().plusSeconds(1));
		}
		return store(request, session, arrived);
	}

	@Override
	public Optional<PublishResult.Published> reconcile(PublishRequest request, AccountSession session,
			Instant attemptStart) throws PublishException {
		Optional<FaultInjector.Scripted> fault = this.faults.nextReconcile();
		if (fault.isPresent()) {
			throw failure(fault.get());
		}
		Instant from = attemptStart.minus(RECONCILE_SKEW);
		if (this.properties.reconcile() == SandboxProperties.ReconcileMode.KEY) {
			return this.store.find(session.remoteUserId(), request.idempotencyKey(), from)
				.map((id) -> published(session, id));
		}
		Instant now = this.clock.instant();
		// A post of the attempt was stored within callTimeout of the attempt's start (the
		// engine calls right after writing the attempt row) and shows lag after that.
		Instant visible = attemptStart.plus(this.properties.callTimeout()).plus(this.properties.visibilityLag());
		if (now.isBefore(visible)) {
			// "Not on the timeline" would not mean "not published" yet. No retry time:
			// the
			// engine would take it for a rate limit of the whole account; its backoff
			// brings the next check past the lag instead.
			throw new PublishException(ErrorKind.TRANSIENT,
					"sandbox: posts since " + attemptStart + " are not all visible on the timeline before " + visible,
					null, null, "not_yet_visible", null, null);
		}
		return this.store
			.findOnTimeline(session.remoteUserId(), request, from, now.minus(this.properties.visibilityLag()))
			.map((id) -> published(session, id));
	}

	@Override
	public AccountSession connect(ConnectRequest request) throws PublishException {
		String handle = (request.identifier() != null && !request.identifier().isBlank()) ? request.identifier().trim()
				: "demo";
		if (!handle.matches("[A-Za-z0-9_.-]{1,64}")) {
			// Input the user can fix, not a network's answer: callers show it as it is.
			throw new IllegalArgumentException("A sandbox handle is 1 to 64 letters, digits, '.', '_' or '-'.");
		}
		Map<String, String> attributes = new HashMap<>();
		String faultSpec = request.settings().get(FAULTS_ATTRIBUTE);
		if (faultSpec != null) {
			try {
				requireCrashFaultsAllowed(FaultSpec.parse(faultSpec));
			}
			catch (IllegalStateException ex) {
				throw new IllegalArgumentException(ex.getMessage(), ex);
			}
			attributes.put(FAULTS_ATTRIBUTE, faultSpec);
		}
		Instant expiresAt = null;
		String ttl = request.settings().get(SESSION_TTL_SETTING);
		if (ttl != null) {
			attributes.put(SESSION_TTL_SETTING, ttl);
			expiresAt = this.clock.instant().plus(Duration.parse(ttl));
		}
		return new AccountSession("sandbox:" + handle, handle, null, "sandbox-access", "sandbox-refresh", expiresAt,
				attributes);
	}

	@Override
	public AccountSession refresh(AccountSession session) throws PublishException {
		FaultSpec spec = accountSpec(session);
		Optional<FaultInjector.Scripted> scripted = this.faults.takeScripted(SandboxFault.AUTH_REVOKED);
		if (scripted.isPresent() || spec.probabilities().containsKey(SandboxFault.AUTH_REVOKED)
				|| spec.nextCalls().containsKey(SandboxFault.AUTH_REVOKED)) {
			throw new PublishException(ErrorKind.AUTH_REVOKED,
					scripted.map(FaultInjector.Scripted::message).orElse("sandbox: the grant was revoked"), null, 401,
					"invalid_grant", null, null);
		}
		String ttl = session.attributes().get(SESSION_TTL_SETTING);
		Duration lifetime = (ttl != null) ? Duration.parse(ttl) : Duration.ofHours(1);
		return session.withTokens("sandbox-access", "sandbox-refresh", this.clock.instant().plus(lifetime));
	}

	@Override
	public AccountProfile verify(AccountSession session) throws PublishException {
		checkToken(session);
		return new AccountProfile(session.remoteUserId(), session.handle(), session.handle(),
				URI.create("https://sandbox.invalid/" + session.handle()));
	}

	private PublishResult fail(FaultInjector.Scripted scripted, PublishRequest request, AccountSession session,
			Instant arrived) throws PublishException {
		switch (scripted.fault()) {
			case UNKNOWN_OUTCOME -> {
				insert(request, session, arrived);
				throw failure(scripted);
			}
			case PROCESSING -> {
				return new PublishResult.InProgress(processingToken(request), this.clock.instant().plusSeconds(1));
			}
			case OUT_OF_MEMORY -> throw new OutOfMemoryError("sandbox: Java heap space (injected)");
			case CRASH_BEFORE_CALL -> throw crash(scripted.fault(), request);
			case CRASH_AFTER_STORE -> {
				if (this.properties.crashFaults()) {
					// The INSERT has committed when it returns: the network holds the
					// post.
					this.store.insert(session.remoteUserId(), request, this.clock.instant());
				}
				throw crash(scripted.fault(), request);
			}
			default -> throw failure(scripted);
		}
	}

	/**
	 * Halts the JVM: no shutdown hook, no finally block, no outcome recorded. Where crash
	 * faults are off (an account row written behind the sandbox's back), the call fails
	 * as a 503 that stored nothing.
	 */
	private PublishException crash(SandboxFault fault, PublishRequest request) {
		if (!this.properties.crashFaults()) {
			return new PublishException(ErrorKind.TRANSIENT,
					"sandbox: 503 (" + fault.name().toLowerCase(Locale.ROOT) + " needs crash faults on)", null, 503,
					null, null, null);
		}
		// Straight to stderr: a halt skips any buffered logging, and a chaos test reads
		// this line to know which target was cut at which point.
		System.err.println("sandbox: halting the JVM (" + fault.name().toLowerCase(Locale.ROOT) + ") publishing target "
				+ request.targetId());
		System.err.flush();
		this.halt.run();
		throw new IllegalStateException("sandbox: the halt returned");
	}

	private void requireCrashFaultsAllowed(FaultSpec spec) {
		if (spec.crashes() && !this.properties.crashFaults()) {
			throw new IllegalStateException("Sandbox crash faults halt the whole process; they are only accepted"
					+ " with herald.drivers.sandbox.crash-faults=true (chaos tests)");
		}
	}

	/** The network's error for a fault; the caller decides what was stored. */
	private PublishException failure(FaultInjector.Scripted scripted) {
		Instant now = this.clock.instant();
		String custom = scripted.message();
		return switch (scripted.fault()) {
			case TRANSIENT -> new PublishException(ErrorKind.TRANSIENT,
					message(custom, "sandbox: 503 Service Unavailable"), null, 503, null, null, null);
			case RATE_LIMITED -> {
				Instant retryAt = (scripted.retryAt() != null) ? scripted.retryAt()
						: now.plus(this.properties.retryAfter());
				yield new PublishException(ErrorKind.RATE_LIMITED, message(custom, "sandbox: 429 Too Many Requests"),
						retryAt, 429, null, new RateBudget("posts", 0, 0, retryAt), null);
			}
			case AUTH_EXPIRED -> new PublishException(ErrorKind.AUTH_EXPIRED,
					message(custom, "sandbox: 401 token expired"), null, 401, "expired_token", null, null);
			case AUTH_REVOKED -> new PublishException(ErrorKind.AUTH_REVOKED,
					message(custom, "sandbox: 401 grant revoked"), null, 401, "invalid_grant", null, null);
			case INVALID_CONTENT -> new PublishException(ErrorKind.INVALID_CONTENT,
					message(custom, "sandbox: 422 this post is refused"), null, 422, null, null, null);
			case UNKNOWN_OUTCOME -> new PublishException(ErrorKind.UNKNOWN_OUTCOME,
					message(custom, "sandbox: timed out waiting for the answer"), null, null, null, null, null);
			default -> throw new IllegalStateException("Sandbox fault " + scripted.fault() + " is not an error");
		};
	}

	private static String message(String custom, String standard) {
		return (custom != null) ? "sandbox: " + custom : standard;
	}

	private PublishResult.Published store(PublishRequest request, AccountSession session, Instant arrived)
			throws PublishException {
		return published(session, insert(request, session, arrived));
	}

	/**
	 * Stores a publication unless the call has outlived {@code callTimeout}: a post is
	 * never created later than that after its request arrived, which is what lets a
	 * timeline reconcile know when every post of an attempt must be visible.
	 */
	private long insert(PublishRequest request, AccountSession session, Instant arrived) throws PublishException {
		Instant now = this.clock.instant();
		if (now.isAfter(arrived.plus(this.properties.callTimeout()))) {
			throw new PublishException(ErrorKind.UNKNOWN_OUTCOME,
					"sandbox: timed out after " + this.properties.callTimeout() + " (nothing stored)", null, null, null,
					null, null);
		}
		return this.store.insert(session.remoteUserId(), request, now);
	}

	private void checkToken(AccountSession session) throws PublishException {
		Instant expiresAt = session.accessTokenExpiresAt();
		if (expiresAt != null && !expiresAt.isAfter(this.clock.instant())) {
			throw new PublishException(ErrorKind.AUTH_EXPIRED, "sandbox: 401 token expired", null, 401, "expired_token",
					null, null);
		}
	}

	private FaultSpec accountSpec(AccountSession session) {
		return FaultSpec.parse(session.attributes().get(FAULTS_ATTRIBUTE));
	}

	/**
	 * The one place the sandbox waits: simulated latency stands for a slow network round
	 * trip, so it blocks the calling thread like a real HTTP call would, bounded by
	 * {@code maxLatency}. Every real driver returns InProgress or RATE_LIMITED instead.
	 */
	private void simulateLatency(FaultSpec accountSpec) throws PublishException {
		Duration latency = (accountSpec.latency() != null) ? accountSpec.latency() : this.properties.latency();
		if (latency.isZero() || latency.isNegative()) {
			return;
		}
		Duration bounded = (latency.compareTo(this.properties.maxLatency()) > 0) ? this.properties.maxLatency()
				: latency;
		try {
			Thread.sleep(bounded.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PublishException(ErrorKind.TRANSIENT, "sandbox: call interrupted before sending");
		}
	}

	private static String processingToken(PublishRequest request) {
		return "processing:" + request.idempotencyKey();
	}

	private static PublishResult.Published published(AccountSession session, long id) {
		String remoteId = "sb-" + id;
		return new PublishResult.Published(remoteId,
				URI.create("https://sandbox.invalid/" + session.handle() + "/posts/" + remoteId));
	}

}
