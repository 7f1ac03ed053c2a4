package io.herald.api.isolation;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the attacker drives one route: what each path variable is, the query, the body and
 * the headers, all as templates whose {@code ${name}} placeholders the test fills with
 * real ids (see {@link Ids}), and what the answer must be.
 *
 * @param outcome what the answer must be
 * @param path for each path variable of the route, the placeholder it takes
 * @param query the query string template, or {@code null}
 * @param body the body template, or {@code null}
 * @param contentType the body's type ({@code form} bodies are sent as the browser's form)
 * @param headers header templates
 */
record Drive(Outcome outcome, Map<String, String> path, String query, String body, String contentType,
		Map<String, String> headers) {

	static final String FORM = "application/x-www-form-urlencoded";

	/** Marks a body made by the test itself: a PNG upload. */
	static final String IMAGE_UPLOAD = "multipart/form-data";

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-zA-Z.]+)}");

	enum Outcome {

		/**
		 * Names another workspace's id: refused (never 2xx, never 5xx) exactly as if the
		 * id did not exist, so the caller learns nothing, not even that it exists.
		 */
		REFUSED,

		/**
		 * Names another workspace's id in a read-only check or filter that answers 200:
		 * answered exactly as an id that does not exist.
		 */
		LIKE_UNKNOWN,

		/**
		 * Takes no id of another workspace (lists, creating one's own things): succeeds
		 * for the caller's own workspace and shows nothing of another's.
		 */
		OWN

	}

	static Drive refused() {
		return new Drive(Outcome.REFUSED, Map.of(), null, null, null, Map.of());
	}

	static Drive likeUnknown() {
		return new Drive(Outcome.LIKE_UNKNOWN, Map.of(), null, null, null, Map.of());
	}

	static Drive own() {
		return new Drive(Outcome.OWN, Map.of(), null, null, null, Map.of());
	}

	/** The path variable {@code variable} takes the value of {@code placeholder}. */
	Drive path(String variable, String placeholder) {
		Map<String, String> path = new LinkedHashMap<>(this.path);
		path.put(variable, placeholder);
		return new Drive(this.outcome, path, this.query, this.body, this.contentType, this.headers);
	}

	Drive query(String query) {
		return new Drive(this.outcome, this.path, query, this.body, this.contentType, this.headers);
	}

	Drive json(String body) {
		return new Drive(this.outcome, this.path, this.query, body, "application/json", this.headers);
	}

	/** A form as the browser posts it, {@code a=1&b=2}; the CSRF token is added. */
	Drive form(String body) {
		return new Drive(this.outcome, this.path, this.query, body, FORM, this.headers);
	}

	Drive bytes(String body, String contentType) {
		return new Drive(this.outcome, this.path, this.query, body, contentType, this.headers);
	}

	Drive imageUpload() {
		return new Drive(this.outcome, this.path, this.query, "", IMAGE_UPLOAD, this.headers);
	}

	Drive header(String name, String value) {
		Map<String, String> headers = new LinkedHashMap<>(this.headers);
		headers.put(name, value);
		return new Drive(this.outcome, this.path, this.query, this.body, this.contentType, headers);
	}

	/**
	 * Every placeholder the templates use.
	 */
	Set<String> placeholders() {
		Set<String> names = new LinkedHashSet<>(this.path.values());
		StringBuilder templates = new StringBuilder();
		templates.append(this.query).append(' ').append(this.body);
		this.headers.values().forEach(templates::append);
		Matcher matcher = PLACEHOLDER.matcher(templates);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

	/**
	 * Fills a template's placeholders.
	 * @param template the template, or {@code null}
	 * @param values the value of each placeholder
	 * @return the text, or {@code null}
	 */
	static String fill(String template, Map<String, String> values) {
		if (template == null) {
			return null;
		}
		Matcher matcher = PLACEHOLDER.matcher(template);
		StringBuilder filled = new StringBuilder();
		while (matcher.find()) {
			String value = values.get(matcher.group(1));
			if (value == null) {
				throw new IllegalStateException("No value for ${" + matcher.group(1) + "} in " + template);
			}
			matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
		}
		matcher.appendTail(filled);
		return filled.toString();
	}

}
