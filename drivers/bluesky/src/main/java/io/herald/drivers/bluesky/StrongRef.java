package io.herald.drivers.bluesky;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@code com.atproto.repo.strongRef}: a record's URI and the CID of its content.
 *
 * @param uri the {@code at://} URI
 * @param cid the content id
 */
record StrongRef(String uri, String cid) {

	static StrongRef of(JsonNode node) {
		return new StrongRef(node.path("uri").asString(), node.path("cid").asString());
	}

	ObjectNode json(JsonMapper json) {
		return json.createObjectNode().put("uri", this.uri).put("cid", this.cid);
	}

}
