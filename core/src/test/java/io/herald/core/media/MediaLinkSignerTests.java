package io.herald.core.media;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import io.herald.testing.SettableClock;
import org.junit.jupiter.api.Test;

import io.herald.core.media.MediaLinkSigner.Purpose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MediaLinkSignerTests {

	private static final String KEY = "ws/5f1c3a52-4c4e-4a0e-9d55-2f0a8f2b7b11/0b8e6c1e-0f5e-4a53-8f64-5f4a4bb1a0c2";

	private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T10:00:00Z"));

	private final MediaLinkSigner signer = new MediaLinkSigner(bytes("a media-links key of thirty-two bytes or more"),
			this.clock);

	@Test
	void a_signed_token_names_its_key_until_it_expires() {
		MediaLinkSigner.SignedToken token = this.signer.sign(KEY, Purpose.READ, Duration.ofMinutes(10));
		assertThat(token.expiresAt()).isEqualTo(Instant.parse("2026-03-01T10:10:00Z"));
		assertThat(token.token()).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
		this.clock.advance(Duration.ofMinutes(9).plusSeconds(59));
		assertThat(this.signer.verify(token.token(), Purpose.READ)).isEqualTo(KEY);
	}

	@Test
	void an_expired_token_is_rejected() {
		String token = this.signer.sign(KEY, Purpose.READ, Duration.ofMinutes(10)).token();
		this.clock.advance(Duration.ofMinutes(10));
		assertThatExceptionOfType(InvalidMediaLinkException.class)
			.isThrownBy(() -> this.signer.verify(token, Purpose.READ))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo("expired"));
	}

	@Test
	void a_token_whose_key_was_changed_is_rejected() {
		String token = this.signer.sign(KEY, Purpose.READ, Duration.ofMinutes(10)).token();
		String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
				StandardCharsets.ISO_8859_1);
		String otherWorkspace = payload.replace("5f1c3a52", "00000000");
		String forged = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(otherWorkspace.getBytes(StandardCharsets.ISO_8859_1)) + token.substring(token.indexOf('.'));
		assertThatExceptionOfType(InvalidMediaLinkException.class)
			.isThrownBy(() -> this.signer.verify(forged, Purpose.READ))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo("bad signature"));
	}

	@Test
	void a_token_with_a_flipped_signature_bit_is_rejected() {
		String token = this.signer.sign(KEY, Purpose.READ, Duration.ofMinutes(10)).token();
		char last = token.charAt(token.length() - 2);
		String tampered = token.substring(0, token.length() - 2) + ((last == 'A') ? 'B' : 'A')
				+ token.charAt(token.length() - 1);
		assertThatExceptionOfType(InvalidMediaLinkException.class)
			.isThrownBy(() -> this.signer.verify(tampered, Purpose.READ));
	}

	@Test
	void a_token_signed_with_another_secret_is_rejected() {
		String token = new MediaLinkSigner(bytes("another media-links key, also long enough"), this.clock)
			.sign(KEY, Purpose.READ, Duration.ofMinutes(10))
			.token();
		assertThatExceptionOfType(InvalidMediaLinkException.class)
			.isThrownBy(() -> this.signer.verify(token, Purpose.READ));
	}

	@Test
	void a_read_link_cannot_be_used_as_an_upload_token() {
		String token = this.signer.sign(KEY, Purpose.READ, Duration.ofMinutes(10)).token();
		assertThatExceptionOfType(InvalidMediaLinkException.class)
			.isThrownBy(() -> this.signer.verify(token, Purpose.UPLOAD))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo("wrong purpose"));
	}

	@Test
	void garbage_is_rejected_without_other_errors() {
		for (String garbage : new String[] { "", ".", "abc", "a.b.c", "!!!.???", "AAAA.", ".AAAA", "AAAA.AAAA" }) {
			assertThatExceptionOfType(InvalidMediaLinkException.class)
				.isThrownBy(() -> this.signer.verify(garbage, Purpose.READ));
		}
	}

	@Test
	void the_exception_message_does_not_reveal_why_a_link_was_refused() {
		String token = this.signer.sign(KEY, Purpose.READ, Duration.ofMinutes(1)).token();
		this.clock.advance(Duration.ofHours(1));
		assertThatExceptionOfType(InvalidMediaLinkException.class)
			.isThrownBy(() -> this.signer.verify(token, Purpose.READ))
			.withMessage("Invalid or expired media link");
	}

	@Test
	void refuses_a_short_secret() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new MediaLinkSigner(bytes("a key of thirty-one bytes......"), this.clock));
	}

	@Test
	void refuses_to_sign_an_invalid_key() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.signer.sign("ws/../../etc/passwd", Purpose.READ, Duration.ofMinutes(1)));
	}

	private static byte[] bytes(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}

}
