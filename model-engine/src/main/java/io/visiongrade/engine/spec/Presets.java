package io.visiongrade.engine.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Built-in specs, stored as JSON resources next to this class: {@code seed-cnn} (the course's seed
 * model), {@code lenet} (LeNet-5 style) and {@code resnet} (three small residual blocks).
 */
public final class Presets {
  /** Preset names, seed model first. */
  public static final List<String> NAMES = List.of("seed-cnn", "lenet", "resnet");

  private Presets() {}

  /** The JSON text of a preset, if {@code name} is one. */
  public static Optional<String> json(String name) {
    if (!NAMES.contains(name)) {
      return Optional.empty();
    }
    try (InputStream in = Presets.class.getResourceAsStream("presets/" + name + ".json")) {
      if (in == null) {
        throw new IllegalStateException("preset resource missing: " + name);
      }
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The parsed preset.
   *
   * @throws IllegalArgumentException if {@code name} is not a preset
   */
  public static CnnSpec get(String name) {
    String json =
        json(name)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown preset \"" + name + "\" (expected one of " + NAMES + ")"));
    try {
      return SpecJson.parse(json, SpecLimits.DEFAULTS);
    } catch (SpecException e) {
      throw new IllegalStateException("preset " + name + " is invalid: " + e.getMessage(), e);
    }
  }
}
