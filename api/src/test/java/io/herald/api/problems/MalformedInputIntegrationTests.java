package io.herald.api.problems;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.herald.api.support.Api;
import io.herald.api.support.ApiIntegrationTest;
import io.herald.api.support.Fixtures.Tenant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fires a few hundred broken requests at every endpoint: each must get a 4xx problem
 * document, never a 5xx or a stack trace.
 */
class MalformedInputIntegrationTests extends ApiIntegrationTest {

	private static final String[] BODIES = { "", "{", "}", "[]", "null", "42", "\"text\"", "{\"text\":",
			"{\"text\": 5}", "{\"text\":\"x\",\"targets\":\"all\"}", "{\"targets\":[{\"accountId\":\"nope\"}]}",
			"{\"targets\":[{\"accountId\":null}]}", "{\"targets\":[1,2]}", "{\"publishNow\":\"yes\"}", "{\"draft\":[]}",
			"{\"scheduledAt\":\"tomorrow\",\"targets\":[]}",
			"{\"scheduledAt\":\"2026-13-45T99:99\",\"publishNow\":false,\"targets\":[{\"accountId\":\"00000000-0000-0000-0000-000000000000\"}]}",
			"{\"timeZone\":\"Not/AZone\",\"scheduledAt\":\"2030-01-01T10:00\"}", "{\"unknownField\":1}",
			"{\"network\":123}", "{\"network\":\"\"}", "{\"network\":null}", "{\"role\":\"KING\",\"email\":\"a@b\"}",
			"{\"name\":\"\"}", "{\"name\":\"t\",\"expiresAt\":\"never\"}", "{\"name\":\"t\",\"workspaceId\":\"zzz\"}",
			"\u0000\u0001\u0002", "{\"text\":\"\\ud800\"}", "{\"assets\":[{\"assetId\":\"1\"}]}",
			"{\"text\":\"" + "x".repeat(20_000) + "\"}", "{\"parts\":{\"a\":1}}",
			"{\"a\":{\"b\":{\"c\":[[[[[]]]]]}}}" };

	private static final String[] CONTENT_TYPES = { "application/json", "text/plain", "application/xml",
			"multipart/form-data; boundary=xyz", "application/x-www-form-urlencoded" };

	@Test
	void hundreds_of_malformed_requests_get_problems_and_no_5xx() {
		Tenant tenant = this.fixtures.tenant(this.api);
		String account = this.api.post("/api/v1/accounts")
			.token(tenant.token())
			.json("{\"network\":\"sandbox\",\"identifier\":\"fuzz\"}")
			.send()
			.json()
			.get("id")
			.asString();
		String post = this.api.post("/api/v1/posts")
			.token(tenant.token())
			.json("{\"text\":\"t\",\"draft\":true}")
			.send()
			.header("Location");
		List<String[]> endpoints = List.of(new String[] { "POST", "/api/v1/posts" },
				new String[] { "POST", "/api/v1/posts/validate" }, new String[] { "PATCH", post },
				new String[] { "POST", "/api/v1/accounts" }, new String[] { "POST", "/api/v1/auth/tokens" },
				new String[] { "POST", "/api/v1/workspaces" },
				new String[] { "POST", "/api/v1/workspaces/" + tenant.workspaceId() + "/members" },
				new String[] { "POST", "/api/v1/accounts/" + account + "/check" });
		List<String> failures = new ArrayList<>();
		int sent = 0;
		Random random = new Random(42);
		for (String[] endpoint : endpoints) {
			for (String body : BODIES) {
				String type = (random.nextInt(4) == 0) ? CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)]
						: "application/json";
				Api.Call call = this.api.call(endpoint[0], endpoint[1]).token(tenant.token()).body(body, type);
				if (endpoint[0].equals("PATCH")) {
					call.header("If-Match", (random.nextBoolean()) ? "\"0\"" : "garbage");
				}
				check(call.send(), failures);
				sent++;
			}
		}
		String[] oddPaths = { "/api/v1/posts/not-a-uuid", "/api/v1/posts?limit=abc", "/api/v1/posts?limit=100000",
				"/api/v1/posts?status=SOMETIMES", "/api/v1/posts?from=yesterday", "/api/v1/posts?cursor=%%%",
				"/api/v1/accounts/123", "/api/v1/nothing-here", "/api/v1/posts/00000000-0000-0000-0000-000000000000",
				"/problems/no-such-problem" };
		for (String path : oddPaths) {
			for (String method : new String[] { "GET", "DELETE", "PUT", "POST" }) {
				check(this.api.call(method, path.replace("%%%", "%25%25")).token(tenant.token()).send(), failures);
				sent++;
			}
		}
		assertThat(sent).isGreaterThan(250);
		assertThat(failures).isEmpty();
	}

	private static void check(Api.Response response, List<String> failures) {
		boolean ok = response.status() >= 200 && response.status() < 500
				&& (response.status() < 400 || response.contentType().startsWith("application/problem+json"))
				&& !response.body().contains("Exception") && !response.body().contains("\tat ");
		if (!ok) {
			failures.add(response.toString());
		}
	}

}
