package io.herald.api.isolation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How to drive every route of the application as a user of another workspace. A route
 * missing here fails {@link RouteIsolationIntegrationTests} until it is taught; so does
 * an entry for a route that no longer exists.
 * <p>
 * Placeholders: the victim's {@code ${account}}, {@code ${post}} (draft, scheduled,
 * failed, published), {@code ${asset}} (ready, uploading), {@code ${uploading}},
 * {@code ${token}}, {@code ${workspace}}, {@code ${state}} (a pending OAuth connect); the
 * attacker's {@code ${ownAccount}}, {@code ${ownPost}}, {@code ${ownUploadToken}},
 * {@code ${ownMediaToken}}, {@code ${code}} (an authorization code the network issued for
 * the victim's connect).
 */
final class IsolationRoutes {

	/**
	 * Routes of the framework, not of Herald, each with the reason no tenant data is
	 * behind it. Matched by prefix.
	 */
	static final Map<String, String> FRAMEWORK = Map.of("/error",
			"Spring Boot's error dispatch; reached only by forwarding from a failed request", "/v3/api-docs",
			"springdoc's OpenAPI document: the same for everyone", "/swagger-ui",
			"springdoc's Swagger UI: static pages", "/actuator", "Spring Boot actuator: health and metrics,"
					+ " no tenant data; served on the management port, never the public one");

	private static final String POST_BODY = "{\"text\":\"hijack\",\"draft\":true,\"targets\":[{\"accountId\":\"%s\"%s}]%s}";

	private final Map<String, List<Drive>> drives = new LinkedHashMap<>();

	IsolationRoutes() {
		api();
		accounts();
		assets();
		posts();
		pages();
	}

	Optional<List<Drive>> drives(String routeKey) {
		return Optional.ofNullable(this.drives.get(routeKey));
	}

	Set<String> keys() {
		return this.drives.keySet();
	}

	static Optional<String> framework(String pattern) {
		return FRAMEWORK.entrySet()
			.stream()
			.filter((e) -> pattern.startsWith(e.getKey()))
			.map(Map.Entry::getValue)
			.findFirst();
	}

	private void api() {
		teach("GET /api/v1/me", Drive.own());
		teach("GET /api/v1/workspaces/current", Drive.own());
		teach("PATCH /api/v1/workspaces/current", Drive.own().json("{\"maxLateness\":\"PT3H\"}"));
		teach("POST /api/v1/workspaces", Drive.own().json("{\"name\":\"Attacker's second\"}"));
		teach("POST /api/v1/workspaces/{id}/members", Drive.refused()
			.path("id", "workspace")
			.json("{\"email\":\"intruder@test.local\",\"role\":\"OWNER\",\"password\":\"intruder-password-1\"}"));
		teach("GET /api/v1/auth/tokens", Drive.own());
		teach("POST /api/v1/auth/tokens", Drive.own().json("{\"name\":\"mine\"}"),
				Drive.refused().json("{\"name\":\"theirs\",\"workspaceId\":\"${workspace}\"}"));
		teach("DELETE /api/v1/auth/tokens/{id}", Drive.refused().path("id", "token"));
		teach("GET /healthz", Drive.own());
		teach("GET /readyz", Drive.own());
		teach("GET /problems", Drive.own());
		teach("GET /problems/{slug}", Drive.own().path("slug", "slug"));
	}

	private void accounts() {
		teach("GET /api/v1/accounts", Drive.own());
		teach("POST /api/v1/accounts", Drive.own().json("{\"network\":\"sandbox\",\"identifier\":\"attacker-more\"}"));
		teach("GET /api/v1/accounts/{id}", Drive.refused().path("id", "account"));
		teach("DELETE /api/v1/accounts/{id}", Drive.refused().path("id", "account"));
		teach("POST /api/v1/accounts/{id}/check", Drive.refused().path("id", "account"));
		teach("POST /api/v1/accounts/oauth/{network}", Drive.own().path("network", "oauthNetwork"));
		teach("GET /connect/{network}", Drive.own().path("network", "oauthNetwork"));
		// The attacker holds the victim's pending connect and a code the network issued
		// for it, as if the redirect had been intercepted.
		teach("GET /connect/{network}/callback",
				Drive.refused().path("network", "oauthNetwork").query("state=${state}&code=${code}"));
	}

	private void assets() {
		teach("GET /api/v1/assets", Drive.own());
		teach("POST /api/v1/assets", Drive.own().imageUpload());
		teach("POST /api/v1/assets/uploads",
				Drive.own().json("{\"filename\":\"mine.mp4\",\"contentType\":\"video/mp4\",\"bytes\":1000}"));
		// The attacker's own, valid upload token, used on the victim's upload.
		teach("PUT /api/v1/assets/{id}/content",
				Drive.refused()
					.path("id", "uploading")
					.query("token=${ownUploadToken}")
					.bytes("overwritten", "application/octet-stream"));
		teach("POST /api/v1/assets/{id}/complete", Drive.refused().path("id", "asset"));
		teach("GET /api/v1/assets/{id}", Drive.refused().path("id", "asset"));
		teach("PATCH /api/v1/assets/{id}", Drive.refused().path("id", "asset").json("{\"altText\":\"defaced\"}"));
		teach("DELETE /api/v1/assets/{id}", Drive.refused().path("id", "asset"));
		teach("GET /media/{token}", Drive.own().path("token", "ownMediaToken"));
	}

	private void posts() {
		String mine = "${ownAccount}";
		String theirAsset = "[{\"assetId\":\"${asset}\"}]";
		teach("GET /api/v1/posts", Drive.own());
		teach("POST /api/v1/posts", Drive.own().json(post(mine, "", "")),
				Drive.refused().json(post("${account}", "", "")),
				Drive.refused().json(post(mine, "", ",\"assets\":" + theirAsset)),
				Drive.refused().json(post(mine, ",\"assets\":" + theirAsset, "")),
				Drive.refused().json(post(mine, "", ",\"parts\":[{\"text\":\"2\",\"assets\":" + theirAsset + "}]")));
		teach("POST /api/v1/posts/validate", Drive.refused().json(post("${account}", "", "")),
				Drive.refused().json(post(mine, "", ",\"assets\":" + theirAsset)));
		// A bulk request answers 200 with each post's own status and problem.
		teach("POST /api/v1/posts/bulk", Drive.likeUnknown().json("{\"posts\":[" + post("${account}", "", "") + "]}"),
				Drive.likeUnknown().json("{\"posts\":[" + post(mine, "", ",\"assets\":" + theirAsset) + "]}"));
		teach("GET /api/v1/posts/{id}", Drive.refused().path("id", "post"));
		teach("PATCH /api/v1/posts/{id}",
				Drive.refused().path("id", "post").header("If-Match", "${post.etag}").json("{\"text\":\"defaced\"}"),
				Drive.refused()
					.path("id", "ownPost")
					.header("If-Match", "${ownPost.etag}")
					.json("{\"targets\":[{\"accountId\":\"${account}\"}]}"),
				Drive.refused()
					.path("id", "ownPost")
					.header("If-Match", "${ownPost.etag}")
					.json("{\"assets\":" + theirAsset + "}"));
		teach("POST /api/v1/posts/{id}/retry", Drive.refused().path("id", "post"));
		teach("DELETE /api/v1/posts/{id}", Drive.refused().path("id", "post"));
	}

	private void pages() {
		teach("GET /", Drive.own());
		teach("GET /login", Drive.own());
		teach("POST /workspace", Drive.refused().form("workspace=${workspace}"));
		teach("GET /posts", Drive.own(), Drive.likeUnknown().query("account=${account}"));
		teach("GET /posts/{id}", Drive.refused().path("id", "post"));
		teach("GET /posts/{id}/status", Drive.refused().path("id", "post"));
		teach("POST /posts/{id}/cancel", Drive.refused().path("id", "post"));
		String compose = "text=hijack&when=2027-09-01T10:00&zone=UTC&action=draft&account=";
		teach("GET /compose", Drive.own());
		teach("GET /compose/part", Drive.own());
		teach("POST /compose", Drive.own().form(compose + "${ownAccount}"),
				Drive.refused().form(compose + "${account}"),
				Drive.refused().form(compose + "${ownAccount}&asset=${asset}&alt-${asset}=defaced"));
		// The live check answers 200 with its findings, for unknown accounts too.
		teach("POST /compose/check", Drive.likeUnknown().form(compose + "${account}&variant-${account}=x"),
				Drive.likeUnknown().form(compose + "${ownAccount}&asset=${asset}"));
		teach("GET /calendar", Drive.own());
		teach("POST /calendar/reschedule", Drive.refused().form("post=${post}&date=2027-09-02"));
		teach("GET /media-library", Drive.own());
		teach("GET /accounts", Drive.own(), Drive.likeUnknown().query("connected=${account}"));
		teach("POST /accounts/connect", Drive.own().form("network=sandbox&identifier=attacker-page"));
		teach("GET /accounts/oauth/{network}", Drive.own().path("network", "oauthNetwork"));
		teach("POST /accounts/{id}/check", Drive.refused().path("id", "account"));
		teach("POST /accounts/{id}/disconnect", Drive.refused().path("id", "account"));
	}

	private static String post(String account, String targetExtra, String postExtra) {
		return String.format(POST_BODY, account, targetExtra, postExtra);
	}

	private void teach(String route, Drive... drives) {
		if (this.drives.put(route, List.of(drives)) != null) {
			throw new IllegalStateException(route + " is taught twice");
		}
	}

}
