package io.herald.api.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * A multipart upload body as {@code POST /api/v1/assets} takes it.
 *
 * @param bytes the body
 * @param contentType its content type, with the boundary
 */
public record Multipart(byte[] bytes, String contentType) {

	/** The smallest valid PNG: one pixel. */
	private static final byte[] PNG = Base64.getDecoder()
		.decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

	/**
	 * A one-pixel PNG in a {@code file} part, with an {@code altText} field.
	 * @param filename the file's name
	 * @param altText the alt text
	 * @return the body
	 */
	public static Multipart image(String filename, String altText) {
		String boundary = "herald-" + UUID.randomUUID();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
				+ "\"\r\nContent-Type: image/png\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		out.writeBytes(PNG);
		out.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"altText\"\r\n\r\n" + altText
				+ "\r\n--" + boundary + "--\r\n")
			.getBytes(StandardCharsets.UTF_8));
		return new Multipart(out.toByteArray(), "multipart/form-data; boundary=" + boundary);
	}

}
