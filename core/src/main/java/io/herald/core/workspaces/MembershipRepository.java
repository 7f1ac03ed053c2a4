package io.herald.core.workspaces;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface MembershipRepository extends JpaRepository<Membership, Membership.Key> {

	@Query("select m from Membership m where m.id.userId = ?1 order by m.createdAt, m.id.workspaceId")
	List<Membership> findByUser(UUID userId);

	@Query("select m from Membership m where m.id.workspaceId = ?1 and m.id.userId = ?2")
	Optional<Membership> find(UUID workspaceId, UUID userId);

}
