package io.herald.drivers.x;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.PublishException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How far a publication got, carried in the {@code InProgress} token so that a later
 * {@code resume} (on any node) continues instead of starting over. It holds ids only,
 * never tokens.
 *
 * @param media the uploaded media ids of each part (first part, then thread parts)
 * @param pending media ids X is still processing
 * @param posted ids of the parts already posted, in order
 */
record Progress(List<List<String>> media, List<String> pending, List<String> posted) {

	private static final int VERSION = 1;

	Progress {
		media = media.stream().map(List::copyOf).toList();
		pending = List.copyOf(pending);
		posted = List.copyOf(posted);
	}

	Progress withPending(List<String> pending) {
		return new Progress(this.media, pending, this.posted);
	}

	Progress withPosted(List<String> posted) {
		return new Progress(this.media, this.pending, posted);
	}

	String encode(JsonMapper json) {
		return json.writeValueAsString(
				Map.of("v", VERSION, "media", this.media, "pending", this.pending, "posted", this.posted));
	}

	static Progress decode(String token, JsonMapper json) throws PublishException {
		try {
			JsonNode root = json.readTree(token);
			if (root.path("v").asInt(0) != VERSION) {
				throw new PublishException(ErrorKind.INVALID_CONTENT, "Not an X resume token.");
			}
			List<List<String>> media = new ArrayList<>();
			for (JsonNode part : root.path("media")) {
				media.add(strings(part));
			}
			return new Progress(media, strings(root.path("pending")), strings(root.path("posted")));
		}
		catch (JacksonException ex) {
			throw new PublishException(ErrorKind.INVALID_CONTENT, "Not an X resume token.");
		}
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		for (JsonNode value : array) {
			values.add(value.asString());
		}
		return values;
	}

}
