package io.herald.drivers.bluesky;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Reads a page's title and description for a link card ({@code app.bsky.embed.external}).
 * A card is a nicety: every failure means "no card", never a failed publish.
 */
@FunctionalInterface
interface LinkPreviews {

	/**
	 * The page's title and description.
	 * @param url the link
	 * @return the preview, or empty when the page has no title or cannot be read
	 */
	Optional<Preview> fetch(URI url);

	/** No cards at all. */
	LinkPreviews NONE = (url) -> Optional.empty();

	/**
	 * Reads Open Graph tags ({@code og:title}, {@code og:description}) or the
	 * {@code <title>} from the first 256 KiB of the page.
	 * @param http the client to fetch with; links are user-supplied URLs, so it must obey
	 * the outbound policy (no private addresses, bounded size and time)
	 * @return the fetcher
	 */
	static LinkPreviews openGraph(OkHttpClient http) {
		return new OpenGraph(http);
	}

	/**
	 * A link card's text.
	 *
	 * @param title the page title
	 * @param description the page description, possibly empty
	 */
	record Preview(String title, String description) {
	}

	/** Fetches pages over HTTP and reads their head. */
	final class OpenGraph implements LinkPreviews {

		private static final int MAX_BYTES = 256 * 1024;

		private final OkHttpClient http;

		OpenGraph(OkHttpClient http) {
			this.http = http;
		}

		@Override
		public Optional<Preview> fetch(URI url) {
			Request request = new Request.Builder().url(url.toString()).header("Accept", "text/html").get().build();
			try (Response response = this.http.newCall(request).execute()) {
				if (!response.isSuccessful()) {
					return Optional.empty();
				}
				String html;
				try (InputStream in = response.body().byteStream()) {
					html = new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
				}
				String title = meta(html, "og:title");
				if (title == null) {
					title = tag(html, "title");
				}
				if (title == null || title.isBlank()) {
					return Optional.empty();
				}
				String description = meta(html, "og:description");
				if (description == null) {
					description = meta(html, "description");
				}
				return Optional.of(new Preview(unescape(title), (description != null) ? unescape(description) : ""));
			}
			catch (IOException | IllegalArgumentException ex) {
				return Optional.empty();
			}
		}

		private static String meta(String html, String name) {
			Matcher tag = Pattern.compile("<meta\\b[^>]*>", Pattern.CASE_INSENSITIVE).matcher(html);
			Pattern names = Pattern.compile("(?:property|name)\\s*=\\s*[\"']" + Pattern.quote(name) + "[\"']",
					Pattern.CASE_INSENSITIVE);
			Pattern content = Pattern.compile("content\\s*=\\s*(\"([^\"]*)\"|'([^']*)')", Pattern.CASE_INSENSITIVE);
			while (tag.find()) {
				if (names.matcher(tag.group()).find()) {
					Matcher value = content.matcher(tag.group());
					if (value.find()) {
						return (value.group(2) != null) ? value.group(2) : value.group(3);
					}
				}
			}
			return null;
		}

		private static String tag(String html, String name) {
			Matcher matcher = Pattern.compile("<" + name + "\\b[^>]*>([^<]*)</" + name + ">", Pattern.CASE_INSENSITIVE)
				.matcher(html);
			return matcher.find() ? matcher.group(1).strip() : null;
		}

		private static String unescape(String text) {
			return text.replace("&quot;", "\"")
				.replace("&#39;", "'")
				.replace("&lt;", "<")
				.replace("&gt;", ">")
				.replace("&amp;", "&")
				.strip();
		}

	}

}
