package io.herald.api.users;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.herald.api.problems.ApiException;
import io.herald.api.problems.ProblemType;
import io.herald.core.users.AppUser;
import io.herald.core.users.AppUserRepository;
import io.herald.core.workspaces.Membership;
import io.herald.core.workspaces.MembershipRepository;
import io.herald.core.workspaces.Role;
import io.herald.core.workspaces.Workspace;
import io.herald.core.workspaces.WorkspaceRepository;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users, workspaces and memberships.
 */
@Service
public class UserService {

	private static final Duration MIN_LATENESS = Duration.ofMinutes(1);

	/** A week: past that a scheduled post is no longer the post that was scheduled. */
	private static final Duration MAX_LATENESS = Duration.ofDays(7);

	private static final int MIN_PASSWORD = 12;

	private final AppUserRepository users;

	private final WorkspaceRepository workspaces;

	private final MembershipRepository memberships;

	private final PasswordEncoder encoder;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	public UserService(AppUserRepository users, WorkspaceRepository workspaces, MembershipRepository memberships,
			PasswordEncoder encoder, Clock clock) {
		this.users = users;
		this.workspaces = workspaces;
		this.memberships = memberships;
		this.encoder = encoder;
		this.clock = clock;
	}

	@Transactional
	public Workspace createWorkspace(UUID ownerId, String name, String timeZone) {
		Workspace workspace = new Workspace(UUID.randomUUID(), name, zone(timeZone), this.clock.instant());
		this.workspaces.save(workspace);
		this.memberships.save(new Membership(workspace.getId(), ownerId, Role.OWNER, this.clock.instant()));
		return workspace;
	}

	/**
	 * Adds a user to a workspace, creating the user when the email is new.
	 * @return the user and, when one was generated, its one-time password
	 */
	@Transactional
	public NewMember addMember(UUID workspaceId, String email, Role role, String password) {
		Optional<AppUser> existing = this.users.findByEmail(email.trim());
		String generated = null;
		AppUser user;
		if (existing.isPresent()) {
			user = existing.get();
		}
		else {
			if (password == null || password.isBlank()) {
				generated = generatePassword();
			}
			user = createUser(email, (generated != null) ? generated : password);
		}
		if (this.memberships.find(workspaceId, user.getId()).isPresent()) {
			throw new ApiException(ProblemType.CONFLICT, email + " is already a member of this workspace.");
		}
		this.memberships.save(new Membership(workspaceId, user.getId(), role, this.clock.instant()));
		return new NewMember(user, role, generated);
	}

	@Transactional
	public AppUser createUser(String email, String password) {
		String normalized = email.trim();
		if (!normalized.matches("[^@\\s]+@[^@\\s]+")) {
			throw new ApiException(ProblemType.VALIDATION_FAILED, "'" + email + "' is not an email address.");
		}
		if (password.length() < MIN_PASSWORD) {
			throw new ApiException(ProblemType.VALIDATION_FAILED,
					"Passwords need at least " + MIN_PASSWORD + " characters.");
		}
		if (this.users.findByEmail(normalized).isPresent()) {
			throw new ApiException(ProblemType.CONFLICT, "A user with this email exists.");
		}
		return this.users.save(
				new AppUser(UUID.randomUUID(), normalized, this.encoder.encode(password), null, this.clock.instant()));
	}

	@Transactional(readOnly = true)
	public List<Membership> memberships(UUID userId) {
		return this.memberships.findByUser(userId);
	}

	@Transactional(readOnly = true)
	public Workspace workspace(UUID workspaceId) {
		return this.workspaces.findById(workspaceId).orElseThrow(() -> ApiException.notFound("Workspace"));
	}

	/**
	 * Sets how late after its due time a post of the workspace may still go out.
	 * @param workspaceId the workspace
	 * @param maxLateness the limit, or {@code null} for the node's default
	 * @return the workspace
	 */
	@Transactional
	public Workspace setMaxLateness(UUID workspaceId, Duration maxLateness) {
		if (maxLateness != null
				&& (maxLateness.compareTo(MIN_LATENESS) < 0 || maxLateness.compareTo(MAX_LATENESS) > 0)) {
			throw new ApiException(ProblemType.VALIDATION_FAILED, "maxLateness must be between " + MIN_LATENESS
					+ " and " + MAX_LATENESS + ", or null for the default.");
		}
		Workspace workspace = workspace(workspaceId);
		workspace.setMaxLateness(maxLateness);
		return this.workspaces.save(workspace);
	}

	public String generatePassword() {
		byte[] bytes = new byte[18];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static String zone(String timeZone) {
		if (timeZone == null || timeZone.isBlank()) {
			return "UTC";
		}
		try {
			return ZoneId.of(timeZone).getId();
		}
		catch (java.time.DateTimeException ex) {
			throw new ApiException(ProblemType.BAD_TIME_ZONE, "'" + timeZone + "' is not an IANA time zone id.");
		}
	}

	/**
	 * A user added to a workspace.
	 *
	 * @param user the user
	 * @param role the role given
	 * @param generatedPassword the one-time generated password, or {@code null}
	 */
	public record NewMember(AppUser user, Role role, String generatedPassword) {
	}

}
