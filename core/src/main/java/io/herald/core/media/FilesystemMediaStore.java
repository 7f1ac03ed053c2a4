package io.herald.core.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Media in a local directory (the embedded default: {@code HERALD_DATA_DIR/media}). The
 * object for key {@code a/b} is the file {@code a/b}; its content type sits next to it in
 * {@code a/.b.type}. Writes go to a temp file in the same directory and are moved into
 * place, so a reader never sees half an object. There is no presigned upload: clients
 * upload through Herald, and links are Herald's own signed {@code /media/{token}} URLs.
 */
public class FilesystemMediaStore implements MediaStore {

	private static final Logger log = LoggerFactory.getLogger(FilesystemMediaStore.class);

	private static final String DEFAULT_TYPE = "application/octet-stream";

	private final Path root;

	private final HeraldMediaLinks links;

	public FilesystemMediaStore(Path root, HeraldMediaLinks links) {
		this.root = root.toAbsolutePath().normalize();
		this.links = links;
		try {
			Files.createDirectories(this.root);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the media directory " + this.root, ex);
		}
		log.info("Media store: filesystem under {}", this.root);
	}

	@Override
	public void put(String key, InputStream content, long size, String contentType) {
		Path target = resolve(key);
		Path temp = null;
		try {
			Files.createDirectories(target.getParent());
			temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
			long written;
			try (OutputStream out = Files.newOutputStream(temp)) {
				written = content.transferTo(out);
			}
			if (size >= 0 && written != size) {
				throw new MediaStoreException(
						"Expected " + size + " bytes for media object " + key + " but received " + written);
			}
			// The type is written first so that once the object is visible, so is its
			// type.
			writeAtomically(typeFile(target), contentType);
			move(temp, target);
			temp = null;
		}
		catch (IOException ex) {
			throw new MediaStoreException("Cannot write media object " + key, ex);
		}
		finally {
			deleteQuietly(temp);
		}
	}

	@Override
	public InputStream open(String key) {
		Path file = resolve(key);
		try {
			return Files.newInputStream(file);
		}
		catch (NoSuchFileException ex) {
			throw new MediaObjectNotFoundException(key);
		}
		catch (IOException ex) {
			throw new MediaStoreException("Cannot read media object " + key, ex);
		}
	}

	@Override
	public Optional<StoredObject> stat(String key) {
		Path file = resolve(key);
		try {
			long size = Files.size(file);
			return Optional.of(new StoredObject(size, readType(file)));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			throw new MediaStoreException("Cannot read media object " + key, ex);
		}
	}

	@Override
	public void move(String fromKey, String toKey) {
		Path from = resolve(fromKey);
		Path to = resolve(toKey);
		try {
			if (!Files.exists(from)) {
				throw new MediaObjectNotFoundException(fromKey);
			}
			Files.createDirectories(to.getParent());
			writeAtomically(typeFile(to), readType(from));
			move(from, to);
			Files.deleteIfExists(typeFile(from));
		}
		catch (NoSuchFileException ex) {
			throw new MediaObjectNotFoundException(fromKey);
		}
		catch (IOException ex) {
			throw new MediaStoreException("Cannot move media object " + fromKey + " to " + toKey, ex);
		}
	}

	@Override
	public void delete(String key) {
		Path file = resolve(key);
		try {
			Files.deleteIfExists(file);
			Files.deleteIfExists(typeFile(file));
		}
		catch (IOException ex) {
			throw new MediaStoreException("Cannot delete media object " + key, ex);
		}
	}

	@Override
	public Optional<PresignedUpload> presignUpload(String key, String contentType, long maxBytes, Duration ttl) {
		MediaKeys.requireValid(key);
		return Optional.empty();
	}

	@Override
	public URI publicUrl(String key, Duration ttl) {
		MediaKeys.requireValid(key);
		return this.links.read(key, ttl);
	}

	@Override
	public void checkAvailable() {
		if (!Files.isDirectory(this.root) || !Files.isWritable(this.root)) {
			throw new MediaStoreException("Media directory " + this.root + " is missing or not writable");
		}
	}

	Path resolve(String key) {
		Path file = this.root.resolve(MediaKeys.requireValid(key)).normalize();
		// The key pattern already rules out "..", this guards against a future change to
		// it.
		if (!file.startsWith(this.root) || file.equals(this.root)) {
			throw new IllegalArgumentException("Invalid media object key: " + key);
		}
		return file;
	}

	private String readType(Path file) throws IOException {
		try {
			String type = Files.readString(typeFile(file), StandardCharsets.UTF_8).trim();
			return type.isEmpty() ? DEFAULT_TYPE : type;
		}
		catch (NoSuchFileException ex) {
			return DEFAULT_TYPE;
		}
	}

	private static Path typeFile(Path file) {
		return file.resolveSibling("." + file.getFileName() + ".type");
	}

	private static void writeAtomically(Path target, String text) throws IOException {
		Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
		try {
			Files.writeString(temp, (text != null) ? text : DEFAULT_TYPE, StandardCharsets.UTF_8);
			move(temp, target);
			temp = null;
		}
		finally {
			deleteQuietly(temp);
		}
	}

	private static void move(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			// Same directory, so this only happens on odd filesystems; still a single
			// rename.
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static void deleteQuietly(Path file) {
		if (file != null) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				log.warn("Could not delete temp file {}: {}", file, ex.getMessage());
			}
		}
	}

}
