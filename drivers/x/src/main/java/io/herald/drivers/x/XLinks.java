package io.herald.drivers.x;

import java.net.URI;

import io.herald.drivers.spi.AccountSession;

/**
 * Public web links to X posts and profiles.
 *
 * @param webBaseUrl the web site, such as {@code https://x.com}
 */
record XLinks(URI webBaseUrl) {

	URI post(AccountSession session, String postId) {
		String who = (session.handle() != null) ? session.handle() : "i/web";
		return URI.create(this.webBaseUrl + "/" + who + "/status/" + postId);
	}

	URI profile(String username) {
		return URI.create(this.webBaseUrl + "/" + username);
	}

}
