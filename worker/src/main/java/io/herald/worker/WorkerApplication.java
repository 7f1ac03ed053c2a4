package io.herald.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A headless worker node: the publishing engine, plus actuator health and metrics.
 */
// Core's services (account sessions) are components; the engine itself comes from
// WorkerAutoConfiguration.
@SpringBootApplication(scanBasePackages = "io.herald.core")
public class WorkerApplication {

	public static void main(String[] args) {
		SpringApplication.run(WorkerApplication.class, args);
	}

}
