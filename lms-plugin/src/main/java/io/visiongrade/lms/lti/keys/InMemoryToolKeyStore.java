package io.visiongrade.lms.lti.keys;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link ToolKeyStore} in memory, for tests and the demo. */
public final class InMemoryToolKeyStore implements ToolKeyStore {

  private final Map<String, StoredToolKey> keys = new ConcurrentHashMap<>();

  @Override
  public List<StoredToolKey> findAll() {
    return new ArrayList<>(keys.values());
  }

  @Override
  public void save(StoredToolKey key) {
    keys.put(key.kid(), key);
  }

  @Override
  public void delete(String kid) {
    keys.remove(kid);
  }
}
