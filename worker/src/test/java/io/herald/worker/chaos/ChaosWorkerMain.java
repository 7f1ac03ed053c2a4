package io.herald.worker.chaos;

import javax.sql.DataSource;

import io.herald.worker.accounts.AccountSessions;
import io.herald.worker.support.TestAccountSessions;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;

/**
 * A worker node for chaos tests, started as a separate JVM with settings on its command
 * line. Sessions come from the account rows so the test process can create accounts
 * without the master key.
 */
@SpringBootApplication(scanBasePackages = "io.herald.core")
public class ChaosWorkerMain {

	public static void main(String[] args) {
		new SpringApplicationBuilder(ChaosWorkerMain.class).web(WebApplicationType.NONE).run(args);
	}

	@Bean
	AccountSessions accountSessions(DataSource dataSource) {
		return new TestAccountSessions(dataSource);
	}

}
