package io.herald.core.workspaces;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "workspace")
public class Workspace {

	@Id
	private UUID id;

	@Column(nullable = false)
	private String name;

	@Column(name = "time_zone", nullable = false)
	private String timeZone;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "max_lateness_seconds")
	private Long maxLatenessSeconds;

	protected Workspace() {
	}

	public Workspace(UUID id, String name, String timeZone, Instant createdAt) {
		this.id = id;
		this.name = name;
		this.timeZone = timeZone;
		this.createdAt = createdAt;
	}

	public UUID getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

	public String getTimeZone() {
		return this.timeZone;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	/**
	 * How late after its due time a post may still go out.
	 * @return the workspace's own limit, or empty for the node's default
	 */
	public Optional<Duration> getMaxLateness() {
		return Optional.ofNullable(this.maxLatenessSeconds).map(Duration::ofSeconds);
	}

	/**
	 * Sets how late after its due time a post may still go out.
	 * @param maxLateness the limit, or {@code null} for the node's default
	 */
	public void setMaxLateness(Duration maxLateness) {
		this.maxLatenessSeconds = (maxLateness != null) ? maxLateness.toSeconds() : null;
	}

}
