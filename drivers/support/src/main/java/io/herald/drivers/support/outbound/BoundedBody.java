package io.herald.drivers.support.outbound;

import java.io.IOException;

import okhttp3.MediaType;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/**
 * A response body that fails once more than {@code limit} bytes were read, whatever the
 * server declared (or did not declare) as its length.
 */
final class BoundedBody extends ResponseBody {

	private final ResponseBody body;

	private final BufferedSource source;

	BoundedBody(ResponseBody body, long limit) {
		this.body = body;
		this.source = Okio.buffer(new ForwardingSource(body.source()) {

			private long read;

			@Override
			public long read(Buffer sink, long byteCount) throws IOException {
				long n = super.read(sink, byteCount);
				if (n > 0) {
					this.read += n;
					if (this.read > limit) {
						throw new ResponseTooLargeException(limit);
					}
				}
				return n;
			}

		});
	}

	@Override
	public MediaType contentType() {
		return this.body.contentType();
	}

	@Override
	public long contentLength() {
		return this.body.contentLength();
	}

	@Override
	public BufferedSource source() {
		return this.source;
	}

}
