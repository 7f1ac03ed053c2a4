package io.herald.drivers.instagram;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.PublishException;

/**
 * What {@code resume} needs to continue a publication, persisted by Herald between calls.
 * It carries the container ids, so a container that Instagram already published is
 * recognised on any later call instead of being published twice.
 *
 * @param stage which containers the ids are
 * @param containerIds carousel children ({@link Stage#CHILDREN}) or the one container to
 * publish ({@link Stage#CONTAINER})
 * @param createdAt when the first container of this round was created
 * @param round how many times the driver started over with new containers
 */
record PublishToken(Stage stage, List<String> containerIds, Instant createdAt, int round) {

	private static final String PREFIX = "ig1";

	private static final Pattern ID = Pattern.compile("[0-9A-Za-z_]{1,64}");

	PublishToken {
		containerIds = List.copyOf(containerIds);
	}

	static PublishToken container(String containerId, Instant createdAt, int round) {
		return new PublishToken(Stage.CONTAINER, List.of(containerId), createdAt, round);
	}

	String containerId() {
		return this.containerIds.get(0);
	}

	String encode() {
		return PREFIX + ":" + this.stage + ":" + this.createdAt.getEpochSecond() + ":" + this.round + ":"
				+ String.join(",", this.containerIds);
	}

	static PublishToken decode(String token) throws PublishException {
		String[] parts = (token != null) ? token.split(":", -1) : new String[0];
		try {
			if (parts.length != 5 || !PREFIX.equals(parts[0])) {
				throw new IllegalArgumentException("unknown format");
			}
			List<String> ids = Arrays.asList(parts[4].split(","));
			if (ids.isEmpty() || !ids.stream().allMatch((id) -> ID.matcher(id).matches())) {
				throw new IllegalArgumentException("bad container id");
			}
			return new PublishToken(Stage.valueOf(parts[1]), ids, Instant.ofEpochSecond(Long.parseLong(parts[2])),
					Integer.parseInt(parts[3]));
		}
		catch (IllegalArgumentException ex) {
			throw new PublishException(ErrorKind.INVALID_CONTENT,
					"Not an Instagram publishing token (" + ex.getMessage() + ").");
		}
	}

	/** Where a publication stands. */
	enum Stage {

		/** Carousel items are processing; the parent container does not exist yet. */
		CHILDREN,

		/** One container (an image, a Reel or a carousel parent) awaits publishing. */
		CONTAINER

	}

}
