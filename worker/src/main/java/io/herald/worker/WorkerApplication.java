package io.herald.worker;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A headless worker node: the publishing engine, plus actuator health and metrics on
 * {@code SERVER_PORT} (8081 unless set).
 */
// Core's services (account sessions) are components; the engine itself comes from
// WorkerAutoConfiguration.
@SpringBootApplication(scanBasePackages = "io.herald.core")
public class WorkerApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(WorkerApplication.class);
		application.setDefaultProperties(Map.of("server.port", "8081", "management.endpoints.web.exposure.include",
				"health,prometheus", "management.endpoint.health.probes.enabled", "true"));
		application.run(args);
	}

}
