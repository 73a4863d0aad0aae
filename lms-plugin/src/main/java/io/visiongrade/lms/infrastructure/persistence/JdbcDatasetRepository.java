package io.visiongrade.lms.infrastructure.persistence;

import io.visiongrade.lms.domain.dataset.Dataset;
import io.visiongrade.lms.domain.dataset.DatasetClass;
import io.visiongrade.lms.domain.dataset.DatasetRepository;
import io.visiongrade.lms.domain.dataset.SplitFractions;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link DatasetRepository} in plain JDBC (a dataset is an immutable record with its classes; the
 * same SQL runs in the server and on H2 in unit tests). A new version is numbered inside the
 * insert's transaction; two uploads racing for the same number meet the unique key and the loser
 * retries.
 */
@ApplicationScoped
public class JdbcDatasetRepository implements DatasetRepository {

  private static final String COLUMNS =
      "id, course_id, name, version, content_hash, artifact_sha256, artifact_size, format,"
          + " image_width, image_height, channels, split_seed, train_fraction,"
          + " validation_fraction, test_fraction, uploaded_by, created_at";
  private static final int RETRIES = 5;

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  private Jdbc jdbc;

  /** For CDI. */
  protected JdbcDatasetRepository() {}

  /** Outside a container (tests, tools). */
  public JdbcDatasetRepository(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.jdbc = new Jdbc(dataSource);
  }

  @PostConstruct
  void init() {
    jdbc = new Jdbc(dataSource);
  }

  @Override
  public Dataset add(Dataset dataset) {
    for (int attempt = 1; ; attempt++) {
      try {
        return jdbc.transaction(c -> insert(c, dataset));
      } catch (Jdbc.DatabaseUnavailable e) {
        if (!e.isDuplicateKey() || attempt >= RETRIES) {
          throw e;
        }
      }
    }
  }

