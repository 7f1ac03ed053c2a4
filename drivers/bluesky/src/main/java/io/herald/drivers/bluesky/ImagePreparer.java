package io.herald.drivers.bluesky;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.MediaItem;
import io.herald.drivers.spi.PublishException;

/**
 * Makes an image fit for {@code uploadBlob}: metadata (EXIF, GPS, XMP, comments) removed
 * without re-encoding, and images above the byte limit re-encoded as JPEG and scaled down
 * until they fit, so an oversized image is never refused at publish time.
 */
final class ImagePreparer {

	private static final float JPEG_QUALITY = 0.85f;

	private final long maxBytes;

	ImagePreparer(long maxBytes) {
		this.maxBytes = maxBytes;
	}

	Prepared prepare(MediaItem item) throws PublishException {
		byte[] original = read(item);
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
			int[] size = dimensions(stripped);
			int width = (size != null) ? size[0] : orZero(item.width());
			int height = (size != null) ? size[1] : orZero(item.height());
			return new Prepared(stripped, contentType, width, height);
		}
		// Stripping EXIF drops the orientation a phone relies on, so apply it to the
		// pixels.
		return fit(orient(decode(stripped, item), orientation));
	}

	private BufferedImage decode(byte[] bytes, MediaItem item) throws PublishException {
		BufferedImage image;
		try {
			image = ImageIO.read(new ByteArrayInputStream(bytes));
		}
		catch (IOException ex) {
			image = null;
		}
		if (image == null) {
			throw new PublishException(ErrorKind.INVALID_CONTENT, "Image " + item.assetId() + " (" + item.contentType()
					+ ", " + bytes.length + " bytes) cannot be decoded to shrink or rotate it.");
		}
		return image;
	}

	/** Encodes as JPEG, scaling down until the bytes fit. */
	private Prepared fit(BufferedImage source) {
		double scale = 1.0;
		while (true) {
			int width = Math.max(1, (int) Math.round(source.getWidth() * scale));
			int height = Math.max(1, (int) Math.round(source.getHeight() * scale));
			byte[] jpeg = jpeg(source, width, height);
			if (jpeg.length <= this.maxBytes || (width == 1 && height == 1)) {
				return new Prepared(jpeg, "image/jpeg", width, height);
			}
			// Bytes grow with pixel count; aim straight at the limit, a little under.
			scale *= Math.min(0.9, Math.sqrt((double) this.maxBytes / jpeg.length) * 0.95);
		}
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

	private static byte[] jpeg(BufferedImage source, int width, int height) {
		// JPEG has no alpha: flatten onto white, as a viewer would show it.
		BufferedImage rgb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = rgb.createGraphics();
		graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
		graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
		graphics.setColor(Color.WHITE);
		graphics.fillRect(0, 0, width, height);
		graphics.drawImage(source, 0, 0, width, height, null);
		graphics.dispose();
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
			writer.setOutput(stream);
			ImageWriteParam param = writer.getDefaultWriteParam();
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionQuality(JPEG_QUALITY);
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

	static int[] dimensions(byte[] bytes) {
		try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
			Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
			if (!readers.hasNext()) {
				return null;
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(in);
				return new int[] { reader.getWidth(0), reader.getHeight(0) };
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException ex) {
			return null;
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
