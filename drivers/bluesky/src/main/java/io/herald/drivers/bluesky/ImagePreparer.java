package io.herald.drivers.bluesky;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import io.herald.drivers.spi.BoundedImageDecoder;
import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.MediaItem;
import io.herald.drivers.spi.PublishException;

/**
 * Makes an image fit for {@code uploadBlob}: metadata (EXIF, GPS, XMP, comments) removed
 * without re-encoding, and images above the byte limit re-encoded as JPEG at decreasing
 * quality, then scaled down in steps until they fit, so an oversized image is never
 * refused at publish time. Decoding is bounded: images declaring more than
 * {@link #MAX_SOURCE_PIXELS} are refused before any pixel is read, and larger ones than
 * {@link #MAX_DECODED_PIXELS} are read subsampled.
 */
final class ImagePreparer {

	/** The lexicon's limit for a blob in {@code app.bsky.embed.images}. */
	static final long MAX_IMAGE_BYTES = 1_000_000;

	/**
	 * Above this an image is refused, not decoded: 100 megapixels, twice the upload
	 * default.
	 */
	static final long MAX_SOURCE_PIXELS = 100_000_000;

	/**
	 * 4096×4096: enough for any image that can fit in a million bytes, and at most 64 MB
	 * per decoded raster.
	 */
	static final long MAX_DECODED_PIXELS = 4096L * 4096;

	// Tried in this order at full size before scaling down; below about 0.6 JPEG
	// artefacts cost more than fewer pixels do.
	private static final float[] JPEG_QUALITIES = { 0.92f, 0.85f, 0.75f, 0.65f };

	private final long maxBytes;

	private final BoundedImageDecoder decoder;

	ImagePreparer() {
		this(MAX_IMAGE_BYTES, new BoundedImageDecoder(MAX_SOURCE_PIXELS, MAX_DECODED_PIXELS));
	}

	ImagePreparer(long maxBytes, BoundedImageDecoder decoder) {
		this.maxBytes = maxBytes;
		this.decoder = decoder;
	}

	Prepared prepare(MediaItem item) throws PublishException {
		byte[] original = read(item);
		Optional<BoundedImageDecoder.Size> size = this.decoder.inspect(original);
		byte[] stripped;
		String contentType;
		int orientation = 1;
		if (isJpeg(original)) {
			orientation = jpegOrientation(original);
			stripped = stripJpeg(original);
			contentType = "image/jpeg";
		}
		else if (isPng(original)) {
			stripped = stripPng(original);
			contentType = "image/png";
		}
		else {
			stripped = original;
			contentType = item.contentType();
		}
		if (orientation == 1 && stripped.length <= this.maxBytes) {
			int width = size.map(BoundedImageDecoder.Size::width).orElse(orZero(item.width()));
			int height = size.map(BoundedImageDecoder.Size::height).orElse(orZero(item.height()));
			return new Prepared(stripped, contentType, width, height);
		}
		// Stripping EXIF drops the orientation a phone relies on, so apply it to the
		// pixels.
		return fit(orient(decode(stripped, item), orientation));
	}

	private BufferedImage decode(byte[] bytes, MediaItem item) throws PublishException {
		return this.decoder.decode(bytes)
			.orElseThrow(() -> new PublishException(ErrorKind.INVALID_CONTENT,
					"Image " + item.assetId() + " (" + item.contentType() + ", " + bytes.length
							+ " bytes) is above Bluesky's limit of " + this.maxBytes
							+ " bytes and cannot be decoded to shrink it."));
	}

	/**
	 * Encodes as JPEG at decreasing quality, then scales down at the lowest quality until
	 * the bytes fit.
	 */
	Prepared fit(BufferedImage source) throws PublishException {
		int width = source.getWidth();
		int height = source.getHeight();
		BufferedImage rgb = flatten(source, width, height);
		byte[] jpeg = null;
		for (float quality : JPEG_QUALITIES) {
			jpeg = jpeg(rgb, quality);
			if (jpeg.length <= this.maxBytes) {
				return new Prepared(jpeg, "image/jpeg", width, height);
			}
		}
		double scale = 1.0;
		while (jpeg.length > this.maxBytes) {
			if (width == 1 && height == 1) {
				throw new PublishException(ErrorKind.INVALID_CONTENT,
						"The image cannot be made smaller than Bluesky's limit of " + this.maxBytes + " bytes.");
			}
			// Bytes grow with pixel count; aim straight at the limit, a little under.
			scale *= Math.min(0.9, Math.sqrt((double) this.maxBytes / jpeg.length) * 0.95);
			width = Math.max(1, (int) Math.round(source.getWidth() * scale));
			height = Math.max(1, (int) Math.round(source.getHeight() * scale));
			jpeg = jpeg(flatten(source, width, height), JPEG_QUALITIES[JPEG_QUALITIES.length - 1]);
		}
		return new Prepared(jpeg, "image/jpeg", width, height);
	}

