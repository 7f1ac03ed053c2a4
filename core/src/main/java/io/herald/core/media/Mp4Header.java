package io.herald.core.media;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a video's duration (movie header, {@code mvhd}) and display size (first visual
 * track header, {@code tkhd}) from an ISO base media file (MP4, MOV) by walking its boxes
 * in order. The movie box may come after the media data, so the walk reads past it;
 * anything it cannot find stays {@code null} rather than failing the upload.
 */
final class Mp4Header {

	// Guards against crafted files made of millions of tiny boxes.
	private static final int MAX_BOXES = 4096;

	private final DataInputStream in;

	private int boxes;

	private Long durationMs;

	private Integer width;

	private Integer height;

	private Mp4Header(InputStream in) {
		this.in = new DataInputStream(in);
	}

	static MediaDetails read(MediaFormat format, InputStream content) throws IOException {
		Mp4Header header = new Mp4Header(content);
		try {
			header.walkTopLevel();
		}
		catch (EOFException ex) {
			// Truncated or no movie box: report what was found.
		}
		return new MediaDetails(format, header.width, header.height, header.durationMs);
	}

	private void walkTopLevel() throws IOException {
		while (this.boxes < MAX_BOXES) {
			Box box = nextBox(Long.MAX_VALUE);
			if (box == null) {
				return;
			}
			if (box.type.equals("moov")) {
				walk(box.bodySize);
				return;
			}
			if (box.bodySize < 0) {
				return;
			}
			this.in.skipNBytes(box.bodySize);
		}
	}

	// Walks the children of moov and trak; bodySize < 0 means "to the end of the file".
	private void walk(long bodySize) throws IOException {
		long remaining = (bodySize < 0) ? Long.MAX_VALUE : bodySize;
		while (remaining > 0 && this.boxes < MAX_BOXES) {
			Box box = nextBox(remaining);
			if (box == null) {
				return;
			}
			remaining -= box.headerSize;
			long body = (box.bodySize < 0) ? remaining : box.bodySize;
			remaining -= body;
			switch (box.type) {
				case "trak" -> walk(body);
				case "mvhd" -> skipRest(body, movieHeader());
				case "tkhd" -> skipRest(body, trackHeader());
				default -> this.in.skipNBytes(body);
			}
		}
	}

	private Box nextBox(long available) throws IOException {
		if (available < 8) {
			return null;
		}
		byte[] header = new byte[8];
		int read = this.in.readNBytes(header, 0, 8);
		if (read == 0) {
			return null;
		}
		if (read < 8) {
			throw new EOFException();
		}
		this.boxes++;
		long size = ((header[0] & 0xffL) << 24) | ((header[1] & 0xffL) << 16) | ((header[2] & 0xffL) << 8)
				| (header[3] & 0xffL);
		String type = new String(header, 4, 4, StandardCharsets.ISO_8859_1);
		int headerSize = 8;
		if (size == 1) {
			size = this.in.readLong();
			headerSize = 16;
		}
		if (size == 0) {
			return new Box(type, headerSize, -1);
		}
		if (size < headerSize) {
			throw new EOFException("Malformed box " + type);
		}
		return new Box(type, headerSize, size - headerSize);
	}

	private long movieHeader() throws IOException {
		int version = this.in.readInt() >>> 24;
		long timescale;
		long duration;
		if (version == 1) {
			this.in.skipNBytes(16);
			timescale = Integer.toUnsignedLong(this.in.readInt());
			duration = this.in.readLong();
		}
		else {
			this.in.skipNBytes(8);
			timescale = Integer.toUnsignedLong(this.in.readInt());
			long raw = Integer.toUnsignedLong(this.in.readInt());
			duration = (raw == 0xffffffffL) ? -1 : raw;
		}
		if (timescale > 0 && duration >= 0) {
			this.durationMs = duration * 1000 / timescale;
		}
		return (version == 1) ? 32 : 20;
	}

	private long trackHeader() throws IOException {
		int version = this.in.readInt() >>> 24;
		// creation/modification times, track id, reserved, duration; then reserved,
		// layer,
		// alternate group, volume, reserved
		this.in.skipNBytes(((version == 1) ? 32 : 20) + 16);
		int a = this.in.readInt();
		this.in.skipNBytes(8);
		int c = this.in.readInt();
		this.in.skipNBytes(20);
		int trackWidth = this.in.readInt() >>> 16;
		int trackHeight = this.in.readInt() >>> 16;
		// Audio tracks have no size; the first visual track is the video.
		if (this.width == null && trackWidth > 0 && trackHeight > 0) {
			// A matrix with a == 0 and c != 0 rotates by 90 or 270 degrees: phones store
			// portrait video as landscape frames plus such a rotation.
			boolean rotated = a == 0 && c != 0;
			this.width = rotated ? trackHeight : trackWidth;
			this.height = rotated ? trackWidth : trackHeight;
		}
		return ((version == 1) ? 32 : 20) + 4 + 16 + 36 + 8;
	}

	private void skipRest(long body, long consumed) throws IOException {
		if (body > consumed) {
			this.in.skipNBytes(body - consumed);
		}
	}

	private record Box(String type, int headerSize, long bodySize) {

	}

}
