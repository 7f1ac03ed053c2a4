package io.herald.drivers.bluesky;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.util.Map;

import io.herald.drivers.spi.AccountSession;
import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.PublishException;
import io.herald.drivers.spi.PublishRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BlueskyNetworkFailureTests {

	@Test
	void a_connection_that_cannot_be_made_is_transient_because_nothing_was_sent() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		BlueskyBackend backend = new BlueskyBackend(BlueskyProperties.defaults(), LocalOutbound.POLICY,
				Clock.systemUTC(), LinkPreviews.NONE);
		AccountSession session = new AccountSession("did:plc:abc", "abc.test",
				URI.create("http://127.0.0.1:" + closedPort), "access-secret", "refresh-secret", null, Map.of());

		PublishException ex = assertThrows(PublishException.class,
				() -> backend.publish(PublishRequest.text("t", "k", "hello"), session));

		assertThat(ex.kind()).isEqualTo(ErrorKind.TRANSIENT);
		assertThat(ex.getMessage()).contains("could not send").doesNotContain("access-secret");
	}

}