  private static Dataset insert(Connection c, Dataset d) throws SQLException {
    // Numbering is serialized per course by locking its row until the insert commits.
    try (PreparedStatement s =
        c.prepareStatement("SELECT id FROM course WHERE id = ? FOR UPDATE")) {
      s.setLong(1, d.courseId());
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalArgumentException("no course " + d.courseId());
        }
      }
    }
    int version;
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT COALESCE(MAX(version), 0) FROM dataset WHERE course_id = ? AND name = ?")) {
      s.setLong(1, d.courseId());
      s.setString(2, d.name());
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        version = rs.getInt(1) + 1;
      }
    }
    long id;
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO dataset (course_id, name, version, content_hash, artifact_sha256,"
                + " artifact_size, format, image_width, image_height, channels, image_count,"
                + " split_seed, train_fraction, validation_fraction, test_fraction, uploaded_by,"
                + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            new String[] {"id"})) {
      int i = 1;
      s.setLong(i++, d.courseId());
      s.setString(i++, d.name());
      s.setInt(i++, version);
      s.setString(i++, d.contentHash());
      s.setString(i++, d.artifactSha256());
      s.setLong(i++, d.artifactSize());
      s.setString(i++, d.format().name());
      s.setInt(i++, d.width());
      s.setInt(i++, d.height());
      s.setInt(i++, d.channels());
      s.setInt(i++, d.imageCount());
      s.setLong(i++, d.splitSeed());
      s.setDouble(i++, d.fractions().train());
      s.setDouble(i++, d.fractions().validation());
      s.setDouble(i++, d.fractions().test());
      s.setString(i++, d.uploadedBy().orElse(null));
      s.setObject(i, Jdbc.ts(d.createdAt()));
      s.executeUpdate();
      id = Jdbc.generatedId(s, "dataset");
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO dataset_class (dataset_id, position, name, image_count)"
                + " VALUES (?, ?, ?, ?)")) {
      List<DatasetClass> classes = d.classes();
      for (int k = 0; k < classes.size(); k++) {
        s.setLong(1, id);
        s.setInt(2, k);
        s.setString(3, classes.get(k).name());
        s.setInt(4, classes.get(k).imageCount());
        s.addBatch();
      }
      s.executeBatch();
    }
    return d.withVersion(version).withId(id);
  }

  @Override
  public Optional<Dataset> find(long courseId, long datasetId) {
    return one(select("WHERE id = ? AND course_id = ?", datasetId, courseId));
  }

  @Override
  public Optional<Dataset> findById(long datasetId) {
    return one(select("WHERE id = ?", datasetId));
  }

  @Override
  public List<Dataset> list(long courseId) {
    return select("WHERE course_id = ? ORDER BY name, version", courseId);
  }

  @Override
  public Optional<Dataset> latest(long courseId, String name) {
    List<Dataset> all =
        select("WHERE course_id = ? AND name = ? ORDER BY version DESC", courseId, name);
    return all.stream().findFirst();
  }

  @Override
  public boolean usesArtifact(String artifactSha256) {
    return !jdbc.query(
            "SELECT id FROM dataset WHERE artifact_sha256 = ?", rs -> rs.getLong(1), artifactSha256)
        .isEmpty();
  }

  private static Optional<Dataset> one(List<Dataset> rows) {
    return rows.stream().findFirst();
  }

  private List<Dataset> select(String where, Object... params) {
    return jdbc.with(
        c -> {
          Map<Long, Row> rows = new LinkedHashMap<>();
          try (PreparedStatement s =
              c.prepareStatement("SELECT " + COLUMNS + " FROM dataset " + where)) {
            for (int i = 0; i < params.length; i++) {
              s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                Row r = new Row(rs);
                rows.put(r.id, r);
              }
            }
          }
          if (rows.isEmpty()) {
            return List.of();
          }
          StringBuilder in = new StringBuilder();
          for (int i = 0; i < rows.size(); i++) {
            in.append(i == 0 ? "?" : ", ?");
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT dataset_id, name, image_count FROM dataset_class WHERE dataset_id IN ("
                      + in
                      + ") ORDER BY dataset_id, position")) {
            int i = 1;
            for (Long id : rows.keySet()) {
              s.setLong(i++, id);
            }
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                rows.get(rs.getLong(1))
                    .classes
                    .add(new DatasetClass(rs.getString(2), rs.getInt(3)));
              }
            }
          }
          List<Dataset> out = new ArrayList<>();
          for (Row r : rows.values()) {
            out.add(r.toDataset());
          }
          return out;
        });
  }

  /** A dataset row while its classes are read. */
  private static final class Row {
    final long id;
    final long courseId;
    final String name;
    final int version;
    final String contentHash;
    final String artifact;
    final long artifactSize;
    final Dataset.Format format;
    final int width;
    final int height;
    final int channels;
    final long seed;
    final SplitFractions fractions;
    final String uploadedBy;
    final java.time.Instant createdAt;
    final List<DatasetClass> classes = new ArrayList<>();

    Row(ResultSet rs) throws SQLException {
      id = rs.getLong("id");
      courseId = rs.getLong("course_id");
      name = rs.getString("name");
      version = rs.getInt("version");
      contentHash = rs.getString("content_hash");
      artifact = rs.getString("artifact_sha256");
      artifactSize = rs.getLong("artifact_size");
      format = Dataset.Format.valueOf(rs.getString("format"));
      width = rs.getInt("image_width");
      height = rs.getInt("image_height");
      channels = rs.getInt("channels");
      seed = rs.getLong("split_seed");
      fractions =
          new SplitFractions(
              rs.getDouble("train_fraction"),
              rs.getDouble("validation_fraction"),
              rs.getDouble("test_fraction"));
      uploadedBy = rs.getString("uploaded_by");
      createdAt = Jdbc.instant(rs, "created_at");
    }

    Dataset toDataset() {
      return new Dataset(
          id,
          courseId,
          name,
          version,
          contentHash,
          artifact,
          artifactSize,
          format,
          width,
          height,
          channels,
          classes,
          seed,
          fractions,
          uploadedBy,
          createdAt);
    }
  }
}
