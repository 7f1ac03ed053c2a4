package io.herald.api.isolation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The values placeholders take: the victim workspace's real ids, one list per kind
 * ({@code ${post}} is each of its posts in turn), and the attacker's own values.
 *
 * @param foreign the victim's ids by kind
 * @param own the attacker's values
 * @param etags the ETag of each victim post, so a change is refused for the workspace and
 * not for a stale version
 */
record Ids(Map<String, List<String>> foreign, Map<String, String> own, Map<String, String> etags) {

	static final String ETAG_SUFFIX = ".etag";

	/**
	 * Every placeholder's value, with {@code kind} set to {@code value}.
	 */
	Map<String, String> with(String kind, String value) {
		Map<String, String> values = new HashMap<>(this.own);
		if (kind != null) {
			values.put(kind, value);
			values.put(kind + ETAG_SUFFIX, this.etags.getOrDefault(value, "\"0\""));
		}
		return values;
	}

}
