package io.herald.drivers.sandbox;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

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
import io.herald.drivers.spi.TextRules;
import io.herald.drivers.spi.ValidationResult;

/**
 * A network that lives inside Herald, for demos, tests and benchmarks. Publishing is a
 * stub until the engine issue gives it a table of its own.
 */
public class SandboxBackend implements BaseSocialBackend {

	static final String NETWORK = "sandbox";

	private static final Capabilities CAPABILITIES = new Capabilities(
			new TextRules(500, TextRules.TextCounting.CODE_POINTS, TextRules.UNLIMITED, TextRules.UNLIMITED),
			new MediaRules(Set.of(MediaKind.IMAGE, MediaKind.GIF, MediaKind.VIDEO), 4, 10_000_000, 100_000_000, 0,
					Double.MAX_VALUE, Duration.ofMinutes(10), false, false),
			new AltTextRules(true, false, 2000), true, true, false, Capabilities.ConnectMethod.NONE);

	private final Clock clock;

	private final CapabilityValidator validator = new CapabilityValidator(CAPABILITIES,
			CapabilityValidator::codePoints);

	public SandboxBackend(Clock clock) {
		this.clock = clock;
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
	public PublishResult publish(PublishRequest request, AccountSession session) {
		String remoteId = "sb-" + request.idempotencyKey();
		return new PublishResult.Published(remoteId, postUrl(session, remoteId));
	}

	@Override
	public Optional<PublishResult.Published> reconcile(PublishRequest request, AccountSession session,
			Instant attemptStart) {
		return Optional.empty();
	}

	@Override
	public AccountSession connect(ConnectRequest request) throws PublishException {
		String handle = (request.identifier() != null && !request.identifier().isBlank()) ? request.identifier().trim()
				: "demo";
		if (!handle.matches("[A-Za-z0-9_.-]{1,64}")) {
			throw new PublishException(ErrorKind.INVALID_CONTENT,
					"A sandbox handle is 1 to 64 letters, digits, '.', '_' or '-'.");
		}
		return new AccountSession("sandbox:" + handle, handle, null, null, null, null, null);
	}

	@Override
	public AccountSession refresh(AccountSession session) {
		return session.withTokens(null, null, this.clock.instant().plus(Duration.ofHours(1)));
	}

	@Override
	public AccountProfile verify(AccountSession session) {
		return new AccountProfile(session.remoteUserId(), session.handle(), session.handle(),
				URI.create("https://sandbox.invalid/" + session.handle()));
	}

	private static URI postUrl(AccountSession session, String remoteId) {
		return URI.create("https://sandbox.invalid/" + session.handle() + "/posts/" + remoteId);
	}

}
