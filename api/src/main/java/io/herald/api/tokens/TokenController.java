package io.herald.api.tokens;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.herald.api.problems.ApiException;
import io.herald.api.problems.ProblemType;
import io.herald.api.security.Caller;
import io.herald.core.users.ApiToken;
import io.herald.core.users.ApiTokenRepository;
import io.herald.core.workspaces.MembershipRepository;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth/tokens")
@Tag(name = "Auth", description = "API tokens")
class TokenController {

	private final ApiTokenRepository tokens;

	private final MembershipRepository memberships;

	private final TokenHasher hasher;

	private final Clock clock;

	TokenController(ApiTokenRepository tokens, MembershipRepository memberships, TokenHasher hasher, Clock clock) {
		this.tokens = tokens;
		this.memberships = memberships;
		this.hasher = hasher;
		this.clock = clock;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Transactional
	@Operation(summary = "Create an API token",
			description = "Authenticate with HTTP Basic (email and password) or an existing token. The token is shown"
					+ " only in this response; Herald stores only its SHA-256.")
	CreatedToken create(@AuthenticationPrincipal Caller caller, @Valid @RequestBody TokenRequest request) {
		UUID workspaceId = (request.workspaceId() != null) ? request.workspaceId() : caller.workspaceId();
		if (this.memberships.find(workspaceId, caller.userId()).isEmpty()) {
			throw new ApiException(ProblemType.NOT_FOUND, "Workspace not found.");
		}
		Instant now = this.clock.instant();
		if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
			throw new ApiException(ProblemType.VALIDATION_FAILED, "expiresAt must be in the future.");
		}
		String token = this.hasher.newToken();
		ApiToken saved = this.tokens.save(new ApiToken(UUID.randomUUID(), workspaceId, caller.userId(),
				request.name().trim(), this.hasher.hash(token), now, request.expiresAt()));
		return new CreatedToken(saved.getId(), saved.getName(), token, workspaceId, saved.getCreatedAt(),
				saved.getExpiresAt());
	}

	@GetMapping
	@Transactional(readOnly = true)
	@Operation(summary = "List your API tokens in this workspace (without their secret)")
	List<TokenView> list(@AuthenticationPrincipal Caller caller) {
		return this.tokens.findForUser(caller.workspaceId(), caller.userId())
			.stream()
			.map((t) -> new TokenView(t.getId(), t.getName(), t.getCreatedAt(), t.getExpiresAt(), t.getLastUsedAt(),
					t.getRevokedAt()))
			.toList();
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Transactional
	@Operation(summary = "Revoke an API token")
	void revoke(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
		ApiToken token = this.tokens.findInWorkspace(id, caller.workspaceId())
			.filter((t) -> t.getUserId().equals(caller.userId()))
			.orElseThrow(() -> ApiException.notFound("Token"));
		token.revoke(this.clock.instant());
	}

	record TokenRequest(@NotBlank @Size(max = 100) String name, UUID workspaceId, Instant expiresAt) {
	}

	record CreatedToken(UUID id, String name, String token, UUID workspaceId, Instant createdAt, Instant expiresAt) {
	}

	record TokenView(UUID id, String name, Instant createdAt, Instant expiresAt, Instant lastUsedAt,
			Instant revokedAt) {
	}

}
