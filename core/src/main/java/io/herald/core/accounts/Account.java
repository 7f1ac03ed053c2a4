package io.herald.core.accounts;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.ColumnTransformer;

/**
 * A connected social-network account of a workspace. Its credentials are AES-GCM
 * ciphertext (see {@link AccountSessionStore}); nothing here is a secret in the clear.
 */
@Entity
@Table(name = "account")
public class Account {

	@Id
	private UUID id;

	@Column(name = "workspace_id", nullable = false)
	private UUID workspaceId;

	@Column(nullable = false)
	private String network;

	@Column(nullable = false)
	private String handle;

	@Column(name = "remote_user_id", nullable = false)
	private String remoteUserId;

	@Column(name = "display_name")
	private String displayName;

	@Column(name = "service_url")
	private String serviceUrl;

	@Column(nullable = false)
	private byte[] credentials;

	@Column(name = "token_expires_at")
	private Instant tokenExpiresAt;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private AccountStatus status;

	@Column(name = "status_reason")
	private String statusReason;

	@Column(nullable = false, columnDefinition = "jsonb")
	@ColumnTransformer(write = "?::jsonb")
	private String settings;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	@Version
	private long version;

	protected Account() {
	}

	public Account(UUID id, UUID workspaceId, String network, String handle, String remoteUserId, String displayName,
			String serviceUrl, Instant now) {
		this.id = id;
		this.workspaceId = workspaceId;
		this.network = network;
		this.handle = handle;
		this.remoteUserId = remoteUserId;
		this.displayName = displayName;
		this.serviceUrl = serviceUrl;
		this.status = AccountStatus.CONNECTED;
		this.settings = "{}";
		this.credentials = new byte[0];
		this.createdAt = now;
		this.updatedAt = now;
	}

	void storeCredentials(byte[] sealed, Instant tokenExpiresAt, Instant now) {
		this.credentials = sealed;
		this.tokenExpiresAt = tokenExpiresAt;
		this.updatedAt = now;
	}

	public void markStatus(AccountStatus status, String reason, Instant now) {
		this.status = status;
		this.statusReason = reason;
		this.updatedAt = now;
	}

	public void updateProfile(String handle, String displayName, Instant now) {
		this.handle = handle;
		this.displayName = displayName;
		this.updatedAt = now;
	}

	public UUID getId() {
		return this.id;
	}

	public UUID getWorkspaceId() {
		return this.workspaceId;
	}

	public String getNetwork() {
		return this.network;
	}

	public String getHandle() {
		return this.handle;
	}

	public String getRemoteUserId() {
		return this.remoteUserId;
	}

	public String getDisplayName() {
		return this.displayName;
	}

	public String getServiceUrl() {
		return this.serviceUrl;
	}

	byte[] getCredentials() {
		return this.credentials;
	}

	public Instant getTokenExpiresAt() {
		return this.tokenExpiresAt;
	}

	public AccountStatus getStatus() {
		return this.status;
	}

	public String getStatusReason() {
		return this.statusReason;
	}

	public String getSettings() {
		return this.settings;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

	public long getVersion() {
		return this.version;
	}

}
