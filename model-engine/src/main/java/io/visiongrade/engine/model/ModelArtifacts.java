package io.visiongrade.engine.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.SequentialBlock;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.visiongrade.engine.spec.CnnSpec;
import io.visiongrade.engine.spec.ModelSummary;
import io.visiongrade.engine.spec.SpecException;
import io.visiongrade.engine.spec.SpecJson;
import io.visiongrade.engine.spec.SpecLimits;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Saves a {@link CnnModel} as a directory and loads it back. The directory holds:
 *
 * <ul>
 *   <li>{@code model.json}: the {@link ModelManifest} (format, class names, dataset hash, seed,
 *       engine and library versions);
 *   <li>{@code spec.json}: the canonical spec the network is rebuilt from;
 *   <li>{@code parameters.bin}: DJL's parameter encoding of the block;
 *   <li>{@code metrics.json}: whatever metrics the caller passed (optional).
 * </ul>
 *
 * A loaded model is always rebuilt from {@code spec.json} by {@link CnnBlockFactory}.
 */
public final class ModelArtifacts {
  /** Current directory format. */
  public static final int FORMAT = 1;

  public static final String MANIFEST = "model.json";
  public static final String SPEC = "spec.json";
  public static final String PARAMETERS = "parameters.bin";
  public static final String METRICS = "metrics.json";

  /** Limits for re-reading stored specs: they were validated when trained, so only sanity caps. */
  private static final SpecLimits STORED =
      SpecLimits.builder()
          .optMaxParameters(Long.MAX_VALUE)
          .optMaxEpochs(Integer.MAX_VALUE)
          .optMaxBatchSize(Integer.MAX_VALUE)
          .optMaxInputSide(Integer.MAX_VALUE)
          .optMaxLayers(Integer.MAX_VALUE)
          .optMaxJsonBytes(1 << 20)
          .build();

  private ModelArtifacts() {}

  /**
   * Writes {@code model} to {@code dir} (created if needed; existing files are replaced).
   *
   * @param metrics a JSON object for {@code metrics.json}, or {@code null}
   */
  public static ModelManifest save(
      CnnModel model, Path dir, String datasetHash, long seed, JsonObject metrics)
      throws IOException {
    Files.createDirectories(dir);
    Engine engine = Engine.getEngine("PyTorch");
    ModelManifest manifest =
        new ModelManifest(
            FORMAT,
            model.classNames(),
            datasetHash,
            seed,
            model.summary().totalParameters(),
            engine.getEngineName(),
            engine.getVersion(),
            Engine.getDjlVersion(),
            Instant.now().toString());
    Files.writeString(dir.resolve(SPEC), SpecJson.toJson(model.spec()), StandardCharsets.UTF_8);
    try (OutputStream out = Files.newOutputStream(dir.resolve(PARAMETERS));
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out))) {
      model.block().saveParameters(data);
    }
    if (metrics != null) {
      Files.writeString(dir.resolve(METRICS), pretty(metrics), StandardCharsets.UTF_8);
    }
    Files.writeString(dir.resolve(MANIFEST), pretty(toJson(manifest)), StandardCharsets.UTF_8);
    return manifest;
  }

  /** Reads {@code model.json}. */
  public static ModelManifest readManifest(Path dir) throws ModelFormatException {
    JsonObject o = readObject(dir.resolve(MANIFEST));
    try {
      int format = o.get("format").getAsInt();
      if (format != FORMAT) {
        throw new ModelFormatException(
            dir.resolve(MANIFEST)
                + ": unsupported format "
                + format
                + " (expected "
                + FORMAT
                + ")");
      }
      List<String> names = new ArrayList<>();
      for (JsonElement e : o.getAsJsonArray("classNames")) {
        names.add(e.getAsString());
      }
      return new ModelManifest(
          format,
          names,
          o.has("datasetHash") && !o.get("datasetHash").isJsonNull()
              ? o.get("datasetHash").getAsString()
              : null,
          o.get("seed").getAsLong(),
          o.get("totalParameters").getAsLong(),
          o.get("engine").getAsString(),
          o.get("engineVersion").getAsString(),
          o.get("djlVersion").getAsString(),
          o.get("createdAt").getAsString());
    } catch (RuntimeException e) {
      throw new ModelFormatException(dir.resolve(MANIFEST) + ": malformed manifest: " + e, e);
    }
  }

  /**
   * Loads a saved model: rebuilds the block from {@code spec.json} and reads the parameters.
   *
   * @throws ModelFormatException if a file is missing or malformed, or parameters do not match
   */
  public static CnnModel load(Path dir) throws ModelFormatException {
    ModelManifest manifest = readManifest(dir);
    CnnSpec spec;
    ModelSummary summary;
    try {
      spec = SpecJson.parse(readString(dir.resolve(SPEC)), STORED);
      summary = spec.summarize(manifest.classNames().size(), STORED);
    } catch (SpecException e) {
      throw new ModelFormatException(dir.resolve(SPEC) + ": invalid spec: " + e.getMessage(), e);
    }
    NativeTuning.tune();
    NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
    try (InputStream in = Files.newInputStream(dir.resolve(PARAMETERS));
        DataInputStream data = new DataInputStream(new BufferedInputStream(in))) {
      SequentialBlock block = CnnBlockFactory.build(spec, manifest.classNames().size());
      block.initialize(manager, DataType.FLOAT32, CnnBlockFactory.inputShape(spec, 1));
      block.loadParameters(manager, data);
      return CnnModel.of(spec, summary, manifest.classNames(), manager, block);
    } catch (NoSuchFileException e) {
      manager.close();
      throw new ModelFormatException(dir.resolve(PARAMETERS) + ": missing", e);
    } catch (IOException | MalformedModelException | RuntimeException e) {
      manager.close();
      throw new ModelFormatException(
          dir.resolve(PARAMETERS) + ": parameters do not match the spec: " + e.getMessage(), e);
    }
  }

  /** The manifest as JSON. */
  public static JsonObject toJson(ModelManifest m) {
    JsonObject o = new JsonObject();
    o.addProperty("format", m.format());
    JsonArray names = new JsonArray();
    m.classNames().forEach(names::add);
    o.add("classNames", names);
    o.addProperty("datasetHash", m.datasetHash());
    o.addProperty("seed", m.seed());
    o.addProperty("totalParameters", m.totalParameters());
    o.addProperty("engine", m.engine());
    o.addProperty("engineVersion", m.engineVersion());
    o.addProperty("djlVersion", m.djlVersion());
    o.addProperty("createdAt", m.createdAt());
    o.addProperty("spec", SPEC);
    o.addProperty("parameters", PARAMETERS);
    return o;
  }

  private static String pretty(JsonElement e) {
    return new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(e) + "\n";
  }

  private static String readString(Path file) throws ModelFormatException {
    try {
      if (Files.size(file) > 1 << 20) {
        throw new ModelFormatException(file + ": larger than 1 MiB");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ModelFormatException(file + ": missing (is this a saved model directory?)", e);
    } catch (IOException e) {
      throw new ModelFormatException(file + ": unreadable: " + e.getMessage(), e);
    }
  }

  private static JsonObject readObject(Path file) throws ModelFormatException {
    String text = readString(file);
    try {
      return JsonParser.parseString(text).getAsJsonObject();
    } catch (JsonParseException | IllegalStateException e) {
      throw new ModelFormatException(file + ": not a JSON object: " + e.getMessage(), e);
    }
  }
}
