package io.herald.drivers.bluesky;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.herald.drivers.spi.AccountSession;
import io.herald.drivers.spi.ErrorKind;
import io.herald.drivers.spi.PublishException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The XRPC calls made for one account during one driver call: its repository's records
 * and blobs, and handle resolution.
 */
final class Repo {

	private final Xrpc xrpc;

	private final URI service;

	private final AccountSession session;

	Repo(Xrpc xrpc, URI service, AccountSession session) {
		this.xrpc = xrpc;
		this.service = service;
		this.session = session;
	}

	/** The post with this record key in the account's repository, if it exists. */
	Optional<StrongRef> findPost(String rkey) throws PublishException {
		return get(new AtUri(this.session.remoteUserId(), BlueskyBackend.POST, rkey)).map(Stored::ref);
	}

	/** A record that must exist, such as the post a reply answers. */
	Stored existing(AtUri uri) throws PublishException {
		return get(uri).orElseThrow(() -> new PublishException(ErrorKind.INVALID_CONTENT,
				"RecordNotFound: the post " + uri + " does not exist."));
	}

	Optional<Stored> get(AtUri uri) throws PublishException {
		XrpcResponse response = this.xrpc.query(this.service, "com.atproto.repo.getRecord",
				Map.of("repo", uri.repo(), "collection", uri.collection(), "rkey", uri.rkey()),
				this.session.accessToken());
		if (response.status() == 400 && "RecordNotFound".equals(response.error())) {
			return Optional.empty();
		}
		JsonNode body = ok(response).body();
		JsonNode root = body.path("value").path("reply").path("root");
		return Optional
			.of(new Stored(StrongRef.of(body), root.has("uri") ? Optional.of(StrongRef.of(root)) : Optional.empty()));
	}

	/**
	 * Creates a post under a record key. A key that is taken fails (a PDS answers 500);
	 * when the check before missed the record (a concurrent attempt, a lagging read
	 * replica), the record found now is this publication.
	 */
	Created createPost(String rkey, ObjectNode record) throws PublishException {
		ObjectNode body = this.xrpc.json().createObjectNode();
		body.put("repo", this.session.remoteUserId())
			.put("collection", BlueskyBackend.POST)
			.put("rkey", rkey)
			.set("record", record);
		XrpcResponse response = this.xrpc.write(this.service, "com.atproto.repo.createRecord", body,
				this.session.accessToken());
		if (response.ok()) {
			return new Created(StrongRef.of(response.body()), response);
		}
		PublishException failure = this.xrpc.failure(response, false);
		if (failure.kind() != ErrorKind.TRANSIENT && failure.kind() != ErrorKind.INVALID_CONTENT) {
			throw failure;
		}
		return new Created(findPost(rkey).orElseThrow(() -> failure), response);
	}

	/** Uploads image bytes and returns the blob reference to embed. */
	JsonNode uploadBlob(byte[] bytes, String contentType) throws PublishException {
		return ok(this.xrpc.upload(this.service, "com.atproto.repo.uploadBlob", bytes, contentType,
				this.session.accessToken()))
			.body()
			.path("blob");
	}

	/** A handle nobody holds stays plain text; outages and limits still fail the call. */
	Optional<String> resolveHandle(String handle) throws PublishException {
		XrpcResponse response = this.xrpc.query(this.service, "com.atproto.identity.resolveHandle",
				Map.of("handle", handle), this.session.accessToken());
		if (response.ok()) {
			return Optional.of(response.body().path("did").asString());
		}
		if (response.status() == 400 && !Set.of("ExpiredToken", "InvalidToken").contains(response.error())) {
			return Optional.empty();
		}
		throw this.xrpc.failure(response, false);
	}

	private XrpcResponse ok(XrpcResponse response) throws PublishException {
		if (!response.ok()) {
			throw this.xrpc.failure(response, false);
		}
		return response;
	}

	/**
	 * A record read back.
	 *
	 * @param ref its strong reference
	 * @param replyRoot the root of the thread it replies in, if it is a reply
	 */
	record Stored(StrongRef ref, Optional<StrongRef> replyRoot) {
	}

	/**
	 * A post that now exists.
	 *
	 * @param ref its strong reference
	 * @param response the createRecord answer (for its rate budget)
	 */
	record Created(StrongRef ref, XrpcResponse response) {
	}

}
