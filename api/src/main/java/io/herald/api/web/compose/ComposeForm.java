package io.herald.api.web.compose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.herald.api.posts.PostOperations;

import org.springframework.util.MultiValueMap;

/**
 * What the compose form sent, kept so the page can be shown again as the user left it.
 *
 * @param text the base text
 * @param media uploaded assets with alt text, in order
 * @param accountIds the checked accounts
 * @param variants per-account text (only non-blank ones)
 * @param parts further thread parts (only non-blank ones)
 * @param when the local date-time entered, {@code yyyy-MM-ddTHH:mm}
 * @param zone the IANA zone it was entered in
 * @param action {@code schedule}, {@code now} or {@code draft}
 */
public record ComposeForm(String text, List<PostOperations.Media> media, Set<UUID> accountIds,
		Map<UUID, String> variants, List<String> parts, String when, String zone, String action) {

	static final String VARIANT_PREFIX = "variant-";

	static final String ALT_PREFIX = "alt-";

	static ComposeForm empty(String when, String zone) {
		return new ComposeForm("", List.of(), Set.of(), Map.of(), List.of(), when, zone, "schedule");
	}

	static ComposeForm of(MultiValueMap<String, String> params) {
		Set<UUID> accounts = new LinkedHashSet<>();
		for (String id : params.getOrDefault("account", List.of())) {
			accounts.add(uuid(id));
		}
		Map<UUID, String> variants = new LinkedHashMap<>();
		params.forEach((name, values) -> {
			if (name.startsWith(VARIANT_PREFIX) && !values.isEmpty() && values.get(0) != null
					&& !values.get(0).isBlank()) {
				variants.put(uuid(name.substring(VARIANT_PREFIX.length())), values.get(0));
			}
		});
		List<String> parts = new ArrayList<>();
		for (String part : params.getOrDefault("part", List.of())) {
			if (part != null && !part.isBlank()) {
				parts.add(part);
			}
		}
		List<PostOperations.Media> media = new ArrayList<>();
		for (String id : params.getOrDefault("asset", List.of())) {
			UUID assetId = uuid(id);
			String alt = params.getFirst(ALT_PREFIX + assetId);
			media.add(new PostOperations.Media(assetId, (alt != null && !alt.isBlank()) ? alt.trim() : null));
		}
		return new ComposeForm(value(params, "text"), media, accounts, variants, parts, value(params, "when"),
				value(params, "zone"), value(params, "action"));
	}

	PostOperations.Composed composed() {
		Map<UUID, String> checkedVariants = new LinkedHashMap<>();
		this.variants.forEach((id, text) -> {
			if (this.accountIds.contains(id)) {
				checkedVariants.put(id, text);
			}
		});
		boolean draft = "draft".equals(this.action);
		boolean now = "now".equals(this.action);
		String scheduledAt = (now || this.when == null || this.when.isBlank()) ? null : this.when;
		return new PostOperations.Composed(this.text, this.media, this.parts, List.copyOf(this.accountIds),
				checkedVariants, scheduledAt, (this.zone == null || this.zone.isBlank()) ? null : this.zone, now,
				draft);
	}

	String textFor(UUID accountId) {
		return this.variants.getOrDefault(accountId, this.text);
	}

	private static String value(MultiValueMap<String, String> params, String name) {
		String value = params.getFirst(name);
		return (value != null) ? value : "";
	}

	private static UUID uuid(String value) {
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			throw new io.herald.api.problems.ApiException(io.herald.api.problems.ProblemType.INVALID_FIELD,
					"The form named an account or file that does not exist.");
		}
	}

}
