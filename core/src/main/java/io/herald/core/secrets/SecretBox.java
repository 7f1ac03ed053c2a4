package io.herald.core.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest with AES-256-GCM. Each value is bound to a context (such as
 * the account id), so a ciphertext copied onto another row does not decrypt.
 * <p>
 * Layout: version byte, 12-byte nonce, ciphertext with 16-byte tag.
 */
public class SecretBox {

	private static final byte VERSION = 1;

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecretKeySpec key;

	private final SecureRandom random = new SecureRandom();

	public SecretBox(MasterKey masterKey) {
		this.key = new SecretKeySpec(masterKey.derive("credentials"), "AES");
	}

	public byte[] seal(byte[] plaintext, String context) {
		byte[] nonce = new byte[NONCE_BYTES];
		this.random.nextBytes(nonce);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(plaintext);
			return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM encryption failed", ex);
		}
	}

	public byte[] open(byte[] sealed, String context) {
		if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
			throw new SecretUnreadableException("Stored secret has an unknown format");
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
		}
		catch (AEADBadTagException ex) {
			throw new SecretUnreadableException(
					"Stored secret cannot be decrypted: HERALD_SECRET_KEY differs from the key it was stored with");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM decryption failed", ex);
		}
	}

	/** A stored secret cannot be read with the current key. */
	public static class SecretUnreadableException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		SecretUnreadableException(String message) {
			super(message);
		}

	}

}
