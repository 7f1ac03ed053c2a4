package io.herald.drivers.x;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;

import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.MediaItem;
import io.herald.drivers.spi.MediaKind;
import io.herald.drivers.spi.PublishException;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;
import tools.jackson.databind.JsonNode;

/**
 * Uploads media through X's v2 chunked upload: initialize, append each segment, finalize,
 * then poll the status of media X still processes (video, GIF). Alt text goes through the
 * media metadata endpoint.
 */
final class XMediaUploader {

	static final String SCOPE = "media";

	private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");

	private final XHttp http;

	private final int chunkBytes;

	private final ImageSanitizer sanitizer;

	XMediaUploader(XHttp http, int chunkBytes, ImageSanitizer sanitizer) {
		this.http = http;
		this.chunkBytes = chunkBytes;
		this.sanitizer = sanitizer;
	}

	/**
	 * Uploads one media item and sets its alt text.
	 * @param item the media
	 * @param accessToken the account's access token
	 * @return the media id and whether X is still processing it
	 * @throws PublishException when X refuses or fails
	 */
	Uploaded upload(MediaItem item, String accessToken) throws PublishException {
		Uploaded uploaded = (item.kind() == MediaKind.IMAGE) ? uploadImage(item, accessToken)
				: uploadStream(item, accessToken);
		if (item.altText() != null && !item.altText().isBlank() && item.kind() != MediaKind.VIDEO) {
			setAltText(uploaded.mediaId(), item.altText().strip(), accessToken);
		}
		return uploaded;
	}

	/**
	 * Reads the processing state of an uploaded media.
	 * @param mediaId the media id
	 * @param accessToken the account's access token
	 * @return the state
	 * @throws PublishException when X failed to process the media, or the call fails
	 */
	Processing status(String mediaId, String accessToken) throws PublishException {
		Request request = this.http
			.authorized(this.http.url("2/media/upload")
				.addQueryParameter("command", "STATUS")
				.addQueryParameter("media_id", mediaId)
				.build(), accessToken)
			.get()
			.build();
		return processing(mediaId, this.http.send(request, SCOPE).data());
	}

	private Uploaded uploadImage(MediaItem item, String accessToken) throws PublishException {
		byte[] original;
		try (InputStream in = item.content().open()) {
			original = in.readAllBytes();
		}
		catch (IOException ex) {
			throw unreadable(item, ex);
		}
		ImageSanitizer.Prepared prepared = this.sanitizer.prepare(original, item.contentType(),
				XCapabilities.MAX_IMAGE_BYTES);
		String mediaId = initialize("tweet_image", prepared.contentType(), prepared.bytes().length, accessToken);
		for (int offset = 0, segment = 0; offset < prepared.bytes().length; offset += this.chunkBytes, segment++) {
			int length = Math.min(this.chunkBytes, prepared.bytes().length - offset);
			append(mediaId, segment, RequestBody.create(prepared.bytes(), OCTET_STREAM, offset, length), accessToken);
		}
		return finalizeUpload(mediaId, accessToken);
	}

	private Uploaded uploadStream(MediaItem item, String accessToken) throws PublishException {
		String category = (item.kind() == MediaKind.GIF) ? "tweet_gif" : "tweet_video";
		String mediaId = initialize(category, item.contentType().toLowerCase(Locale.ROOT), item.bytes(), accessToken);
		try (InputStream in = item.content().open()) {
			int segment = 0;
			byte[] chunk = in.readNBytes(this.chunkBytes);
			while (chunk.length > 0) {
				append(mediaId, segment++, RequestBody.create(chunk, OCTET_STREAM), accessToken);
				chunk = in.readNBytes(this.chunkBytes);
			}
		}
		catch (IOException ex) {
			throw unreadable(item, ex);
		}
		return finalizeUpload(mediaId, accessToken);
	}

	private String initialize(String category, String mediaType, long totalBytes, String accessToken)
			throws PublishException {
		Map<String, Object> body = Map.of("media_category", category, "media_type", mediaType, "total_bytes",
				totalBytes);
		Request request = this.http.authorized(this.http.url("2/media/upload/initialize").build(), accessToken)
			.post(this.http.jsonBody(body))
			.build();
		String id = this.http.send(request, SCOPE).data().path("id").asString(null);
		if (id == null) {
			throw new PublishException(ErrorKind.TRANSIENT, "X did not return an id for the media upload.");
		}
		return id;
	}

	private void append(String mediaId, int segment, RequestBody chunk, String accessToken) throws PublishException {
		MultipartBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
			.addFormDataPart("segment_index", Integer.toString(segment))
			.addFormDataPart("media", "blob", chunk)
			.build();
		Request request = this.http
			.authorized(this.http.url("2/media/upload").addPathSegment(mediaId).addPathSegment("append").build(),
					accessToken)
			.post(body)
			.build();
		this.http.send(request, SCOPE);
	}

	private Uploaded finalizeUpload(String mediaId, String accessToken) throws PublishException {
		Request request = this.http
			.authorized(this.http.url("2/media/upload").addPathSegment(mediaId).addPathSegment("finalize").build(),
					accessToken)
			.post(RequestBody.create(new byte[0]))
			.build();
		Processing processing = processing(mediaId, this.http.send(request, SCOPE).data());
		return new Uploaded(mediaId, processing.done() ? null : processing);
	}

	private void setAltText(String mediaId, String altText, String accessToken) throws PublishException {
		Map<String, Object> body = Map.of("id", mediaId, "metadata", Map.of("alt_text", Map.of("text", altText)));
		Request request = this.http.authorized(this.http.url("2/media/metadata").build(), accessToken)
			.post(this.http.jsonBody(body))
			.build();
		this.http.send(request, SCOPE);
	}

	private static Processing processing(String mediaId, JsonNode data) throws PublishException {
		JsonNode info = data.path("processing_info");
		if (info.isMissingNode() || info.isNull()) {
			return new Processing("succeeded", 0);
		}
		String state = info.path("state").asString("succeeded").toLowerCase(Locale.ROOT);
		if ("failed".equals(state)) {
			throw new PublishException(ErrorKind.INVALID_CONTENT,
					"X could not process media " + mediaId + " (processing state: failed).", null, null,
					"media-processing-failed", null, null);
		}
		return new Processing(state, Math.max(1, info.path("check_after_secs").asInt(5)));
	}

	private static PublishException unreadable(MediaItem item, IOException ex) {
		return new PublishException(ErrorKind.TRANSIENT,
				"The media of asset " + item.assetId() + " cannot be read: " + ex.getMessage(), null, null, null, null,
				ex);
	}

	/**
	 * An uploaded media.
	 *
	 * @param mediaId X's media id
	 * @param pending the processing still under way, or {@code null} when it is ready
	 */
	record Uploaded(String mediaId, Processing pending) {
	}

	/**
	 * X's processing of an uploaded media.
	 *
	 * @param state {@code pending}, {@code in_progress} or {@code succeeded}
	 * @param checkAfterSeconds when X suggests asking again
	 */
	record Processing(String state, int checkAfterSeconds) {

		boolean done() {
			return "succeeded".equals(this.state);
		}

	}

}
