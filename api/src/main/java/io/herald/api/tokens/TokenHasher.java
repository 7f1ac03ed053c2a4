package io.herald.api.tokens;

import java.security.SecureRandom;
import java.util.Base64;

import io.herald.core.secrets.Digests;

import org.springframework.stereotype.Component;

/**
 * Makes API tokens and the hashes they are stored as. Tokens carry 256 random bits, so a
 * plain SHA-256 (not a slow password hash) is the right lookup key.
 */
@Component
public class TokenHasher {

	public static final String PREFIX = "hrld_";

	private final SecureRandom random = new SecureRandom();

	public String newToken() {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	public String hash(String token) {
		return Digests.sha256Hex(token);
	}

}
