package io.visiongrade.lms.infrastructure.persistence;

import io.visiongrade.lms.domain.diagnostics.EngineCheck;
import io.visiongrade.lms.domain.diagnostics.EngineCheckRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/** {@link EngineCheckRepository} on JPA. */
@ApplicationScoped
public class JpaEngineCheckRepository implements EngineCheckRepository {

  @PersistenceContext(unitName = "visiongrade")
  EntityManager em;

  @Override
  @Transactional
  public EngineCheck add(EngineCheck check) {
    em.persist(check);
    return check;
  }

  @Override
  public Optional<EngineCheck> find(long id) {
    return Optional.ofNullable(em.find(EngineCheck.class, id));
  }

  @Override
  public List<EngineCheck> latest(int limit) {
    return em.createQuery(
            "SELECT c FROM EngineCheck c ORDER BY c.startedAt DESC, c.id DESC", EngineCheck.class)
        .setMaxResults(limit)
        .getResultList();
  }
}
