package io.herald.core.media;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Assets, always looked up within one workspace: there is deliberately no find-by-id
 * alone. Pages are ordered newest first, ties broken by id, matching the
 * {@code (workspace_id, created_at DESC, id)} index.
 */
interface AssetRepository extends Repository<Asset, UUID> {

	Asset save(Asset asset);

	Optional<Asset> findByIdAndWorkspaceId(UUID id, UUID workspaceId);

	@Query("""
			select a from Asset a
			where a.workspaceId = :workspaceId and (:status is null or a.status = :status)
			order by a.createdAt desc, a.id asc""")
	List<Asset> findFirstPage(UUID workspaceId, AssetStatus status, Limit limit);

	@Query("""
			select a from Asset a
			where a.workspaceId = :workspaceId and (:status is null or a.status = :status)
			and (a.createdAt < :createdAt or (a.createdAt = :createdAt and a.id > :id))
			order by a.createdAt desc, a.id asc""")
	List<Asset> findPageAfter(UUID workspaceId, AssetStatus status, Instant createdAt, UUID id, Limit limit);

	@Transactional
	@Modifying
	@Query("delete from Asset a where a.id = :id and a.workspaceId = :workspaceId")
	int deleteByIdAndWorkspaceId(UUID id, UUID workspaceId);

}
