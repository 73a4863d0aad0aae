package io.visiongrade.lms.domain.privacy;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the tool holds about one student in one course, as rows (column name to value, in
 * column order) per section, and the stored files those rows name. Columns that are not the
 * student's to see (the hidden part of a blind phase, other people's user ids, session token
 * hashes) are left out by the repository.
 *
 * @param sections section name (e.g. {@code submissions}) to its rows, in a fixed order
 * @param files the files of the student's submissions and image answers
 */
public record StudentRecord(Map<String, List<Map<String, Object>>> sections, List<File> files) {

  public StudentRecord {
    sections = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sections));
    files = List.copyOf(files);
  }

  /** True when the tool holds nothing about the student in the course. */
  public boolean isEmpty() {
    return sections.values().stream().allMatch(List::isEmpty);
  }

  /**
   * A stored file named in the export.
   *
   * @param path its path in the export zip, e.g. {@code submissions/12.json}
   * @param sha256 its content hash in the content store
   */
  public record File(String path, String sha256) {
    public File {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(sha256, "sha256");
    }
  }
}
