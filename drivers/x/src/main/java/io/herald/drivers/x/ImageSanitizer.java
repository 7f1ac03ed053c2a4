package io.herald.drivers.x;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;

import io.herald.drivers.spi.BoundedImageDecoder;
import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.PublishException;

/**
 * Re-encodes still images before upload: pixels only, so EXIF (camera, GPS position)
 * never leaves Herald, the EXIF orientation is applied to the pixels first so the image
 * still stands upright, and images above X's size limit are shrunk until they fit.
 * Decoding is bounded: an image declaring more than {@link #MAX_SOURCE_PIXELS} is refused
 * before any pixel is read, and one above {@link #MAX_DECODED_PIXELS} is read subsampled.
 */
final class ImageSanitizer {

	/**
	 * Above this an image is refused, not decoded: 100 megapixels, twice the upload
	 * default.
	 */
	static final long MAX_SOURCE_PIXELS = 100_000_000;

	/** 4096×4096: more detail than a timeline shows, at most 64 MB per decoded raster. */
	static final long MAX_DECODED_PIXELS = 4096L * 4096;

	private static final float[] JPEG_QUALITIES = { 0.92f, 0.85f, 0.75f, 0.65f };

	private static final double SHRINK = 0.75;

	private static final int MIN_SIDE = 64;

	private final BoundedImageDecoder decoder;

	ImageSanitizer() {
		this(new BoundedImageDecoder(MAX_SOURCE_PIXELS, MAX_DECODED_PIXELS));
	}

	ImageSanitizer(BoundedImageDecoder decoder) {
		this.decoder = decoder;
	}

	/**
	 * Image bytes ready to upload.
	 *
	 * @param bytes the encoded image
	 * @param contentType its MIME type
	 */
	record Prepared(byte[] bytes, String contentType) {
	}

	/**
	 * Prepares an image for upload.
	 * @param original the image as stored
	 * @param contentType its MIME type
	 * @param maxBytes the largest upload X accepts for it
	 * @return the re-encoded image
	 * @throws PublishException when the image declares more than
	 * {@link #MAX_SOURCE_PIXELS}, is corrupt, or cannot be decoded and is too large to
	 * send unchanged
	 */
	Prepared prepare(byte[] original, String contentType, long maxBytes) throws PublishException {
		BufferedImage image = this.decoder.decode(original).orElse(null);
		if (image == null) {
			// A format the JDK cannot decode (WebP): send it as it is if X would take it.
			if (original.length <= maxBytes) {
				return new Prepared(original, contentType);
			}
			throw new PublishException(ErrorKind.INVALID_CONTENT, "The " + contentType + " image is " + original.length
					+ " bytes, above X's limit of " + maxBytes + ", and cannot be re-encoded.");
		}
		image = upright(image, orientation(original));
		if ("image/png".equals(contentType)) {
			byte[] png = encode(image, "png", 0);
			if (png.length <= maxBytes) {
				return new Prepared(png, "image/png");
			}
		}
		BufferedImage rgb = flatten(image);
		while (true) {
			for (float quality : JPEG_QUALITIES) {
				byte[] jpeg = encode(rgb, "jpeg", quality);
				if (jpeg.length <= maxBytes) {
					return new Prepared(jpeg, "image/jpeg");
				}
			}
			int width = (int) (rgb.getWidth() * SHRINK);
			int height = (int) (rgb.getHeight() * SHRINK);
			if (Math.min(width, height) < MIN_SIDE) {
				throw new PublishException(ErrorKind.INVALID_CONTENT,
						"The image cannot be shrunk below X's limit of " + maxBytes + " bytes.");
			}
			rgb = scale(rgb, width, height);
		}
	}

	private static int orientation(byte[] bytes) {
		try {
			Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes));
			ExifIFD0Directory exif = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
			if (exif != null && exif.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
				return exif.getInt(ExifIFD0Directory.TAG_ORIENTATION);
			}
		}
		catch (ImageProcessingException | IOException | MetadataException ex) {
			// No readable metadata: the pixels are already the way to show them.
		}
		return 1;
	}

	/** Applies an EXIF orientation (1 to 8) to the pixels. */
	static BufferedImage upright(BufferedImage image, int orientation) {
		if (orientation <= 1 || orientation > 8) {
			return image;
		}
		int w = image.getWidth();
		int h = image.getHeight();
		boolean swap = orientation >= 5;
		AffineTransform t = new AffineTransform();
		switch (orientation) {
			case 2 -> t.setTransform(-1, 0, 0, 1, w, 0);
			case 3 -> t.setTransform(-1, 0, 0, -1, w, h);
			case 4 -> t.setTransform(1, 0, 0, -1, 0, h);
			case 5 -> t.setTransform(0, 1, 1, 0, 0, 0);
			case 6 -> t.setTransform(0, 1, -1, 0, h, 0);
			case 7 -> t.setTransform(0, -1, -1, 0, h, w);
			default -> t.setTransform(0, -1, 1, 0, 0, w);
		}
		BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_ARGB);
		Graphics2D g = out.createGraphics();
		try {
			g.drawImage(image, t, null);
		}
		finally {
			g.dispose();
		}
		return out;
	}

	private static BufferedImage flatten(BufferedImage image) {
		BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
		Graphics2D g = rgb.createGraphics();
		try {
			g.setColor(Color.WHITE);
			g.fillRect(0, 0, image.getWidth(), image.getHeight());
			g.drawImage(image, 0, 0, null);
		}
		finally {
			g.dispose();
		}
		return rgb;
	}

	private static BufferedImage scale(BufferedImage image, int width, int height) {
		BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = scaled.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
			g.drawImage(image, 0, 0, width, height, null);
		}
		finally {
			g.dispose();
		}
		return scaled;
	}

	private static byte[] encode(BufferedImage image, String format, float quality) throws PublishException {
		Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
		if (!writers.hasNext()) {
			throw new IllegalStateException("No " + format + " encoder in this JDK");
		}
		ImageWriter writer = writers.next();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
			writer.setOutput(stream);
			ImageWriteParam param = writer.getDefaultWriteParam();
			if (quality > 0 && param.canWriteCompressed()) {
				param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
				param.setCompressionQuality(quality);
			}
			// No metadata argument: the encoded file carries pixels only.
			writer.write(null, new IIOImage(image, null, null), param);
		}
		catch (IOException ex) {
			throw new PublishException(ErrorKind.INVALID_CONTENT, "The image cannot be re-encoded: " + ex.getMessage(),
					null, null, null, null, ex);
		}
		finally {
			writer.dispose();
		}
		return out.toByteArray();
	}

}