	/** Applies an EXIF orientation (1 to 8) so the image displays upright without it. */
	static BufferedImage orient(BufferedImage source, int orientation) {
		if (orientation < 2 || orientation > 8) {
			return source;
		}
		int w = source.getWidth();
		int h = source.getHeight();
		boolean swap = orientation >= 5;
		BufferedImage target = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_ARGB);
		int[] pixels = source.getRGB(0, 0, w, h, null, 0, w);
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				int dx;
				int dy;
				switch (orientation) {
					case 2 -> {
						dx = w - 1 - x;
						dy = y;
					}
					case 3 -> {
						dx = w - 1 - x;
						dy = h - 1 - y;
					}
					case 4 -> {
						dx = x;
						dy = h - 1 - y;
					}
					case 5 -> {
						dx = y;
						dy = x;
					}
					case 6 -> {
						dx = h - 1 - y;
						dy = x;
					}
					case 7 -> {
						dx = h - 1 - y;
						dy = w - 1 - x;
					}
					default -> {
						dx = y;
						dy = w - 1 - x;
					}
				}
				target.setRGB(dx, dy, pixels[y * w + x]);
			}
		}
		return target;
	}

	/**
	 * The orientation tag (0x0112) of a JPEG's EXIF block, or 1 (upright) when there is
	 * none.
	 */
	static int jpegOrientation(byte[] in) {
		int i = 2;
		while (i + 4 <= in.length && (in[i] & 0xFF) == 0xFF) {
			int marker = in[i + 1] & 0xFF;
			if (marker == 0xDA) {
				break;
			}
			int length = ((in[i + 2] & 0xFF) << 8) | (in[i + 3] & 0xFF);
			if (marker == 0xE1 && i + 2 + length <= in.length && length > 16 && in[i + 4] == 'E' && in[i + 5] == 'x'
					&& in[i + 6] == 'i' && in[i + 7] == 'f') {
				int tiff = i + 10;
				int end = i + 2 + length;
				boolean little = in[tiff] == 'I';
				int ifd = tiff + (int) unsigned(in, tiff + 4, 4, little);
				if (ifd + 2 > end || ifd < tiff) {
					return 1;
				}
				int entries = (int) unsigned(in, ifd, 2, little);
				for (int e = 0; e < entries && ifd + 2 + e * 12 + 12 <= end; e++) {
					int entry = ifd + 2 + e * 12;
					if (unsigned(in, entry, 2, little) == 0x0112) {
						return (int) unsigned(in, entry + 8, 2, little);
					}
				}
				return 1;
			}
			i += length + 2;
		}
		return 1;
	}

	private static long unsigned(byte[] in, int at, int size, boolean little) {
		long value = 0;
		for (int k = 0; k < size; k++) {
			int b = in[at + (little ? size - 1 - k : k)] & 0xFF;
			value = (value << 8) | b;
		}
		return value;
	}

	// JPEG has no alpha: flatten onto white, as a viewer would show it, scaling on the
	// way.
	private static BufferedImage flatten(BufferedImage source, int width, int height) {
		BufferedImage rgb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = rgb.createGraphics();
		try {
			graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
			graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
			graphics.setColor(Color.WHITE);
			graphics.fillRect(0, 0, width, height);
			graphics.drawImage(source, 0, 0, width, height, null);
		}
		finally {
			graphics.dispose();
		}
		return rgb;
	}

	static byte[] jpeg(BufferedImage rgb, float quality) {
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
			writer.setOutput(stream);
			ImageWriteParam param = writer.getDefaultWriteParam();
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionQuality(quality);
			// No metadata argument: the file carries pixels only.
			writer.write(null, new IIOImage(rgb, null, null), param);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Writing to memory cannot fail", ex);
		}
		finally {
			writer.dispose();
		}
		return out.toByteArray();
	}

	private static byte[] read(MediaItem item) throws PublishException {
		try (InputStream in = item.content().open()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new PublishException(ErrorKind.TRANSIENT, "Could not read media " + item.assetId(), null, null, null,
					null, ex);
		}
	}

	private static boolean isJpeg(byte[] b) {
		return b.length > 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8;
	}

	private static boolean isPng(byte[] b) {
		return b.length > 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
	}

	/**
	 * Drops APP1 (EXIF with GPS, XMP), APP3 to APP13, APP15 and comments; keeps JFIF
	 * (APP0), the colour profile (APP2) and Adobe's colour transform (APP14), which
	 * change how the pixels decode.
	 */
	static byte[] stripJpeg(byte[] in) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
		out.write(in, 0, 2);
		int i = 2;
		while (i + 4 <= in.length && (in[i] & 0xFF) == 0xFF) {
			int marker = in[i + 1] & 0xFF;
			if (marker == 0xDA) {
				break;
			}
			int length = ((in[i + 2] & 0xFF) << 8) | (in[i + 3] & 0xFF);
			boolean drop = marker == 0xE1 || (marker >= 0xE3 && marker <= 0xED) || marker == 0xEF || marker == 0xFE;
			if (!drop) {
				out.write(in, i, Math.min(length + 2, in.length - i));
			}
			i += length + 2;
		}
		if (i < in.length) {
			out.write(in, i, in.length - i);
		}
		return out.toByteArray();
	}

	/** Drops the PNG chunks that carry metadata: eXIf, tEXt, zTXt, iTXt and tIME. */
	static byte[] stripPng(byte[] in) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
		out.write(in, 0, 8);
		int i = 8;
		while (i + 12 <= in.length) {
			int length = ((in[i] & 0xFF) << 24) | ((in[i + 1] & 0xFF) << 16) | ((in[i + 2] & 0xFF) << 8)
					| (in[i + 3] & 0xFF);
			String type = new String(in, i + 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
			int total = length + 12;
			if (length < 0 || i + total > in.length) {
				out.write(in, i, in.length - i);
				return out.toByteArray();
			}
			if (!(type.equals("eXIf") || type.equals("tEXt") || type.equals("zTXt") || type.equals("iTXt")
					|| type.equals("tIME"))) {
				out.write(in, i, total);
			}
			i += total;
		}
		return out.toByteArray();
	}

	private static int orZero(Integer value) {
		return (value != null) ? value : 0;
	}

	/**
	 * An image ready to upload.
	 *
	 * @param bytes the bytes
	 * @param contentType the MIME type
	 * @param width the width in pixels, 0 when unknown
	 * @param height the height in pixels, 0 when unknown
	 */
	record Prepared(byte[] bytes, String contentType, int width, int height) {
	}

}
