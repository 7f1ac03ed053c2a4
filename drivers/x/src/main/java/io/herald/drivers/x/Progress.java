package io.herald.drivers.x;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * @param uncertainSince when the call creating the next part started, if its answer was
 * lost (so the part may exist); {@code null} otherwise
 */
record Progress(List<List<String>> media, List<String> pending, List<String> posted, Instant uncertainSince) {

	private static final int VERSION = 1;

	Progress {
		media = media.stream().map(List::copyOf).toList();
		pending = List.copyOf(pending);
		posted = List.copyOf(posted);
	}

	Progress withPending(List<String> pending) {
		return new Progress(this.media, pending, this.posted, this.uncertainSince);
	}

	Progress withPosted(List<String> posted, Instant uncertainSince) {
		return new Progress(this.media, this.pending, posted, uncertainSince);
	}

	String encode(JsonMapper json) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("v", VERSION);
		values.put("media", this.media);
		values.put("pending", this.pending);
		values.put("posted", this.posted);
		if (this.uncertainSince != null) {
			values.put("uncertainSince", this.uncertainSince.toString());
		}
		return json.writeValueAsString(values);
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
			String uncertain = root.path("uncertainSince").asString(null);
			return new Progress(media, strings(root.path("pending")), strings(root.path("posted")),
					(uncertain != null) ? Instant.parse(uncertain) : null);
		}
		catch (JacksonException | DateTimeParseException ex) {
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
