package io.herald.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Herald: REST API, web UI and, when {@code herald.worker.enabled}, the publishing
 * engine.
 */
@SpringBootApplication(scanBasePackages = "io.herald")
public class HeraldApplication {

	public static void main(String[] args) {
		SpringApplication.run(HeraldApplication.class, args);
	}

}
