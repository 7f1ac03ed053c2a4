package io.herald.core.media;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Passes bytes through while computing their SHA-256 and count, and fails once more than
 * a limit has passed, so an upload is hashed and size-checked as it streams to the store
 * instead of being held in memory. Skipping reads the skipped bytes too, so the hash
 * always covers everything.
 */
final class HashingInputStream extends FilterInputStream {

	private final MessageDigest digest;

	private final long limit;

	private long count;

	private boolean limitExceeded;

	HashingInputStream(InputStream in, long limit) {
		super(in);
		this.limit = limit;
		try {
			this.digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is unavailable", ex);
		}
	}

	@Override
	public int read() throws IOException {
		int b = this.in.read();
		if (b >= 0) {
			this.digest.update((byte) b);
			counted(1);
		}
		return b;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int n = this.in.read(buffer, offset, length);
		if (n > 0) {
			this.digest.update(buffer, offset, n);
			counted(n);
		}
		return n;
	}

	@Override
	public long skip(long n) throws IOException {
		byte[] buffer = new byte[8192];
		long skipped = 0;
		while (skipped < n) {
			int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
			if (read < 0) {
				break;
			}
			skipped += read;
		}
		return skipped;
	}

	@Override
	public boolean markSupported() {
		return false;
	}

	@Override
	public synchronized void mark(int readlimit) {
	}

	@Override
	public synchronized void reset() throws IOException {
		throw new IOException("mark/reset not supported");
	}

	/**
	 * Reads whatever is left, so that {@link #sha256()} covers the whole content.
	 */
	void drain() throws IOException {
		while (skip(Long.MAX_VALUE) > 0) {
			// keep reading
		}
	}

	private void counted(int n) throws IOException {
		this.count += n;
		if (this.count > this.limit) {
			this.limitExceeded = true;
			throw new LimitExceededException(this.limit);
		}
	}

	long count() {
		return this.count;
	}

	boolean limitExceeded() {
		return this.limitExceeded;
	}

	String sha256() {
		return HexFormat.of().formatHex(this.digest.digest());
	}

	/**
	 * Thrown from inside whoever is reading (an object store client), which may wrap it;
	 * {@link #limitExceeded()} tells the truth afterwards.
	 */
	static final class LimitExceededException extends IOException {

		LimitExceededException(long limit) {
			super("Content exceeds " + limit + " bytes");
		}

	}

}
