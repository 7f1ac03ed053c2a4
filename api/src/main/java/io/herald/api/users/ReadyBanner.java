package io.herald.api.users;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Says where Herald can be reached once it is ready, and how long startup took.
 */
@Component
class ReadyBanner {

	private static final Logger log = LoggerFactory.getLogger(ReadyBanner.class);

	@EventListener
	void ready(ApplicationReadyEvent event) {
		if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
			return;
		}
		String base = "http://localhost:" + web.getWebServer().getPort();
		Duration took = event.getTimeTaken();
		log.info("Herald is ready at {} (UI and API), API docs at {}/swagger-ui.html, readiness at {}/readyz;"
				+ " started in {} ms", base, base, base, (took != null) ? took.toMillis() : -1);
	}

}
