package io.herald.api.web.posts;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the texts of stored thread parts. */
final class Parts {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Parts() {
	}

	static List<String> texts(String json) {
		if (json == null || json.isBlank()) {
			return List.of();
		}
		List<String> texts = new ArrayList<>();
		for (JsonNode part : JSON.readTree(json)) {
			JsonNode text = part.get("text");
			texts.add((text != null && !text.isNull()) ? text.asString() : "");
		}
		return texts;
	}

}
