package io.herald.drivers.bluesky;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Talks to the local PDS without the driver: creates accounts and reads back what the
 * driver wrote.
 */
public final class PdsClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final URI url;

	private final OkHttpClient http = new OkHttpClient();

	public PdsClient(URI url) {
		this.url = url;
	}

	public URI url() {
		return this.url;
	}

	/** Creates an account through {@code com.atproto.server.createAccount}. */
	public Account createAccount(String name) throws IOException {
		String handle = name + "-" + UUID.randomUUID().toString().substring(0, 6) + ".test";
		String password = "pw-" + UUID.randomUUID();
		JsonNode created = post("com.atproto.server.createAccount",
				JSON.createObjectNode()
					.put("handle", handle)
					.put("email", handle + "@example.com")
					.put("password", password),
				null);
		return new Account(created.path("did").asString(), handle, password, created.path("accessJwt").asString(),
				created.path("refreshJwt").asString());
	}

	/** Revokes a refresh token, as logging out elsewhere does. */
	public void deleteSession(String refreshJwt) throws IOException {
		post("com.atproto.server.deleteSession", null, refreshJwt);
	}

	public JsonNode getRecord(String atUri) throws IOException {
		String[] pieces = atUri.substring("at://".length()).split("/");
		return get(url("com.atproto.repo.getRecord").addQueryParameter("repo", pieces[0])
			.addQueryParameter("collection", pieces[1])
			.addQueryParameter("rkey", pieces[2])
			.build());
	}

	/** Every record of a collection, newest first. */
	public List<JsonNode> listRecords(String repo, String collection) throws IOException {
		List<JsonNode> records = new ArrayList<>();
		String cursor = null;
		do {
			HttpUrl.Builder url = url("com.atproto.repo.listRecords").addQueryParameter("repo", repo)
				.addQueryParameter("collection", collection)
				.addQueryParameter("limit", "100");
			if (cursor != null) {
				url.addQueryParameter("cursor", cursor);
			}
			JsonNode page = get(url.build());
			page.path("records").forEach(records::add);
			cursor = page.path("records").isEmpty() ? null : page.path("cursor").asString(null);
		}
		while (cursor != null);
		return records;
	}

	public byte[] getBlob(String did, String cid) throws IOException {
		Request request = new Request.Builder()
			.url(url("com.atproto.sync.getBlob").addQueryParameter("did", did).addQueryParameter("cid", cid).build())
			.build();
		try (Response response = this.http.newCall(request).execute()) {
			if (!response.isSuccessful()) {
				throw new IOException("getBlob: HTTP " + response.code() + " " + response.body().string());
			}
			return response.body().bytes();
		}
	}

	private HttpUrl.Builder url(String nsid) {
		return HttpUrl.get(this.url.toString()).newBuilder().addPathSegment("xrpc").addPathSegment(nsid);
	}

	private JsonNode get(HttpUrl url) throws IOException {
		try (Response response = this.http.newCall(new Request.Builder().url(url).build()).execute()) {
			String body = response.body().string();
			if (!response.isSuccessful()) {
				throw new IOException(url.encodedPath() + ": HTTP " + response.code() + " " + body);
			}
			return JSON.readTree(body);
		}
	}

	private JsonNode post(String nsid, JsonNode body, String token) throws IOException {
		Request.Builder request = new Request.Builder().url(url(nsid).build())
			.post(RequestBody.create((body != null) ? JSON.writeValueAsBytes(body) : new byte[0],
					MediaType.get("application/json")));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		try (Response response = this.http.newCall(request.build()).execute()) {
			String text = response.body().string();
			if (!response.isSuccessful()) {
				throw new IOException(nsid + ": HTTP " + response.code() + " " + text);
			}
			return text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
		}
	}

	/** A test account. */
	public record Account(String did, String handle, String password, String accessJwt, String refreshJwt) {
	}

}
