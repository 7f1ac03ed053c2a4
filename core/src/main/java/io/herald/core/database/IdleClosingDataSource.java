package io.herald.core.database;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

/**
 * A pool that, when the context closes it, first waits a bounded time for connections
 * still in use to come back. Spring closes the pool right after the beans using it, and
 * some of them (Quartz's scheduler thread, its cluster manager) finish their current
 * statement on threads of their own; closing under them aborts their connections and
 * fills the shutdown log with errors. The bound keeps an unreachable database from
 * holding up the shutdown.
 */
class IdleClosingDataSource extends HikariDataSource {

	private final Duration closeGrace;

	IdleClosingDataSource(HikariConfig config, Duration closeGrace) {
		super(config);
		this.closeGrace = closeGrace;
	}

	@Override
	public void close() {
		HikariPoolMXBean pool = getHikariPoolMXBean();
		long deadline = System.nanoTime() + this.closeGrace.toNanos();
		while (pool != null && !isClosed() && pool.getActiveConnections() > 0 && System.nanoTime() < deadline) {
			LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
		}
		super.close();
	}

}
