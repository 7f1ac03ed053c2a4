package io.herald.core.media;

/**
 * The secret media links are signed with. {@link MediaLinkSigner} derives its own subkey
 * from it, so the same master secret can serve other purposes without key reuse.
 */
@FunctionalInterface
public interface MediaSigningKey {

	/**
	 * The secret's bytes (at least 16).
	 * @return the key material; callers must not modify it
	 */
	byte[] bytes();

}
