package io.herald.core.media;

import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.minio.BucketExistsArgs;
import io.minio.CopyObjectArgs;
import io.minio.CopySource;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.http.Method;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Media in an S3-compatible bucket through the MinIO SDK. The bucket stays private (no
 * policy is ever set); clients get presigned URLs. When a public endpoint is configured,
 * presigned URLs are built for it (the address browsers and social networks can reach),
 * while Herald itself talks to the internal endpoint. Without one, read links are
 * Herald's own signed {@code /media/{token}} URLs.
 */
public class MinioMediaStore implements MediaStore {

	private static final Logger log = LoggerFactory.getLogger(MinioMediaStore.class);

	// S3 needs a part size when the length is unknown; 10 MiB keeps memory use bounded.
	private static final long UNKNOWN_SIZE_PART_BYTES = 10L * 1024 * 1024;

	// SigV4 presigned URLs live at most seven days.
	private static final Duration MAX_PRESIGN_TTL = Duration.ofDays(7);

	private final MinioClient client;

	private final MinioClient presignClient;

	private final boolean publicEndpoint;

	private final String bucket;

	private final HeraldMediaLinks links;

	private final Clock clock;

	public MinioMediaStore(MediaProperties.Minio properties, HeraldMediaLinks links, Clock clock) {
		this.client = client(properties, properties.endpoint());
		this.publicEndpoint = properties.hasPublicEndpoint();
		this.presignClient = this.publicEndpoint ? client(properties, properties.publicEndpoint()) : this.client;
		this.bucket = properties.bucket();
		this.links = links;
		this.clock = clock;
	}

	private static MinioClient client(MediaProperties.Minio properties, String endpoint) {
		// With the region given, presigning is purely local: no lookup request to the
		// (possibly unreachable from here) public endpoint.
		return MinioClient.builder()
			.endpoint(endpoint)
			.region(properties.region())
			.credentials(properties.accessKey(), properties.secretKey())
			.build();
	}

	/**
	 * Creates the bucket unless it exists; called once at startup.
	 */
	public void createBucketIfMissing() {
		try {
			if (this.client.bucketExists(BucketExistsArgs.builder().bucket(this.bucket).build())) {
				log.info("Media store: bucket '{}' on the object store is ready", this.bucket);
				return;
			}
			this.client.makeBucket(MakeBucketArgs.builder().bucket(this.bucket).build());
			log.info("Media store: created private bucket '{}' on the object store", this.bucket);
		}
		catch (ErrorResponseException ex) {
			// Another node may have created it between the check and the create.
			if ("BucketAlreadyOwnedByYou".equals(ex.errorResponse().code())) {
				log.info("Media store: bucket '{}' on the object store is ready", this.bucket);
				return;
			}
			throw failure("Cannot create the media bucket '" + this.bucket + "'", ex);
		}
		catch (Exception ex) {
			throw failure("Cannot reach the object store to check bucket '" + this.bucket + "'", ex);
		}
	}

	@Override
	public void put(String key, InputStream content, long size, String contentType) {
		MediaKeys.requireValid(key);
		try {
			this.client.putObject(PutObjectArgs.builder()
				.bucket(this.bucket)
				.object(key)
				.stream(content, size, (size >= 0) ? -1 : UNKNOWN_SIZE_PART_BYTES)
				.contentType(contentType)
				.build());
		}
		catch (Exception ex) {
			throw failure("Cannot write media object " + key, ex);
		}
	}

	@Override
	public InputStream open(String key) {
		MediaKeys.requireValid(key);
		try {
			return this.client.getObject(GetObjectArgs.builder().bucket(this.bucket).object(key).build());
		}
		catch (ErrorResponseException ex) {
			if (isNotFound(ex)) {
				throw new MediaObjectNotFoundException(key);
			}
			throw failure("Cannot read media object " + key, ex);
		}
		catch (Exception ex) {
			throw failure("Cannot read media object " + key, ex);
		}
	}

