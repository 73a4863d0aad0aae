package io.visiongrade.lms.domain.diagnostics;

import java.util.List;
import java.util.Optional;

/** Stores engine self-test records. */
public interface EngineCheckRepository {

  /** Stores a new record and returns it with its id. */
  EngineCheck add(EngineCheck check);

  /** The record with this id, if any. */
  Optional<EngineCheck> find(long id);

  /** The most recent records, newest first. */
  List<EngineCheck> latest(int limit);
}
