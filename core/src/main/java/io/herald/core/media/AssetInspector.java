package io.herald.core.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Set;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Recognises media from its bytes (never from what a client claims) and reads its
 * dimensions and, for video, its duration. It reads only as far as it needs: image
 * headers, and for MP4/MOV the boxes up to the movie header. Images declaring more pixels
 * than allowed are refused here, so every upload path applies the limit.
 */
public class AssetInspector {

	/** How many leading bytes {@link #sniff} needs to recognise every format. */
	public static final int HEAD_BYTES = 64;

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

	// ISO base media major brands that are video Herald can publish. Image (HEIC, AVIF)
	// and audio (M4A) brands share the container but are not accepted.
	private static final Set<String> MP4_BRANDS = Set.of("isom", "iso2", "iso3", "iso4", "iso5", "iso6", "mp41", "mp42",
			"avc1", "M4V ", "M4VH", "M4VP", "MSNV", "dash", "mmp4", "f4v ");

	private static final String UNSUPPORTED = "Unsupported media: the content is not a JPEG, PNG, GIF, WebP, MP4 or MOV file";

	private final long maxImagePixels;

	/**
	 * @param maxImagePixels the most pixels (width × height) an image may declare
	 */
	public AssetInspector(long maxImagePixels) {
		this.maxImagePixels = maxImagePixels;
	}

	/**
	 * Recognises the format from the first bytes.
	 * @param head the first {@link #HEAD_BYTES} bytes (fewer if the content is shorter)
	 * @return the format
	 * @throws UnsupportedMediaException for anything else
	 */
	public MediaFormat sniff(byte[] head) {
		if (startsWith(head, 0, (byte) 0xFF, (byte) 0xD8, (byte) 0xFF)) {
			return MediaFormat.JPEG;
		}
		if (startsWith(head, 0, PNG_SIGNATURE)) {
			return MediaFormat.PNG;
		}
		if (ascii(head, 0, 6).equals("GIF87a") || ascii(head, 0, 6).equals("GIF89a")) {
			return MediaFormat.GIF;
		}
		if (ascii(head, 0, 4).equals("RIFF") && ascii(head, 8, 4).equals("WEBP")) {
			return MediaFormat.WEBP;
		}
		if (ascii(head, 4, 4).equals("ftyp")) {
			String brand = ascii(head, 8, 4);
			if (brand.equals("qt  ")) {
				return MediaFormat.QUICKTIME;
			}
			if (MP4_BRANDS.contains(brand)) {
				return MediaFormat.MP4;
			}
		}
		throw new UnsupportedMediaException(UNSUPPORTED);
	}

	/**
	 * Recognises media and reads its dimensions (and duration for video) from a stream,
	 * reading no further than needed. The caller closes the stream.
	 * @param content the media's bytes from the start
	 * @return what was found
	 * @throws UnsupportedMediaException when the format is not accepted or its header
	 * cannot be read
	 * @throws ImageTooLargeException when an image declares more than the allowed pixels
	 * @throws IOException when reading fails
	 */
	public MediaDetails inspect(InputStream content) throws IOException {
		byte[] head = content.readNBytes(HEAD_BYTES);
		MediaFormat format = sniff(head);
		return switch (format) {
			case WEBP -> withinPixelLimit(webp(head));
			case MP4, QUICKTIME -> Mp4Header.read(format, HeadAndRest.of(head, content));
			default -> withinPixelLimit(image(format, HeadAndRest.of(head, content)));
		};
	}

	// Video frames are decoded by the networks, never by Herald, so only images count.
	private MediaDetails withinPixelLimit(MediaDetails image) {
		if ((long) image.width() * image.height() > this.maxImagePixels) {
			throw new ImageTooLargeException(image.width(), image.height(), this.maxImagePixels);
		}
		return image;
	}

	private static MediaDetails image(MediaFormat format, InputStream content) throws IOException {
		Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(format.contentType());
		if (!readers.hasNext()) {
			throw new IllegalStateException("No ImageIO reader for " + format.contentType());
		}
		ImageReader reader = readers.next();
		// Memory cache, not ImageIO's default temp-file cache: only the header is read.
		try (ImageInputStream input = new MemoryCacheImageInputStream(content)) {
			reader.setInput(input, true, true);
			return new MediaDetails(format, reader.getWidth(0), reader.getHeight(0), null);
		}
		catch (IOException | RuntimeException ex) {
			// ImageIO signals a truncated or corrupt header with IIOException and, for
			// some
			// malformed files, with unchecked exceptions.
			throw new UnsupportedMediaException(
					"Unsupported media: the " + format.name() + " image's header cannot be read");
		}
		finally {
			reader.dispose();
		}
	}

	// A WebP file is a RIFF container whose first chunk says how to read the canvas size:
	// lossy (VP8), lossless (VP8L) or extended (VP8X).
	private static MediaDetails webp(byte[] head) {
		String chunk = ascii(head, 12, 4);
		if (chunk.equals("VP8 ") && head.length >= 30 && startsWith(head, 23, (byte) 0x9d, (byte) 0x01, (byte) 0x2a)) {
			return new MediaDetails(MediaFormat.WEBP, le16(head, 26) & 0x3fff, le16(head, 28) & 0x3fff, null);
		}
		if (chunk.equals("VP8L") && head.length >= 25 && head[20] == 0x2f) {
			int bits = le16(head, 21) | (le16(head, 23) << 16);
			return new MediaDetails(MediaFormat.WEBP, (bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1, null);
		}
		if (chunk.equals("VP8X") && head.length >= 30) {
			return new MediaDetails(MediaFormat.WEBP, le24(head, 24) + 1, le24(head, 27) + 1, null);
		}
		throw new UnsupportedMediaException("Unsupported media: the WebP image's header cannot be read");
	}

	private static boolean startsWith(byte[] data, int offset, byte... prefix) {
		if (data.length < offset + prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (data[offset + i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	private static String ascii(byte[] data, int offset, int length) {
		if (data.length < offset + length) {
			return "";
		}
		return new String(data, offset, length, StandardCharsets.ISO_8859_1);
	}

	private static int le16(byte[] data, int offset) {
		return (data[offset] & 0xff) | ((data[offset + 1] & 0xff) << 8);
	}

	private static int le24(byte[] data, int offset) {
		return le16(data, offset) | ((data[offset + 2] & 0xff) << 16);
	}

}
