package io.herald.core.posts;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

/**
 * Posts, always looked up within a workspace.
 */
public interface PostRepository extends JpaRepository<Post, UUID> {

	@Query("select p from Post p where p.id = ?1 and p.workspaceId = ?2")
	Optional<Post> findInWorkspace(UUID id, UUID workspaceId);

	@Query("select distinct p from Post p left join fetch p.targets where p.workspaceId = ?1 and p.id in ?2")
	List<Post> findAllInWorkspace(UUID workspaceId, Collection<UUID> ids);

	/**
	 * Locks a post's targets for an edit: the engine claims with SKIP LOCKED, so a target
	 * locked here is not claimed until the edit commits, and one claimed already shows as
	 * PUBLISHING.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select t from PostTarget t where t.post.id = ?1 and t.workspaceId = ?2")
	List<PostTarget> lockTargets(UUID postId, UUID workspaceId);

}
