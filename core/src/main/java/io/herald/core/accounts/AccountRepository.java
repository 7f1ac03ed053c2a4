package io.herald.core.accounts;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/**
 * Accounts, always looked up within a workspace.
 */
public interface AccountRepository extends JpaRepository<Account, UUID> {

	@Query("select a from Account a where a.id = ?1 and a.workspaceId = ?2")
	Optional<Account> findInWorkspace(UUID id, UUID workspaceId);

	@Query("select a from Account a where a.workspaceId = ?1 order by a.network, a.handle, a.id")
	List<Account> findAllInWorkspace(UUID workspaceId);

	@Query("select a from Account a where a.workspaceId = ?1 and a.id in ?2")
	List<Account> findAllInWorkspace(UUID workspaceId, Collection<UUID> ids);

	@Query("select a from Account a where a.workspaceId = ?1 and a.network = ?2 and a.remoteUserId = ?3")
	Optional<Account> findByRemoteUser(UUID workspaceId, String network, String remoteUserId);

}