	@Override
	public Optional<StoredObject> stat(String key) {
		MediaKeys.requireValid(key);
		try {
			StatObjectResponse stat = this.client
				.statObject(StatObjectArgs.builder().bucket(this.bucket).object(key).build());
			return Optional.of(new StoredObject(stat.size(), stat.contentType()));
		}
		catch (ErrorResponseException ex) {
			if (isNotFound(ex)) {
				return Optional.empty();
			}
			throw failure("Cannot read media object " + key, ex);
		}
		catch (Exception ex) {
			throw failure("Cannot read media object " + key, ex);
		}
	}

	@Override
	public void move(String fromKey, String toKey) {
		MediaKeys.requireValid(fromKey);
		MediaKeys.requireValid(toKey);
		try {
			// A server-side copy: the bytes do not pass through Herald. The content type
			// is copied with the object.
			this.client.copyObject(CopyObjectArgs.builder()
				.bucket(this.bucket)
				.object(toKey)
				.source(CopySource.builder().bucket(this.bucket).object(fromKey).build())
				.build());
		}
		catch (ErrorResponseException ex) {
			if (isNotFound(ex)) {
				throw new MediaObjectNotFoundException(fromKey);
			}
			throw failure("Cannot move media object " + fromKey + " to " + toKey, ex);
		}
		catch (Exception ex) {
			throw failure("Cannot move media object " + fromKey + " to " + toKey, ex);
		}
		delete(fromKey);
	}

	@Override
	public void delete(String key) {
		MediaKeys.requireValid(key);
		try {
			this.client.removeObject(RemoveObjectArgs.builder().bucket(this.bucket).object(key).build());
		}
		catch (Exception ex) {
			throw failure("Cannot delete media object " + key, ex);
		}
	}

	@Override
	public Optional<PresignedUpload> presignUpload(String key, String contentType, long maxBytes, Duration ttl) {
		Duration validity = clamp(ttl);
		String url = presign(Method.PUT, key, validity);
		return Optional.of(new PresignedUpload("PUT", URI.create(url), Map.of("Content-Type", contentType),
				this.clock.instant().plus(validity)));
	}

	@Override
	public URI publicUrl(String key, Duration ttl) {
		if (!this.publicEndpoint) {
			MediaKeys.requireValid(key);
			return this.links.read(key, ttl);
		}
		return URI.create(presign(Method.GET, key, clamp(ttl)));
	}

	@Override
	public void checkAvailable() {
		try {
			if (!this.client.bucketExists(BucketExistsArgs.builder().bucket(this.bucket).build())) {
				throw new MediaStoreException("Media bucket '" + this.bucket + "' does not exist");
			}
		}
		catch (MediaStoreException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw failure("Cannot reach the object store", ex);
		}
	}

	private String presign(Method method, String key, Duration validity) {
		MediaKeys.requireValid(key);
		try {
			return this.presignClient.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
				.method(method)
				.bucket(this.bucket)
				.object(key)
				.expiry((int) validity.toSeconds(), TimeUnit.SECONDS)
				.build());
		}
		catch (Exception ex) {
			throw failure("Cannot presign a URL for media object " + key, ex);
		}
	}

	private static Duration clamp(Duration ttl) {
		if (ttl.compareTo(MAX_PRESIGN_TTL) > 0) {
			return MAX_PRESIGN_TTL;
		}
		return (ttl.toSeconds() < 1) ? Duration.ofSeconds(1) : ttl;
	}

	private static boolean isNotFound(ErrorResponseException ex) {
		String code = ex.errorResponse().code();
		return "NoSuchKey".equals(code) || "NotFound".equals(code) || "NoSuchObject".equals(code);
	}

	private static MediaStoreException failure(String message, Exception ex) {
		if (ex instanceof InterruptedException) {
			Thread.currentThread().interrupt();
		}
		return new MediaStoreException(message + ": " + ex.getMessage(), ex);
	}

}
