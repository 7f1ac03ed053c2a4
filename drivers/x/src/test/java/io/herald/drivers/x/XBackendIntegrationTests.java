package io.herald.drivers.x;

import io.herald.drivers.spi.AccountSession;
import io.herald.drivers.spi.PublishRequest;
import io.herald.drivers.spi.PublishResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(FakeXExtension.class)
class XBackendIntegrationTests {

	private final FakeXServer fake;

	private final XBackend backend;

	XBackendIntegrationTests(FakeXServer fake) {
		this.fake = fake;
		this.backend = XTestSupport.backend(fake);
	}

	@Test
	void publishes_a_text_post() throws Exception {
		AccountSession session = this.fake.newAccount(XTestSupport.uniqueUser("ada"));
		PublishResult result = this.backend.publish(PublishRequest.text("t1", "k1", "Hello from Herald"), session);
		assertThat(result).isInstanceOf(PublishResult.Published.class);
		assertThat(this.fake.posts(session.remoteUserId())).singleElement()
			.extracting(FakeXServer.Post::text)
			.isEqualTo("Hello from Herald");
	}

}
