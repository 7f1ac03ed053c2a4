package io.herald.core.media;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where media lives and how big it may be.
 *
 * @param dir the filesystem store's directory (used when no MinIO endpoint is set)
 * @param publicUrl Herald's external base URL, for signed {@code /media/{token}} links
 * and upload URLs on Herald itself
 * @param maxUploadSize the largest multipart upload through the API
 * @param maxDirectUploadSize the largest presigned (direct) upload
 * @param maxImagePixels the most pixels (width × height) an uploaded image may declare;
 * bounds the memory any later decoding needs (a 50 MP image is 200 MB as RGBA)
 * @param linkTtl how long read links handed out stay valid
 * @param uploadTtl how long a presigned upload URL stays valid
 * @param minio the S3-compatible object store, used when its endpoint is set
 */
@ConfigurationProperties("herald.media")
public record MediaProperties(@DefaultValue("./data/media") Path dir,
		@DefaultValue("http://localhost:8080") URI publicUrl, @DefaultValue("50MB") DataSize maxUploadSize,
		@DefaultValue("1GB") DataSize maxDirectUploadSize, @DefaultValue("50000000") long maxImagePixels,
		@DefaultValue("1h") Duration linkTtl, @DefaultValue("1h") Duration uploadTtl, @DefaultValue Minio minio) {

	public MediaProperties {
		if (maxImagePixels < 1) {
			// Zero would refuse every image; fail at startup rather than on each upload.
			throw new IllegalArgumentException("herald.media.max-image-pixels must be positive, not " + maxImagePixels);
		}
	}

	/**
	 * The S3-compatible object store (MinIO or any S3 API).
	 *
	 * @param endpoint the URL Herald reaches the store at; blank selects the filesystem
	 * store
	 * @param accessKey the access key
	 * @param secretKey the secret key
	 * @param bucket the bucket, created (private) at startup when missing
	 * @param publicEndpoint the URL clients and social networks reach the store at; when
	 * set, read links are presigned URLs on it instead of Herald links
	 * @param region the region presigned URLs are signed for
	 */
	public record Minio(String endpoint, String accessKey, String secretKey, @DefaultValue("herald") String bucket,
			String publicEndpoint, @DefaultValue("us-east-1") String region) {

		public boolean enabled() {
			return this.endpoint != null && !this.endpoint.isBlank();
		}

		public boolean hasPublicEndpoint() {
			return this.publicEndpoint != null && !this.publicEndpoint.isBlank();
		}

		@Override
		public String toString() {
			// Never print the secret key.
			return "Minio[endpoint=" + this.endpoint + ", bucket=" + this.bucket + ", publicEndpoint="
					+ this.publicEndpoint + "]";
		}

	}

}
