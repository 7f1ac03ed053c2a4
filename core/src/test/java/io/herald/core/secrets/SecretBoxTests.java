package io.herald.core.secrets;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretBoxTests {

	private final SecretBox box = new SecretBox(new MasterKey(new byte[32]));

	@Test
	void opens_what_it_sealed_for_the_same_context() {
		byte[] sealed = this.box.seal("app-password".getBytes(StandardCharsets.UTF_8), "account:1");
		assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("app-password");
		assertThat(this.box.open(sealed, "account:1")).asString(StandardCharsets.UTF_8).isEqualTo("app-password");
	}

	@Test
	void refuses_a_ciphertext_moved_to_another_context() {
		byte[] sealed = this.box.seal("token".getBytes(StandardCharsets.UTF_8), "account:1");
		assertThatThrownBy(() -> this.box.open(sealed, "account:2"))
			.isInstanceOf(SecretBox.SecretUnreadableException.class)
			.hasMessageContaining("HERALD_SECRET_KEY");
	}

	@Test
	void refuses_a_ciphertext_sealed_with_another_key() {
		byte[] other = new byte[32];
		other[0] = 1;
		byte[] sealed = new SecretBox(new MasterKey(other)).seal(new byte[] { 1 }, "c");
		assertThatThrownBy(() -> this.box.open(sealed, "c")).isInstanceOf(SecretBox.SecretUnreadableException.class);
	}

	@Test
	void generates_a_key_once_into_the_data_dir_and_reuses_it(@TempDir Path dir) throws Exception {
		MasterKey first = MasterKey.load(new SecretProperties(null, dir, false), false);
		MasterKey second = MasterKey.load(new SecretProperties("", dir, false), false);
		assertThat(Files.readString(dir.resolve("secret.key"))).isNotBlank();
		assertThat(second.derive("x")).isEqualTo(first.derive("x"));
		assertThat(first.derive("x")).isNotEqualTo(first.derive("y"));
	}

	@Test
	void refuses_to_start_without_a_key_when_one_is_required(@TempDir Path dir) {
		assertThatIllegalStateException().isThrownBy(() -> MasterKey.load(new SecretProperties(null, dir, true), false))
			.withMessageContaining("HERALD_SECRET_KEY is not set");
		assertThat(dir.resolve("secret.key")).doesNotExist();
	}

	@Test
	void refuses_to_generate_a_key_for_an_external_database(@TempDir Path dir) {
		assertThatThrownBy(() -> MasterKey.load(new SecretProperties(null, dir, false), true))
			.isInstanceOf(MissingSecretKeyException.class)
			.hasMessageContaining("HERALD_SECRET_KEY is not set. With DATABASE_URL");
		assertThat(dir.resolve("secret.key")).doesNotExist();
		assertThat(MasterKey.load(new SecretProperties("a key that is long enough to be a key!", dir, false), true)
			.derive("x")).hasSize(32);
	}

	@Test
	void refuses_a_short_key() {
		assertThatIllegalStateException()
			.isThrownBy(() -> MasterKey.load(new SecretProperties("short", Path.of("."), true), false))
			.withMessageContaining("at least 32 bytes");
	}

}
