package io.herald.drivers.instagram;

import java.time.Instant;
import java.util.List;

import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.PublishException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PublishTokenTests {

	@Test
	void carries_the_container_ids_through_herald() throws Exception {
		PublishToken token = new PublishToken(PublishToken.Stage.CHILDREN, List.of("1789", "1790"),
				Instant.parse("2026-11-23T12:00:00Z"), 1);

		assertThat(PublishToken.decode(token.encode())).isEqualTo(token);
		assertThat(token.encode()).isEqualTo("ig1:CHILDREN:1795435200:1:1789,1790");
	}

	@Test
	void refuses_tokens_it_did_not_make() {
		for (String bad : new String[] { null, "", "ig1:CONTAINER:1:0:", "ig2:CONTAINER:1:0:5", "ig1:SOMETHING:1:0:5",
				"ig1:CONTAINER:x:0:5", "ig1:CONTAINER:1:0:5/../6" }) {
			assertThatExceptionOfType(PublishException.class).isThrownBy(() -> PublishToken.decode(bad))
				.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.INVALID_CONTENT));
		}
	}

}
