package io.herald.api.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.herald.api.support.ApiIntegrationTest;
import io.herald.api.support.TestTokenNetwork;
import io.herald.api.users.UserService;
import io.herald.core.users.AppUser;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a page shows before the user touches it: the time zone preselected on compose, the
 * icon in the tab, the connect forms of every installed network.
 */
class PageDefaultsIntegrationTests extends ApiIntegrationTest {

	private static final Pattern SELECTED_ZONE = Pattern.compile(
			"<option value=\"([^\"]+)\"[^>]*selected=\"selected\"[^>]*>|<option[^>]*selected[^>]*value=\"([^\"]+)\"");

	@Autowired
	private UserService users;

	@Test
	void compose_preselects_the_workspace_zone_even_when_it_is_utc() {
		for (String zone : new String[] { "UTC", "Europe/Berlin", "America/New_York" }) {
			UiSession browser = signedInToWorkspaceIn(zone);
			// Compose shows its form once an account is connected.
			browser.get("/accounts");
			browser.post("/accounts/connect", Map.of("network", "sandbox", "identifier", "zones"), true);
			String page = browser.get("/compose").body();
			String select = page.substring(page.indexOf("<select id=\"zone\""),
					page.indexOf("</select>", page.indexOf("<select id=\"zone\"")));
			Matcher selected = SELECTED_ZONE.matcher(select);
			assertThat(selected.find()).as(zone).isTrue();
			assertThat((selected.group(1) != null) ? selected.group(1) : selected.group(2)).isEqualTo(zone);
			assertThat(selected.find()).as("only one zone is preselected").isFalse();
		}
	}

	@Test
	void the_favicon_is_served_and_linked_from_every_page() throws Exception {
		HttpResponse<byte[]> icon = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(this.api.base() + "/favicon.ico")).build(),
					HttpResponse.BodyHandlers.ofByteArray());
		assertThat(icon.statusCode()).isEqualTo(200);
		assertThat(icon.body()).startsWith(0, 0, 1, 0);
		assertThat(new UiSession(this.api.base()).get("/login").body()).contains("rel=\"icon\"")
			.contains("href=\"/favicon.ico\"");
	}

	@Test
	void a_network_connected_with_a_pasted_token_has_a_connect_form_that_works() {
		UiSession browser = signedInToWorkspaceIn("Europe/Berlin");
		String page = browser.get("/accounts").body();
		// The test context configures an Instagram app, so Instagram connects through
		// OAuth
		// there; without one it gets this same form.
		assertThat(page).contains("id=\"connect-" + TestTokenNetwork.NETWORK + "\"")
			.doesNotContain("id=\"connect-" + io.herald.api.support.TestOAuthNetwork.NETWORK + "\"");
		HttpResponse<String> connected = browser.post("/accounts/connect",
				Map.of("network", TestTokenNetwork.NETWORK, "identifier", "", "secret", TestTokenNetwork.TOKEN), true);
		assertThat(connected.statusCode()).isEqualTo(302);
		String location = URI.create(connected.headers().firstValue("Location").orElseThrow()).getPath();
		assertThat(browser.get(location).body()).contains("token-user");
	}

	private UiSession signedInToWorkspaceIn(String zone) {
		String email = "zone-" + UUID.randomUUID() + "@test.local";
		String password = "password-" + UUID.randomUUID();
		AppUser user = this.users.createUser(email, password);
		this.users.createWorkspace(user.getId(), "WS in " + zone, zone);
		return UiSession.signedIn(this.api.base(), email, password);
	}

}
