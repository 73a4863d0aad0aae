package io.visiongrade.lms.lti.keys;

import java.util.List;

/** Persistence of the tool's keys. The web module implements it over JPA. */
public interface ToolKeyStore {

  /** All stored keys, active and retired. */
  List<StoredToolKey> findAll();

  /** Inserts a key or replaces the one with the same kid. */
  void save(StoredToolKey key);

  /** Removes a key for good. */
  void delete(String kid);
}
