package io.herald.drivers.spi;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The one way a driver decodes a still image, with memory bounded by pixel counts rather
 * than by what a file declares. A PNG of a few hundred kilobytes can declare 50000×50000
 * pixels, which a plain {@code ImageIO.read} would try to hold as a 10 GB raster. This
 * decoder reads the header first, refuses images above {@code maxSourcePixels} before
 * decoding anything, and decodes the rest with source subsampling so the decoded image
 * never has more than {@code maxDecodedPixels}.
 * <p>
 * Instances are immutable and thread-safe.
 */
public final class BoundedImageDecoder {

	private final long maxSourcePixels;

	private final long maxDecodedPixels;

	/**
	 * A decoder with the given bounds.
	 * @param maxSourcePixels the most pixels an image may declare in its header; larger
	 * images are refused as {@link ErrorKind#INVALID_CONTENT} without being decoded
	 * @param maxDecodedPixels the most pixels a decoded image may have; larger images are
	 * read subsampled (every n-th pixel of every n-th row)
	 */
	public BoundedImageDecoder(long maxSourcePixels, long maxDecodedPixels) {
		if (maxSourcePixels < 1 || maxDecodedPixels < 1) {
			throw new IllegalArgumentException("Pixel limits must be positive");
		}
		this.maxSourcePixels = maxSourcePixels;
		this.maxDecodedPixels = maxDecodedPixels;
	}

	/**
	 * Reads an image's size from its header only, and refuses it when it declares more
	 * than {@code maxSourcePixels}.
	 * @param image the encoded image
	 * @return the declared size, or empty when the JDK has no reader for the format
	 * (WebP) or the header cannot be read
	 * @throws PublishException ({@link ErrorKind#INVALID_CONTENT}) when the image
	 * declares more pixels than allowed
	 */
	public Optional<Size> inspect(byte[] image) throws PublishException {
		return read(image, false).map(Decoded::size);
	}

	/**
	 * Decodes an image, subsampled when it has more than {@code maxDecodedPixels}.
	 * @param image the encoded image
	 * @return the pixels, or empty when the JDK has no reader for the format (WebP)
	 * @throws PublishException ({@link ErrorKind#INVALID_CONTENT}) when the image
	 * declares more pixels than allowed or cannot be decoded
	 */
	public Optional<BufferedImage> decode(byte[] image) throws PublishException {
		return read(image, true).map(Decoded::pixels);
	}

	/**
	 * The source subsampling step that brings an image to at most {@code maxPixels}
	 * pixels: 1 reads every pixel, 2 every other pixel of every other row, and so on.
	 * @param size the image's size
	 * @param maxPixels the most pixels wanted
	 * @return the step, at least 1
	 */
	public static int subsampling(Size size, long maxPixels) {
		int step = Math.max(1, (int) Math.ceil(Math.sqrt((double) size.pixels() / maxPixels)));
		// A very thin image keeps at least one row or column whatever the step, so its
		// long side alone must fit.
		step = (int) Math.max(step, ceilDiv(Math.max(size.width(), size.height()), maxPixels));
		// The square root can land short because partial rows and columns are kept.
		while (ceilDiv(size.width(), step) * ceilDiv(size.height(), step) > maxPixels) {
			step++;
		}
		return step;
	}

	private Optional<Decoded> read(byte[] image, boolean pixels) throws PublishException {
		try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
			Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
			if (!readers.hasNext()) {
				return Optional.empty();
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(in, true, true);
				Size size = new Size(reader.getWidth(0), reader.getHeight(0));
				refuseAboveLimit(size);
				if (!pixels) {
					return Optional.of(new Decoded(size, null));
				}
				ImageReadParam param = reader.getDefaultReadParam();
				int step = subsampling(size, this.maxDecodedPixels);
				param.setSourceSubsampling(step, step, 0, 0);
				return Optional.of(new Decoded(size, reader.read(0, param)));
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException | RuntimeException ex) {
			if (!pixels) {
				return Optional.empty();
			}
			// ImageIO reports corrupt and truncated files with IIOException and, for some
			// malformed ones, with unchecked exceptions.
			throw new PublishException(ErrorKind.INVALID_CONTENT, "The image cannot be decoded: " + ex.getMessage(),
					null, null, null, null, ex);
		}
	}

	private void refuseAboveLimit(Size size) throws PublishException {
		if (size.pixels() > this.maxSourcePixels) {
			throw new PublishException(ErrorKind.INVALID_CONTENT,
					String.format(Locale.ROOT,
							"The image is %d×%d pixels (%.1f megapixels), above the limit of %.1f megapixels;"
									+ " it was not decoded.",
							size.width(), size.height(), size.pixels() / 1e6, this.maxSourcePixels / 1e6));
		}
	}

	private static long ceilDiv(long value, long step) {
		return (value + step - 1) / step;
	}

	/**
	 * An image's size in pixels.
	 *
	 * @param width the width
	 * @param height the height
	 */
	public record Size(int width, int height) {

		/**
		 * @return width times height, without overflow
		 */
		public long pixels() {
			return (long) this.width * this.height;
		}

	}

	private record Decoded(Size size, BufferedImage pixels) {
	}

}
