package io.visiongrade.engine.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.visiongrade.engine.explain.ExplainException;
import io.visiongrade.engine.explain.Explainer;
import io.visiongrade.engine.explain.Explanation;
import io.visiongrade.engine.model.InvalidImageException;
import io.visiongrade.engine.model.ModelFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code explain --model DIR IMAGE [--class C] [--out DIR] [--scale N] [--json]}: writes {@code
 * <name>-gradcam.png} and {@code <name>-saliency.png} heat-map overlays for one image.
 */
@Command(
    name = "explain",
    description =
        "Explain a saved model's decision on one image: Grad-CAM and saliency heat maps as PNG.")
public final class ExplainCommand implements Callable<Integer> {
  /** Largest image file read (as for classification). */
  static final int MAX_IMAGE_BYTES = 16 << 20;

  /** Overlays are enlarged to at least this many pixels on their longer side by default. */
  static final int DEFAULT_MIN_SIDE = 224;

  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, description = "Model directory.")
  Path model;

  @Parameters(index = "0", paramLabel = "IMAGE", description = "PNG/JPEG/BMP/GIF file.")
  Path image;

  @Option(
      names = "--class",
      description = "Class to explain: a name or an index (default: the predicted class).")
  String className;

  @Option(names = "--out", defaultValue = ".", description = "Output folder (default: .).")
  Path out;

  @Option(
      names = "--scale",
      description = "Enlarge the PNGs N times (default: to at least 224 pixels).")
  Integer scale;

  @Option(names = "--json", description = "Print one JSON document on stdout.")
  boolean json;

  /** What to explain. */
  public record Request(Path model, Path image, String className, Path out, Integer scale) {}

  /** What was explained and where the PNGs went. */
  public record Result(
      Path model, Path image, Explanation explanation, Path gradCam, Path saliency, int scale) {

    public JsonObject toJson() {
      Explanation e = explanation;
      JsonObject o = new JsonObject();
      o.addProperty("command", "explain");
      o.addProperty("model", model.toString());
      o.addProperty("image", image.toString());
      o.addProperty("layer", e.layer());
      o.add("explained", classJson(e.classIndex(), e.className(), e.probability()));
      o.add(
          "predicted",
          classJson(
              e.predictedIndex(), e.predictedClassName(), e.probabilities()[e.predictedIndex()]));
      JsonArray p = new JsonArray();
      for (double v : e.probabilities()) {
        p.add(v);
      }
      o.add("probabilities", p);
      o.add("gradCamPeak", peak(e.gradCam()));
      o.add("saliencyPeak", peak(e.saliency()));
      o.addProperty("gradCam", gradCam.toString());
      o.addProperty("saliency", saliency.toString());
      o.addProperty("width", e.width() * scale);
      o.addProperty("height", e.height() * scale);
      return o;
    }

    private static JsonObject classJson(int index, String name, double probability) {
      JsonObject o = new JsonObject();
      o.addProperty("index", index);
      o.addProperty("name", name);
      o.addProperty("probability", probability);
      return o;
    }

    private static JsonObject peak(float[][] map) {
      int by = 0;
      int bx = 0;
      for (int y = 0; y < map.length; y++) {
        for (int x = 0; x < map[y].length; x++) {
          if (map[y][x] > map[by][bx]) {
            by = y;
            bx = x;
          }
        }
      }
      JsonObject o = new JsonObject();
      o.addProperty("x", bx);
      o.addProperty("y", by);
      return o;
    }
  }

  /**
   * Explains one image with a saved model and writes the two overlays.
   *
   * @throws BadInputException for an unknown class, a model without conv layers, a bad scale or a
   *     missing image file
   */
  public static Result explain(Request r)
      throws BadInputException, ModelFormatException, InvalidImageException, IOException {
    if (r.scale() != null && (r.scale() < 1 || r.scale() > 64)) {
      throw new BadInputException("--scale must be in 1..64, got " + r.scale());
    }
    byte[] bytes = readImage(r.image());
    try (Explainer explainer = Explainer.load(r.model())) {
      Explanation e =
          r.className() == null
              ? explainer.explain(bytes)
              : explainer.explain(bytes, explainer.classIndex(r.className()));
      int s =
          r.scale() != null
              ? r.scale()
              : Math.max(
                  1,
                  (DEFAULT_MIN_SIDE + Math.max(e.width(), e.height()) - 1)
                      / Math.max(e.width(), e.height()));
      String name = r.image().getFileName().toString();
      int dot = name.lastIndexOf('.');
      if (dot > 0) {
        name = name.substring(0, dot);
      }
      Files.createDirectories(r.out());
      Path gradCam = r.out().resolve(name + "-gradcam.png");
      Path saliency = r.out().resolve(name + "-saliency.png");
      Files.write(gradCam, e.gradCamOverlayPng(s));
      Files.write(saliency, e.saliencyOverlayPng(s));
      return new Result(r.model(), r.image(), e, gradCam, saliency, s);
    } catch (ExplainException e) {
      throw new BadInputException(e.getMessage());
    }
  }

  private static byte[] readImage(Path file) throws BadInputException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_IMAGE_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw new BadInputException(file + ": no such file");
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read: " + e.getMessage());
    }
    if (bytes.length > MAX_IMAGE_BYTES) {
      throw new BadInputException(file + ": larger than " + MAX_IMAGE_BYTES + " bytes");
    }
    return bytes;
  }

  @Override
  public Integer call() throws Exception {
    Result r;
    try {
      r = explain(new Request(model, image, className, out, scale));
    } catch (InvalidImageException e) {
      throw new InvalidImageException(image + ": " + e.getMessage(), e);
    }
    PrintWriter o = spec.commandLine().getOut();
    if (json) {
      o.println(new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(r.toJson()));
    } else {
      Explanation e = r.explanation();
      o.printf(
          Locale.ROOT,
          "%s: explained %s (p=%.4f), predicted %s (p=%.4f), Grad-CAM on %s%nwrote %s and %s%n",
          image,
          e.className(),
          e.probability(),
          e.predictedClassName(),
          e.probabilities()[e.predictedIndex()],
          e.layer(),
          r.gradCam(),
          r.saliency());
    }
    o.flush();
    return EngineCli.OK;
  }
}
