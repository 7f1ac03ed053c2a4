package io.herald.core.media;

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
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * JPEG copies of images, for networks that fetch media by URL and take JPEG only. A copy
 * is made once per asset and kept next to it in the store, so every later publication and
 * every fetch of the link get the same bytes, whatever the store (a MinIO presigned URL
 * bypasses Herald, so converting while serving would not reach it).
 * <p>
 * The copy is sRGB (other colour spaces and transparency are drawn onto white), written
 * at quality {@value #QUALITY} with no metadata (no EXIF, no location), and at most
 * {@value #MAX_SIDE} pixels on its longer side: decoding reads every n-th pixel of a
 * larger image, so memory stays bounded whatever the upload declared.
 */
public class JpegRenditions {

	/** Quality of the copies; networks recommend at least 0.85. */
	static final float QUALITY = 0.9f;

	/** Twice Instagram's largest displayed width (1,440 px). */
	static final int MAX_SIDE = 2880;

	private static final String PREFIX = "renditions/jpeg/";

	private final MediaStore store;

	public JpegRenditions(MediaStore store) {
		this.store = store;
	}

	/**
	 * Whether a content type needs a JPEG copy.
	 * @param contentType the original's type
	 * @return true for images other than JPEG
	 */
	public static boolean needsCopy(String contentType) {
		String type = (contentType != null) ? contentType.toLowerCase(java.util.Locale.ROOT) : "";
		return type.startsWith("image/") && !type.equals("image/jpeg") && !type.equals("image/jpg")
				&& !type.equals("image/pjpeg") && !type.equals("image/gif");
	}

	/**
	 * The key of an object's JPEG copy, made now if it does not exist yet.
	 * @param key the original's object key
	 * @return the copy's key and size
	 * @throws MediaException when the original cannot be decoded
	 */
	public StoredCopy jpegOf(String key) {
		String copyKey = copyKey(key);
		return this.store.stat(copyKey)
			.map((stored) -> new StoredCopy(copyKey, stored.size()))
			.orElseGet(() -> create(key, copyKey));
	}

	/**
	 * Where the copy of an object is kept.
	 * @param key the original's object key
	 * @return the copy's object key
	 */
	static String copyKey(String key) {
		return PREFIX + MediaKeys.requireValid(key);
	}

	private StoredCopy create(String key, String copyKey) {
		byte[] jpeg;
		try (InputStream original = this.store.open(key)) {
			jpeg = encode(toSrgb(decode(original)));
		}
		catch (IOException ex) {
			throw new UnsupportedMediaException("Could not convert " + key + " to JPEG: " + ex.getMessage());
		}
		this.store.put(copyKey, new ByteArrayInputStream(jpeg), jpeg.length, "image/jpeg");
		return new StoredCopy(copyKey, jpeg.length);
	}

	static BufferedImage decode(InputStream content) throws IOException {
		try (ImageInputStream input = ImageIO.createImageInputStream(content)) {
			Iterator<ImageReader> readers = (input != null) ? ImageIO.getImageReaders(input) : null;
			if (readers == null || !readers.hasNext()) {
				throw new IOException("not an image ImageIO can read");
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(input, true, true);
				int longer = Math.max(reader.getWidth(0), reader.getHeight(0));
				int step = Math.max(1, (longer + MAX_SIDE - 1) / MAX_SIDE);
				ImageReadParam param = reader.getDefaultReadParam();
				param.setSourceSubsampling(step, step, 0, 0);
				return reader.read(0, param);
			}
			finally {
				reader.dispose();
			}
		}
	}

	/**
	 * Drawing converts any colour model (palette, grey, 16-bit, another ICC profile) to
	 * 8-bit sRGB; transparent pixels become white rather than JPEG's default black.
	 */
	static BufferedImage toSrgb(BufferedImage image) {
		BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = rgb.createGraphics();
		try {
			graphics.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
			graphics.setColor(Color.WHITE);
			graphics.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
			graphics.drawImage(image, 0, 0, null);
		}
		finally {
			graphics.dispose();
		}
		return rgb;
	}

	/** Written without metadata: only the JFIF header the encoder needs. */
	static byte[] encode(BufferedImage rgb) throws IOException {
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ImageOutputStream output = ImageIO.createImageOutputStream(bytes)) {
			writer.setOutput(output);
			ImageWriteParam param = writer.getDefaultWriteParam();
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionQuality(QUALITY);
			writer.write(null, new IIOImage(rgb, null, null), param);
		}
		finally {
			writer.dispose();
		}
		return bytes.toByteArray();
	}

	/**
	 * A JPEG copy in the store.
	 *
	 * @param key its object key
	 * @param bytes its size
	 */
	public record StoredCopy(String key, long bytes) {
	}

}
