package io.herald.worker.publish;

import java.util.List;

import io.herald.drivers.spi.PublishRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds what a driver publishes from a claimed target, as it is now: edits made before
 * the claim are what goes out.
 */
public class PublishRequests {

	private final JsonMapper json = JsonMapper.builder().build();

	/**
	 * The request for a target: its text and thread parts (the target's overrides or the
	 * post's), and its idempotency key.
	 * @param target the target
	 * @return the request
	 */
	public PublishRequest build(ClaimedTarget target) {
		return PublishRequest.text(target.id().toString(), target.idempotencyKey(), target.text())
			.withThread(parts(target.partsJson()));
	}

	private List<PublishRequest.ThreadPart> parts(String partsJson) {
		if (partsJson == null || partsJson.isBlank()) {
			return List.of();
		}
		JsonNode parts = this.json.readTree(partsJson);
		return parts.valueStream()
			.map((part) -> new PublishRequest.ThreadPart(part.path("text").asString(""), List.of()))
			.toList();
	}

}
