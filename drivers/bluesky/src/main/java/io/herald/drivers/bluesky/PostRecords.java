package io.herald.drivers.bluesky;

import java.net.URI;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.herald.drivers.spi.MediaItem;
import io.herald.drivers.spi.PublishException;
import io.herald.drivers.spi.PublishRequest;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds {@code app.bsky.feed.post} records: text, facets, langs, reply references and
 * the embed (images, a quoted post, or a link card). Uploads images on the way.
 */
final class PostRecords {

	/** The lexicon's limit on {@code langs}. */
	private static final int MAX_LANGS = 3;

	private final JsonMapper json;

	private final Clock clock;

	private final ImagePreparer images;

	private final LinkPreviews linkPreviews;

	PostRecords(JsonMapper json, Clock clock, ImagePreparer images, LinkPreviews linkPreviews) {
		this.json = json;
		this.clock = clock;
		this.images = images;
		this.linkPreviews = linkPreviews;
	}

	/** The first post and each thread part, in order. */
	static List<Part> parts(PublishRequest request) {
		List<Part> parts = new ArrayList<>();
		parts.add(new Part(request.text(), request.media(), request.langs(), request.quoteRemoteId()));
		request.thread().forEach((p) -> parts.add(new Part(p.text(), p.media(), request.langs(), null)));
		return parts;
	}

	ObjectNode build(Repo repo, Part part, StrongRef root, StrongRef parent) throws PublishException {
		ObjectNode record = this.json.createObjectNode();
		record.put("$type", BlueskyBackend.POST);
		record.put("text", part.text());
		record.put("createdAt", this.clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
		ArrayNode facets = facets(repo, part.text());
		if (!facets.isEmpty()) {
			record.set("facets", facets);
		}
		if (!part.langs().isEmpty()) {
			ArrayNode langs = record.putArray("langs");
			part.langs().stream().limit(MAX_LANGS).forEach(langs::add);
		}
		if (root != null) {
			ObjectNode reply = record.putObject("reply");
			reply.set("root", root.json(this.json));
			reply.set("parent", parent.json(this.json));
		}
		ObjectNode embed = embed(repo, part);
		if (embed != null) {
			record.set("embed", embed);
		}
		return record;
	}

	private ObjectNode embed(Repo repo, Part part) throws PublishException {
		ObjectNode media = part.media().isEmpty() ? null : images(repo, part.media());
		ObjectNode quoted = null;
		if (part.quote() != null) {
			quoted = this.json.createObjectNode();
			quoted.put("$type", "app.bsky.embed.record");
			quoted.set("record", repo.existing(AtUri.parse(part.quote())).ref().json(this.json));
		}
		if (media != null && quoted != null) {
			ObjectNode both = this.json.createObjectNode();
			both.put("$type", "app.bsky.embed.recordWithMedia");
			both.set("record", quoted);
			both.set("media", media);
			return both;
		}
		if (media != null || quoted != null) {
			return (media != null) ? media : quoted;
		}
		return linkCard(part.text());
	}

	private ObjectNode images(Repo repo, List<MediaItem> media) throws PublishException {
		ObjectNode embed = this.json.createObjectNode();
		embed.put("$type", "app.bsky.embed.images");
		ArrayNode images = embed.putArray("images");
		for (MediaItem item : media) {
			ImagePreparer.Prepared prepared = this.images.prepare(item);
			ObjectNode image = images.addObject();
			image.set("image", repo.uploadBlob(prepared.bytes(), prepared.contentType()));
			image.put("alt", (item.altText() != null) ? item.altText() : "");
			if (prepared.width() > 0 && prepared.height() > 0) {
				image.putObject("aspectRatio").put("width", prepared.width()).put("height", prepared.height());
			}
		}
		return embed;
	}

	/** A card for the first link, when its page has a title; otherwise none. */
	private ObjectNode linkCard(String text) {
		Optional<URI> link = Facets.find(text)
			.stream()
			.filter((f) -> f.kind() == Facets.Kind.LINK)
			.findFirst()
			.flatMap((f) -> parseUri(f.value()));
		return link.flatMap((uri) -> this.linkPreviews.fetch(uri).map((preview) -> {
			ObjectNode embed = this.json.createObjectNode();
			embed.put("$type", "app.bsky.embed.external");
			embed.putObject("external")
				.put("uri", uri.toString())
				.put("title", preview.title())
				.put("description", preview.description());
			return embed;
		})).orElse(null);
	}

	private ArrayNode facets(Repo repo, String text) throws PublishException {
		ArrayNode facets = this.json.createArrayNode();
		for (Facets.Found found : Facets.find(text)) {
			ObjectNode feature = this.json.createObjectNode();
			switch (found.kind()) {
				case LINK -> feature.put("$type", "app.bsky.richtext.facet#link").put("uri", found.value());
				case TAG -> feature.put("$type", "app.bsky.richtext.facet#tag").put("tag", found.value());
				case MENTION -> {
					Optional<String> did = repo.resolveHandle(found.value());
					if (did.isEmpty()) {
						continue;
					}
					feature.put("$type", "app.bsky.richtext.facet#mention").put("did", did.get());
				}
			}
			ObjectNode facet = facets.addObject();
			facet.putObject("index").put("byteStart", found.byteStart()).put("byteEnd", found.byteEnd());
			facet.putArray("features").add(feature);
		}
		return facets;
	}

	private static Optional<URI> parseUri(String value) {
		try {
			return Optional.of(URI.create(value));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/**
	 * One post of a publication.
	 *
	 * @param text the text
	 * @param media the images
	 * @param langs the language tags
	 * @param quote the {@code at://} URI of a post to quote, or {@code null}
	 */
	record Part(String text, List<MediaItem> media, List<String> langs, String quote) {
	}

}
