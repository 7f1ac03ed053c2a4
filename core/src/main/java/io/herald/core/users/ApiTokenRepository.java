package io.herald.core.users;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

public interface ApiTokenRepository extends JpaRepository<ApiToken, UUID> {

	Optional<ApiToken> findByTokenHash(String tokenHash);

	@Query("select t from ApiToken t where t.workspaceId = ?1 and t.userId = ?2 order by t.createdAt desc")
	List<ApiToken> findForUser(UUID workspaceId, UUID userId);

	@Query("select t from ApiToken t where t.id = ?1 and t.workspaceId = ?2")
	Optional<ApiToken> findInWorkspace(UUID id, UUID workspaceId);

	@Modifying
	@Transactional
	@Query("update ApiToken t set t.lastUsedAt = ?2 where t.id = ?1 and (t.lastUsedAt is null or t.lastUsedAt < ?3)")
	int touch(UUID id, Instant now, Instant notSince);

}
