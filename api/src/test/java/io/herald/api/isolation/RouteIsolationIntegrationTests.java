package io.herald.api.isolation;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.herald.api.isolation.Drive.Outcome;
import io.herald.api.support.Api;
import io.herald.api.support.ApiIntegrationTest;
import io.herald.api.support.Fixtures.Tenant;
import io.herald.api.support.Multipart;
import io.herald.api.support.Route;
import io.herald.api.support.TestOAuthNetwork;
import io.herald.api.web.UiSession;
import io.herald.core.workspaces.Role;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tenant isolation on every route, found from the application itself: every route of its
 * handler mappings (UI and API) and every operation of its OpenAPI document must be
 * taught in {@link IsolationRoutes}. A user of workspace B then calls each route with
 * each real id of workspace A (an account, its posts in every state, a ready and an
 * uploading asset, a token, the workspace, a pending OAuth connect), in the path, the
 * query, the body or a form, with the right method and CSRF token. Each call must be
 * answered exactly as the same call with an id that does not exist, never with a 5xx,
 * never with a word of A's data; and A's rows, found from the schema, must not change.
 */
class RouteIsolationIntegrationTests extends ApiIntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]+)}");

	private final IsolationRoutes table = new IsolationRoutes();

	@Autowired
	private ApplicationContext context;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private TestOAuthNetwork oauthNetwork;

	/** Text in every name and word of the victim's data, to find it in any answer. */
	private final String victimWord = "victim" + UUID.randomUUID().toString().substring(0, 8);

	private Tenant attacker;

	private UiSession browser;

	@Test
	void every_route_refuses_another_workspaces_ids_and_leaves_its_data_unchanged() {
		long started = System.nanoTime();
		Tenant victim = this.fixtures.tenant(this.api);
		Ids ids = victimIds(victim);
		this.attacker = this.fixtures.tenant(this.api);
		ids = attackerIds(ids);
		this.browser = UiSession.signedIn(this.api.base(), this.attacker.email(), this.attacker.password());
		this.browser.get("/posts");
		List<String> leakMarkers = leakMarkers(victim, ids);
		VictimRows rows = new VictimRows(this.jdbc, victimColumns(victim, ids));
		Map<String, List<String>> before = rows.snapshot();
		assertThat(before.values().stream().mapToInt(List::size).sum()).as("victim rows watched").isGreaterThan(20);

		long prepared = System.nanoTime();
		List<String> failures = new ArrayList<>(untaught());
		int requests = 0;
		Set<String> covered = new TreeSet<>();
		for (Route route : routes()) {
			for (Drive drive : this.table.drives(route.key()).orElse(List.of())) {
				Check check = new Check(route, drive, ids, leakMarkers);
				requests += check.run(failures);
				Map<String, List<String>> after = rows.snapshot();
				if (!after.equals(before)) {
					failures.add(route.key() + " " + drive + "\n    changed the victim's rows:\n    before " + before
							+ "\n    after  " + after);
					before = after;
				}
				covered.add((route.ui() ? "UI " : "API ") + route.key());
			}
		}
		System.out.printf(
				"tenant isolation: %d routes covered (UI %d, API %d), %d requests, %d victim tables;"
						+ " setup %d ms, routes %d ms%n",
				covered.size(), covered.stream().filter((c) -> c.startsWith("UI ")).count(),
				covered.stream().filter((c) -> c.startsWith("API ")).count(), requests, rows.tables(),
				(prepared - started) / 1_000_000, (System.nanoTime() - prepared) / 1_000_000);
		assertThat(failures).as("isolation failures").isEmpty();
	}

	@Test
	void every_route_and_every_documented_operation_is_taught() {
		assertThat(untaught()).isEmpty();
		assertThat(routes()).as("routes").hasSizeGreaterThan(40);
	}

	/**
	 * Routes of the application (framework ones aside) without a drive, operations of the
	 * OpenAPI document without one, and drives for routes that do not exist.
	 */
	private List<String> untaught() {
		List<String> untaught = new ArrayList<>();
		Set<String> keys = new TreeSet<>();
		for (Route route : routes()) {
			keys.add(route.key());
			if (this.table.drives(route.key()).isEmpty()) {
				untaught.add("teach the isolation test how to drive " + route.key() + " (" + route.handler() + ")");
			}
		}
		JsonNode paths = this.api.get("/v3/api-docs").send().json().get("paths");
		paths.properties().forEach((path) -> path.getValue().properties().forEach((operation) -> {
			String key = operation.getKey().toUpperCase() + " " + path.getKey();
			if (IsolationRoutes.framework(path.getKey()).isEmpty() && this.table.drives(key).isEmpty()) {
				untaught.add("teach the isolation test how to drive " + key + " (in the OpenAPI document)");
			}
		}));
		this.table.keys()
			.stream()
			.filter((key) -> !keys.contains(key))
			.forEach((key) -> untaught.add(key + " is taught, but the application has no such route"));
		return untaught;
	}

	private List<Route> routes() {
		return Route.all(this.context)
			.stream()
			.filter((route) -> IsolationRoutes.framework(route.pattern()).isEmpty())
			.toList();
	}

	/**
	 * Workspace A with one of everything: an account, a draft, a scheduled, a failed and
	 * a published post, a ready and an uploading asset, a second member, tokens, and a
	 * pending OAuth connect.
	 */
	private Ids victimIds(Tenant victim) {
		String account = created(this.api.post("/api/v1/accounts")
			.token(victim.token())
			.json("{\"network\":\"sandbox\",\"identifier\":\"" + this.victimWord + "-brand\"}"));
		// A second account whose first publication fails, so that both posts publish at
		// once.
		String failing = created(this.api.post("/api/v1/accounts")
			.token(victim.token())
			.json("{\"network\":\"sandbox\",\"identifier\":\"" + this.victimWord + "-failing\","
					+ "\"settings\":{\"faults\":\"invalid_content=next:1\"}}"));
		Multipart image = Multipart.image(this.victimWord + ".png", this.victimWord + " alt text");
		String ready = created(
				this.api.post("/api/v1/assets").token(victim.token()).body(image.bytes(), image.contentType()));
		String uploading = this.api.post("/api/v1/assets/uploads")
			.token(victim.token())
			.json("{\"filename\":\"" + this.victimWord + ".mp4\",\"contentType\":\"video/mp4\",\"bytes\":1000}")
			.send()
			.json()
			.get("asset")
			.get("id")
			.asString();
		String target = "\"targets\":[{\"accountId\":\"" + account + "\"}]";
		String failed = post(victim, "\"publishNow\":true,\"targets\":[{\"accountId\":\"" + failing + "\"}]",
				"failed of " + this.victimWord);
		String published = post(victim, "\"publishNow\":true," + target, "published of " + this.victimWord);
		awaitTarget(victim, failed, "FAILED");
		awaitTarget(victim, published, "PUBLISHED");
		String scheduled = post(victim,
				"\"scheduledAt\":\"2027-09-01T10:00:00Z\",\"assets\":[{\"assetId\":\"" + ready + "\"}]," + target,
				"scheduled of " + this.victimWord);
		String draft = post(victim, "\"draft\":true," + target, "draft of " + this.victimWord);
		this.fixtures.member(this.api, victim, Role.EDITOR);
		String token = this.api.get("/api/v1/auth/tokens")
			.token(victim.token())
			.send()
			.json()
			.get(0)
			.get("id")
			.asString();
		URI authorize = URI.create(this.api.post("/api/v1/accounts/oauth/" + TestOAuthNetwork.NETWORK)
			.token(victim.token())
			.send()
			.json()
			.get("authorizationUrl")
			.asString());
		Map<String, String> etags = new LinkedHashMap<>();
		for (String post : List.of(failed, published, scheduled, draft)) {
			etags.put(post, this.api.get("/api/v1/posts/" + post).token(victim.token()).send().header("ETag"));
		}
		Map<String, List<String>> foreign = new LinkedHashMap<>();
		foreign.put("account", List.of(account, failing));
		foreign.put("post", List.of(draft, scheduled, failed, published));
		foreign.put("asset", List.of(ready, uploading));
		foreign.put("uploading", List.of(uploading));
		foreign.put("token", List.of(token));
		foreign.put("workspace", List.of(victim.workspaceId().toString()));
		foreign.put("state", List.of(queryParameter(authorize, "state")));
		Map<String, String> own = new LinkedHashMap<>();
		own.put("code", this.oauthNetwork.approve(queryParameter(authorize, "code_challenge")));
		return new Ids(foreign, own, etags);
	}

	/**
	 * Workspace B's own things, which some drives need around the victim's id.
	 */
	private Ids attackerIds(Ids victim) {
		Tenant b = this.attacker;
		Map<String, String> own = new LinkedHashMap<>(victim.own());
		Map<String, String> etags = new LinkedHashMap<>(victim.etags());
		String account = created(this.api.post("/api/v1/accounts")
			.token(b.token())
			.json("{\"network\":\"sandbox\",\"identifier\":\"attacker\"}"));
		String post = post(b, "\"draft\":true,\"targets\":[{\"accountId\":\"" + account + "\"}]", "attacker's draft");
		etags.put(post, this.api.get("/api/v1/posts/" + post).token(b.token()).send().header("ETag"));
		JsonNode upload = this.api.post("/api/v1/assets/uploads")
			.token(b.token())
			.json("{\"filename\":\"mine.mp4\",\"contentType\":\"video/mp4\",\"bytes\":1000}")
			.send()
			.json();
		Multipart image = Multipart.image("mine.png", "mine");
		String asset = created(
				this.api.post("/api/v1/assets").token(b.token()).body(image.bytes(), image.contentType()));
		String mediaUrl = this.api.get("/api/v1/assets/" + asset).token(b.token()).send().json().get("url").asString();
		own.put("ownAccount", account);
		own.put("ownPost", post);
		own.put("ownPost" + Ids.ETAG_SUFFIX, etags.get(post));
		own.put("ownUploadToken", queryParameter(URI.create(upload.get("upload").get("url").asString()), "token"));
		own.put("ownMediaToken", mediaUrl.substring(mediaUrl.indexOf("/media/") + "/media/".length()));
		own.put("oauthNetwork", TestOAuthNetwork.NETWORK);
		own.put("slug", "not-found");
		return new Ids(victim.foreign(), own, etags);
	}

	/** What of A must never appear in an answer to B, unless B's request named it. */
	private List<String> leakMarkers(Tenant victim, Ids ids) {
		List<String> markers = new ArrayList<>(List.of(this.victimWord, victim.email(), victim.userId().toString()));
		ids.foreign().values().forEach(markers::addAll);
		return markers;
	}

	private static Map<String, UUID[]> victimColumns(Tenant victim, Ids ids) {
		Map<String, UUID[]> columns = new LinkedHashMap<>();
		columns.put("workspace.id", new UUID[] { victim.workspaceId() });
		columns.put("workspace_id", new UUID[] { victim.workspaceId() });
		columns.put("app_user.id", new UUID[] { victim.userId() });
		columns.put("account_id", uuids(ids.foreign().get("account")));
		columns.put("asset_id", uuids(ids.foreign().get("asset")));
		columns.put("post_id", uuids(ids.foreign().get("post")));
		return columns;
	}

	private static UUID[] uuids(List<String> ids) {
		return ids.stream().map(UUID::fromString).toArray(UUID[]::new);
	}

	private String post(Tenant tenant, String fields, String text) {
		return created(this.api.post("/api/v1/posts")
			.token(tenant.token())
			.json("{\"text\":\"" + text + "\"," + fields + "}"));
	}

	private static String created(Api.Call call) {
		Api.Response response = call.send();
		assertThat(response.status()).as(response.toString()).isIn(200, 201);
		return response.json().get("id").asString();
	}

	private void awaitTarget(Tenant tenant, String post, String status) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		JsonNode target = null;
		while (Instant.now().isBefore(deadline)) {
			target = this.api.get("/api/v1/posts/" + post).token(tenant.token()).send().json().get("targets").get(0);
			if (target.get("status").asString().equals(status)) {
				return;
			}
			LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
		}
		throw new AssertionError("Target never became " + status + ": " + target);
	}

	private static String queryParameter(URI uri, String name) {
		for (String pair : uri.getRawQuery().split("&")) {
			if (pair.startsWith(name + "=")) {
				return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
			}
		}
		throw new IllegalStateException(name + " not in " + uri);
	}

	/**
	 * One drive of one route: with each of the victim's ids and, to compare, with an id
	 * that does not exist.
	 */
	private final class Check {

		private final Route route;

		private final Drive drive;

		private final Ids ids;

		private final List<String> leakMarkers;

		Check(Route route, Drive drive, Ids ids, List<String> leakMarkers) {
			this.route = route;
			this.drive = drive;
			this.ids = ids;
			this.leakMarkers = leakMarkers;
		}

		/**
		 * @return the number of requests sent
		 */
		int run(List<String> failures) {
			List<String> kinds = this.drive.placeholders()
				.stream()
				.map((p) -> p.endsWith(Ids.ETAG_SUFFIX) ? p.substring(0, p.length() - Ids.ETAG_SUFFIX.length()) : p)
				.filter(this.ids.foreign()::containsKey)
				.distinct()
				.toList();
			if ((this.drive.outcome() == Outcome.OWN) != kinds.isEmpty() || kinds.size() > 1) {
				failures.add(this.route.key() + " " + this.drive + ": an OWN drive names no id of the victim, any"
						+ " other names exactly one kind, not " + kinds);
				return 0;
			}
			if (kinds.isEmpty()) {
				Answer answer = send(this.ids.with(null, null));
				expect(answer.status() < 400, answer, "should succeed for the caller's own workspace", failures);
				noLeak(answer, failures);
				return 1;
			}
			String kind = kinds.get(0);
			int sent = 0;
			for (String id : this.ids.foreign().get(kind)) {
				String unknown = "state".equals(kind) ? "unknown-" + UUID.randomUUID() : UUID.randomUUID().toString();
				Answer foreign = send(this.ids.with(kind, id));
				Answer control = send(this.ids.with(kind, unknown));
				sent += 2;
				expect(foreign.status() < 500 && control.status() < 500, foreign,
						"must never be a 5xx (control: " + control + ")", failures);
				if (this.drive.outcome() == Outcome.REFUSED) {
					expect(foreign.status() >= 300, foreign, "should be refused", failures);
				}
				expect(foreign.verdict(id).equals(control.verdict(unknown)), foreign,
						"should be answered as for an id that does not exist: " + foreign.verdict(id) + " vs "
								+ control.verdict(unknown) + " (control: " + control + ")",
						failures);
				noLeak(foreign, failures);
			}
			return sent;
		}

		private Answer send(Map<String, String> values) {
			String uri = path(values)
					+ ((this.drive.query() != null) ? "?" + Drive.fill(this.drive.query(), values) : "");
			String body = Drive.fill(this.drive.body(), values);
			if (this.route.ui()) {
				HttpResponse<String> response = "GET".equals(this.route.method())
						? RouteIsolationIntegrationTests.this.browser.get(uri)
						: RouteIsolationIntegrationTests.this.browser.postAll(uri, form(body), true);
				return Answer.of(this.route.method() + " " + uri + " " + ((body != null) ? body : ""), response);
			}
			Api.Call call = RouteIsolationIntegrationTests.this.api.call(this.route.method(), uri)
				.token(RouteIsolationIntegrationTests.this.attacker.token());
			this.drive.headers().forEach((name, value) -> call.header(name, Drive.fill(value, values)));
			if (Drive.IMAGE_UPLOAD.equals(this.drive.contentType())) {
				Multipart image = Multipart.image("mine.png", "mine");
				call.body(image.bytes(), image.contentType());
			}
			else if (body != null) {
				call.body(body, this.drive.contentType());
			}
			return Answer.of(
					this.route.method() + " " + uri + " " + this.drive.headers() + " " + ((body != null) ? body : ""),
					call.send().raw());
		}

		private String path(Map<String, String> values) {
			Matcher matcher = PATH_VARIABLE.matcher(this.route.pattern());
			StringBuilder path = new StringBuilder();
			while (matcher.find()) {
				String placeholder = this.drive.path().get(matcher.group(1));
				if (placeholder == null || values.get(placeholder) == null) {
					throw new IllegalStateException(
							"Teach the isolation test what {" + matcher.group(1) + "} of " + this.route.key() + " is");
				}
				matcher.appendReplacement(path, Matcher.quoteReplacement(values.get(placeholder)));
			}
			matcher.appendTail(path);
			return path.toString();
		}

		private void noLeak(Answer answer, List<String> failures) {
			for (String marker : this.leakMarkers) {
				if (!answer.request().contains(marker)
						&& (answer.body().contains(marker) || answer.location().contains(marker))) {
					failures.add(answer + "\n    shows the victim's " + marker);
				}
			}
		}

		private void expect(boolean condition, Answer answer, String what, List<String> failures) {
			if (!condition) {
				failures.add(answer + "\n    " + what);
			}
		}

		private static List<Map.Entry<String, String>> form(String body) {
			List<Map.Entry<String, String>> fields = new ArrayList<>();
			if (body != null && !body.isEmpty()) {
				for (String pair : body.split("&")) {
					String[] field = pair.split("=", 2);
					fields.add(Map.entry(field[0], (field.length > 1) ? field[1] : ""));
				}
			}
			return fields;
		}

	}

	/**
	 * An answer, reduced for comparison to what tells a caller something: the status,
	 * where it redirects, and the problem types and statuses in a JSON body.
	 */
	private record Answer(String request, int status, String body, String location) {

		static Answer of(String request, HttpResponse<String> response) {
			return new Answer(request, response.statusCode(), response.body(),
					response.headers().firstValue("Location").orElse(""));
		}

		String verdict(String id) {
			StringBuilder verdict = new StringBuilder().append(this.status)
				.append(' ')
				.append(this.location.replace(id, "<id>"));
			if (this.body.startsWith("{") || this.body.startsWith("[")) {
				JsonNode json = JSON.readTree(this.body);
				json.findValues("type").forEach((type) -> verdict.append(' ').append(type.asString()));
				json.findValues("status").forEach((status) -> verdict.append(' ').append(status.asString()));
			}
			return verdict.toString();
		}

		@Override
		public String toString() {
			String shown = (this.body.length() > 400) ? this.body.substring(0, 400) + "…" : this.body;
			return this.request + " -> " + this.status + " " + this.location + " " + shown;
		}

	}

}
