package io.herald.worker.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import io.herald.testing.SharedPostgres;
import io.herald.worker.api.PublicationScheduler;
import io.herald.worker.support.Fixtures;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A quick single-node throughput figure for the engine and the one-trigger-per-post
 * baseline: 10,000 sandbox targets, zero latency, each mode on a database of its own. Not
 * a benchmark (that is the bench module's job); it prints what it measured.
 */
class EngineThroughputChaosTests {

	private static final int TARGETS = 10_000;

	@Test
	void measures_the_dispatcher_engine_and_the_trigger_per_post_baseline() {
		double engine = measure("dispatcher");
		double baseline = measure("trigger-per-post");
		System.out.printf("Throughput on this box, %d sandbox targets, one node: dispatcher %.0f/s,"
				+ " trigger-per-post %.0f/s%n", TARGETS, engine, baseline);
		assertThat(engine).isPositive();
		assertThat(baseline).isPositive();
	}

	private static double measure(String mode) {
		String url = ChaosDatabase.create(SharedPostgres.dataSource(), SharedPostgres.instance().getPort());
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(url, true);
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		Fixtures fixtures = new Fixtures(dataSource, null);
		UUID workspace = fixtures.workspace();
		List<UUID> accounts = IntStream.range(0, 50)
			.mapToObj((i) -> fixtures.account(workspace, "t" + i, null))
			.toList();
		try (ConfigurableApplicationContext node = new SpringApplicationBuilder(ChaosWorkerMain.class)
			.web(WebApplicationType.NONE)
			.run("--herald.database.url=" + url, "--herald.worker.mode=" + mode,
					"--spring.quartz.scheduler-name=throughput-" + UUID.randomUUID(),
					"--herald.secret-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
					"--herald.database.max-pool-size=40", "--logging.level.io.herald=WARN")) {
			Instant due = Instant.now().plusSeconds(5);
			fixtures.bulkTargets(workspace, accounts, TARGETS, due, 1000);
			// The baseline needs a trigger per target first; its clock starts when they
			// exist.
			node.getBean(PublicationScheduler.class)
				.scheduled(jdbc.queryForList("SELECT id FROM post_target", UUID.class));
			Instant scheduled = Instant.now();
			ChaosRun run = new ChaosRun(jdbc);
			run.awaitAllTerminal(TARGETS, Duration.ofMinutes(10));
			assertThat(run.count("PUBLISHED")).as(run.summary()).isEqualTo(TARGETS);
			assertThat(run.duplicates()).isEmpty();
			return run.throughputSince(scheduled);
		}
		finally {
			dataSource.destroy();
		}
	}

}
