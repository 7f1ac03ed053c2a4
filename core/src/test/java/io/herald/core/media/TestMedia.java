package io.herald.core.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

/**
 * Small, real media files built in memory: images written by ImageIO, and WebP and
 * MP4/MOV headers assembled byte by byte as the specifications lay them out.
 */
final class TestMedia {

	private TestMedia() {
	}

	static byte[] image(String format, int width, int height) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		for (int x = 0; x < width; x++) {
			for (int y = 0; y < height; y++) {
				image.setRGB(x, y, (x * 7 + y * 13) & 0xffffff);
			}
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			if (!ImageIO.write(image, format, out)) {
				throw new IllegalStateException("No ImageIO writer for " + format);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	static byte[] png(int width, int height) {
		return image("png", width, height);
	}

	static byte[] jpeg(int width, int height) {
		return image("jpeg", width, height);
	}

	static byte[] gif(int width, int height) {
		return image("gif", width, height);
	}

	/**
	 * A PNG that declares the given size in its header but carries no pixels: the
	 * signature, an IHDR chunk with a valid CRC and IEND. A few dozen bytes claiming, for
	 * example, 50000×50000 pixels.
	 */
	static byte[] pngDeclaring(int width, int height) {
		ByteBuffer ihdr = be(13).putInt(width).putInt(height);
		// 8-bit RGB, deflate, adaptive filtering, not interlaced.
		ihdr.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
		byte[] signature = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
		return concat(signature, pngChunk("IHDR", ihdr.array()), pngChunk("IEND", new byte[0]));
	}

	/** A real JPEG whose start-of-frame header is rewritten to declare the given size. */
	static byte[] jpegDeclaring(int width, int height) {
		byte[] jpeg = jpeg(8, 8);
		int i = 2;
		// Walk the marker segments up to the baseline start of frame (FFC0).
		while ((jpeg[i + 1] & 0xff) != 0xc0) {
			i += 2 + (((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff));
		}
		ByteBuffer.wrap(jpeg, i + 5, 4).putShort((short) height).putShort((short) width);
		return jpeg;
	}

	/**
	 * A real GIF whose logical screen and first image descriptor are rewritten to declare
	 * the given size.
	 */
	static byte[] gifDeclaring(int width, int height) {
		byte[] gif = gif(8, 8);
		ByteBuffer buffer = ByteBuffer.wrap(gif).order(ByteOrder.LITTLE_ENDIAN);
		buffer.putShort(6, (short) width).putShort(8, (short) height);
		int i = 13 + (((gif[10] & 0x80) != 0) ? 3 << ((gif[10] & 0x07) + 1) : 0);
		// Skip extension blocks (0x21, label, sub-blocks ending in 0) to the image
		// descriptor (0x2C).
		while (gif[i] == 0x21) {
			i += 2;
			while (gif[i] != 0) {
				i += (gif[i] & 0xff) + 1;
			}
			i++;
		}
		buffer.putShort(i + 5, (short) width).putShort(i + 7, (short) height);
		return gif;
	}

	private static byte[] pngChunk(String type, byte[] data) {
		CRC32 crc = new CRC32();
		crc.update(ascii(type));
		crc.update(data);
		return be(12 + data.length).putInt(data.length).put(ascii(type)).put(data).putInt((int) crc.getValue()).array();
	}

	/** A lossy WebP: RIFF header, a "VP8 " chunk with a key frame header. */
	static byte[] webpLossy(int width, int height) {
		ByteBuffer vp8 = le(10).put(new byte[] { 0x10, 0x02, 0x00 })
			.put(new byte[] { (byte) 0x9d, 0x01, 0x2a })
			.putShort((short) width)
			.putShort((short) height);
		return riffWebp("VP8 ", vp8.array());
	}

	/** A lossless WebP: "VP8L" chunk, signature byte and 14-bit width-1/height-1. */
	static byte[] webpLossless(int width, int height) {
		int bits = (width - 1) | ((height - 1) << 14);
		ByteBuffer vp8l = le(5).put((byte) 0x2f).putInt(bits);
		return riffWebp("VP8L", vp8l.array());
	}

	/** An extended WebP: "VP8X" chunk with 24-bit canvas width-1/height-1. */
	static byte[] webpExtended(int width, int height) {
		ByteBuffer vp8x = le(10).putInt(0);
		put24(vp8x, width - 1);
		put24(vp8x, height - 1);
		return riffWebp("VP8X", vp8x.array());
	}

	private static byte[] riffWebp(String chunk, byte[] data) {
		ByteBuffer buffer = le(20 + data.length);
		buffer.put(ascii("RIFF")).putInt(12 + data.length).put(ascii("WEBP"));
		buffer.put(ascii(chunk)).putInt(data.length).put(data);
		return buffer.array();
	}

	/**
	 * An MP4 (or MOV with brand "qt ") with the movie box after a media data box, as
	 * cameras write it: ftyp, mdat, moov(mvhd, trak(tkhd)).
	 */
	static byte[] mp4(String brand, long timescale, long duration, int width, int height, boolean rotated,
			int mdatBytes) {
		byte[] ftyp = box("ftyp", concat(ascii(brand), be(4).putInt(0).array(), ascii("isom")));
		byte[] mdat = box("mdat", new byte[mdatBytes]);
		ByteBuffer mvhd = be(100).putInt(0).putInt(0).putInt(0).putInt((int) timescale).putInt((int) duration);
		byte[] tkhd = trackHeader(width, height, rotated);
		byte[] trak = box("trak", box("tkhd", tkhd));
		byte[] moov = box("moov", concat(box("mvhd", mvhd.array()), trak));
		return concat(ftyp, mdat, moov);
	}

	static byte[] mp4(long timescale, long duration, int width, int height) {
		return mp4("isom", timescale, duration, width, height, false, 1024);
	}

	private static byte[] trackHeader(int width, int height, boolean rotated) {
		ByteBuffer tkhd = be(84).putInt(0x00000003).putInt(0).putInt(0).putInt(1).putInt(0).putInt(0);
		tkhd.putLong(0).putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0);
		int one = 0x00010000;
		if (rotated) {
			tkhd.putInt(0).putInt(one).putInt(0).putInt(-one).putInt(0).putInt(0);
		}
		else {
			tkhd.putInt(one).putInt(0).putInt(0).putInt(0).putInt(one).putInt(0);
		}
		tkhd.putInt(0).putInt(0).putInt(0x40000000);
		tkhd.putInt(width << 16).putInt(height << 16);
		return tkhd.array();
	}

	static byte[] box(String type, byte[] body) {
		return be(8 + body.length).putInt(8 + body.length).put(ascii(type)).put(body).array();
	}

	static byte[] html() {
		return "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8);
	}

	/** The start of a Windows executable: "MZ" DOS header. */
	static byte[] exe() {
		byte[] bytes = new byte[128];
		bytes[0] = 'M';
		bytes[1] = 'Z';
		bytes[60] = (byte) 0x80;
		return bytes;
	}

	static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	private static void put24(ByteBuffer buffer, int value) {
		buffer.put((byte) value).put((byte) (value >>> 8)).put((byte) (value >>> 16));
	}

	private static ByteBuffer le(int size) {
		return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
	}

	private static ByteBuffer be(int size) {
		return ByteBuffer.allocate(size).order(ByteOrder.BIG_ENDIAN);
	}

	private static byte[] ascii(String s) {
		return s.getBytes(StandardCharsets.US_ASCII);
	}

}
