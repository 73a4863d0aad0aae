package io.visiongrade.lms.domain.privacy;

import java.util.Map;
import java.util.Set;

/**
 * What deleting one student's data in a course removed from the database.
 *
 * @param rows table name to the number of rows deleted from it (every table that was looked at)
 * @param contentHashes the stored files the deleted rows named; each is deleted unless another row
 *     still names it (files are shared by content)
 * @param scoresDelivered scores that had already been delivered to the LMS gradebook: they stay in
 *     the LMS
 * @param scoresCancelled scores that had not been delivered yet: they will not be sent
 */
public record Erasure(
    Map<String, Integer> rows,
    Set<String> contentHashes,
    int scoresDelivered,
    int scoresCancelled) {

  public Erasure {
    rows = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rows));
    contentHashes = Set.copyOf(contentHashes);
  }

  /** All rows deleted. */
  public int totalRows() {
    return rows.values().stream().mapToInt(Integer::intValue).sum();
  }
}
