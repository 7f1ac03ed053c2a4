package io.herald.worker;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import io.herald.drivers.spi.BaseSocialBackend;
import io.herald.core.accounts.AccountSessionStore;
import io.herald.core.media.MediaStore;
import io.herald.worker.accounts.AccountSessions;
import io.herald.worker.accounts.CoreAccountSessions;
import io.herald.worker.accounts.SessionRefresher;
import io.herald.worker.accounts.TokenRefresher;
import io.herald.worker.api.PublicationScheduler;
import io.herald.worker.baseline.TriggerPerPostScheduler;
import io.herald.worker.budget.RateBudgets;
import io.herald.worker.dispatch.Dispatcher;
import io.herald.worker.dispatch.DispatcherPublicationScheduler;
import io.herald.worker.dispatch.EngineJobs;
import io.herald.worker.dispatch.TargetRequeue;
import io.herald.worker.execution.Draining;
import io.herald.worker.health.SchedulerHealthIndicator;
import io.herald.worker.execution.PublishExecutor;
import io.herald.worker.lease.LeaseKeeper;
import io.herald.worker.lease.LeaseSweeper;
import io.herald.worker.metrics.PublishMetrics;
import io.herald.worker.publish.Drivers;
import io.herald.worker.publish.PublishRequests;
import io.herald.worker.publish.Publisher;
import io.herald.worker.publish.Rescheduling;
import io.herald.worker.publish.TargetClaims;
import io.herald.worker.publish.TargetRecorder;
import io.herald.worker.publish.TargetStateMachine;
import io.herald.worker.retry.Backoff;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.quartz.Scheduler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The publishing engine, in any Herald application with
 * {@code herald.worker.enabled=true} (the default): the worker node, and the api
 * application in embedded mode.
 */
@AutoConfiguration(
		afterName = { "io.herald.core.database.DatabaseConfiguration", "io.herald.core.time.ClockConfiguration",
				"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
				"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
				"org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "herald.worker.enabled", matchIfMissing = true)
@EnableConfigurationProperties(WorkerProperties.class)
public class WorkerAutoConfiguration {

	private final WorkerProperties properties;

	private final String node;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	// Plain JDBC transactions for claims and the recorder: they write nothing through
	// JPA, and a JPA transaction per batch cost as much CPU as the batch's statements.
	private final TransactionTemplate jdbcTransactions;

	WorkerAutoConfiguration(WorkerProperties properties, DataSource dataSource,
			ObjectProvider<PlatformTransactionManager> transactionManager) {
		this.properties = properties;
		this.node = nodeId(properties);
		this.jdbc = new JdbcTemplate(dataSource);
		this.jdbcTransactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		// The context's manager (JPA in the apps) so that account stores join the
		// engine's transactions.
		this.transactions = new TransactionTemplate(
				transactionManager.getIfAvailable(() -> new DataSourceTransactionManager(dataSource)));
	}

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	@ConditionalOnMissingBean
	AccountSessions accountSessions(AccountSessionStore store) {
		return new CoreAccountSessions(store);
	}

	@Bean
	Drivers publishDrivers(List<BaseSocialBackend> backends) {
		return new Drivers(backends);
	}

	@Bean
	PublishMetrics publishMetrics(ObjectProvider<MeterRegistry> registry) {
		return new PublishMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
	}

	@Bean
	TargetStateMachine targetStateMachine() {
		Backoff backoff = new Backoff(this.properties.backoffBase(), this.properties.backoffMax(),
				() -> ThreadLocalRandom.current().nextDouble());
		return new TargetStateMachine(backoff, this.properties.maxAttempts(), this.properties.maxLateness(),
				this.properties.maxRateLimitWait());
	}

	@Bean
	TargetClaims targetClaims() {
		return new TargetClaims(this.jdbc, this.jdbcTransactions, this.node, this.properties.lease());
	}

	@Bean
	TargetRecorder targetRecorder() {
		return new TargetRecorder(this.jdbc, this.jdbcTransactions, this.node);
	}

	@Bean
	RateBudgets rateBudgets() {
		return new RateBudgets(this.jdbc);
	}

	@Bean
	SessionRefresher sessionRefresher(AccountSessions sessions, Clock clock) {
		return new SessionRefresher(sessions, this.jdbc, this.transactions, clock);
	}

	@Bean
	TokenRefresher tokenRefresher(Drivers drivers, SessionRefresher refresher, Clock clock) {
		return new TokenRefresher(this.jdbc, drivers, refresher, clock, this.properties.refreshAhead());
	}

	@Bean
	TargetRequeue targetRequeue(Clock clock) {
		return new TargetRequeue(this.jdbc, this.transactions, clock);
	}

	@Bean
	Draining draining() {
		return new Draining();
	}

	@Bean
	PublicationScheduler publicationScheduler(TargetRequeue requeue, ObjectProvider<Scheduler> scheduler) {
		if (this.properties.mode() == WorkerProperties.Mode.TRIGGER_PER_POST) {
			return new TriggerPerPostScheduler(scheduler.getObject(), this.jdbc, requeue);
		}
		return new DispatcherPublicationScheduler(requeue);
	}

	@Bean
	Publisher publisher(Drivers drivers, AccountSessions sessions, SessionRefresher refresher, TargetRecorder recorder,
			RateBudgets budgets, TargetStateMachine machine, PublishMetrics metrics, PublicationScheduler scheduler,
			Draining draining, LeaseKeeper leases, ObjectProvider<MediaStore> media, Clock clock) {
		Rescheduling rescheduling = (scheduler instanceof Rescheduling baseline) ? baseline : Rescheduling.NONE;
		return new Publisher(drivers, sessions, refresher, new PublishRequests(this.jdbc, media.getIfAvailable()),
				recorder, budgets, machine, metrics, rescheduling, clock, this.properties.lease().dividedBy(2),
				draining, leases);
	}

	@Bean
	LeaseKeeper leaseKeeper(Clock clock) {
		return new LeaseKeeper(this.jdbc, clock, this.node, this.properties.lease());
	}

	@Bean(destroyMethod = "")
	PublishExecutor publishExecutor() {
		return new PublishExecutor(this.properties.threads(), this.properties.perAccountConcurrency(),
				this.properties::networkConcurrency);
	}

	@Bean
	Dispatcher dispatcher(TargetClaims claims, Publisher publisher, PublishExecutor executor, PublishMetrics metrics,
			Draining draining, LeaseKeeper leases, Clock clock) {
		return new Dispatcher(claims, publisher, executor, metrics, draining, leases, clock,
				this.properties.maxInFlight(), this.properties.batchSize(), this.properties.dispatchBudget(),
				this.properties.shutdownGrace());
	}

	@Bean
	LeaseSweeper leaseSweeper(Clock clock, PublicationScheduler scheduler, PublishMetrics metrics) {
		Rescheduling rescheduling = (scheduler instanceof Rescheduling baseline) ? baseline : Rescheduling.NONE;
		return new LeaseSweeper(this.jdbc, clock, rescheduling, metrics);
	}

	@Bean
	EngineJobs engineJobs(Scheduler scheduler) {
		return new EngineJobs(scheduler, this.properties);
	}

	private static String nodeId(WorkerProperties properties) {
		if (properties.nodeId() != null && !properties.nodeId().isBlank()) {
			return properties.nodeId();
		}
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "node";
		}
		return host + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Bean(name = "scheduler")
	SchedulerHealthIndicator schedulerHealthIndicator(Scheduler scheduler) {
		return new SchedulerHealthIndicator(scheduler);
	}

}
