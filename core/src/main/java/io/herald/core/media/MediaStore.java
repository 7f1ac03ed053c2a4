package io.herald.core.media;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where Herald keeps media bytes: a directory on local disk by default, or an
 * S3-compatible bucket (MinIO) when {@code MINIO_ENDPOINT} is set. Objects are private;
 * the only ways to hand one out are {@link #publicUrl} (expiring, signed) and
 * {@link #presignUpload} (expiring, signed, write-only).
 * <p>
 * Keys are slash-separated segments of letters, digits, {@code . _ -} (no segment starts
 * with a dot); Herald builds them itself, never from user input.
 */
public interface MediaStore {

	/**
	 * Stores an object, replacing any object under the same key. A reader never sees a
	 * partly written object.
	 * @param key the object key
	 * @param content the bytes; read to the end but not closed
	 * @param size the exact number of bytes, or {@code -1} when unknown
	 * @param contentType the media type recorded with the object
	 * @throws MediaStoreException when the object cannot be written, or {@code content}
	 * does not hold {@code size} bytes
	 */
	void put(String key, InputStream content, long size, String contentType);

	/**
	 * Opens an object for reading; the caller closes the stream.
	 * @param key the object key
	 * @return the object's bytes
	 * @throws MediaObjectNotFoundException when there is no such object
	 */
	InputStream open(String key);

	/**
	 * Looks up an object's size and content type.
	 * @param key the object key
	 * @return what is stored under the key, or empty when nothing is
	 */
	Optional<StoredObject> stat(String key);

	/**
	 * Moves an object to another key, replacing any object there, keeping its content
	 * type. Afterwards only the target exists.
	 * @param fromKey the object to move
	 * @param toKey where it goes
	 * @throws MediaObjectNotFoundException when there is nothing under {@code fromKey}
	 */
	void move(String fromKey, String toKey);

	/**
	 * Deletes an object; deleting a missing object is not an error.
	 * @param key the object key
	 */
	void delete(String key);

	/**
	 * Offers a URL a client can upload an object to directly, bypassing Herald.
	 * @param key the object key the upload will create
	 * @param contentType the media type the client must send
	 * @param maxBytes the size the client announced (checked again when the upload is
	 * completed, since a presigned PUT cannot enforce it)
	 * @param ttl how long the URL stays valid
	 * @return the upload URL, or empty when this store has no direct upload (the caller
	 * then receives the bytes itself)
	 */
	Optional<PresignedUpload> presignUpload(String key, String contentType, long maxBytes, Duration ttl);

	/**
	 * A link anyone holding it can read the object through until it expires, for networks
	 * that fetch media by URL and for previews.
	 * @param key the object key
	 * @param ttl how long the link stays valid
	 * @return an expiring, signed URL
	 */
	URI publicUrl(String key, Duration ttl);

	/**
	 * Checks that the store can be reached, for readiness probes.
	 * @throws MediaStoreException when it cannot
	 */
	void checkAvailable();

}
