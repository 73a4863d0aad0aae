package io.visiongrade.engine.spec;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.visiongrade.engine.augment.AugmentationConfig;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and writes the JSON form of a {@link CnnSpec}. Reading is strict: unknown fields, duplicate
 * keys, trailing content, documents over {@link SpecLimits#maxJsonBytes()} bytes and nesting deeper
 * than {@link SpecLimits#maxJsonDepth()} are rejected, as are wrong types.
 */
public final class SpecJson {
  private SpecJson() {}

  /**
   * Parses and checks field values (not shapes: see {@link CnnSpec#summarize}).
   *
   * @throws SpecException listing every problem found
   */
  public static CnnSpec parse(String json, SpecLimits limits) throws SpecException {
    int bytes = json.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > limits.maxJsonBytes()) {
      throw new SpecException(
          "document: " + bytes + " bytes exceed the limit of " + limits.maxJsonBytes());
    }
    JsonElement root;
    try (JsonReader reader = new JsonReader(new StringReader(json))) {
      reader.setStrictness(Strictness.STRICT);
      if (reader.peek() == JsonToken.END_DOCUMENT) {
        throw new SpecException("document: empty");
      }
      root = read(reader, 1, limits.maxJsonDepth());
      boolean end;
      try {
        end = reader.peek() == JsonToken.END_DOCUMENT;
      } catch (IOException e) {
        end = false;
      }
      if (!end) {
        throw new SpecException("document: unexpected content after the spec object");
      }
    } catch (IOException | IllegalStateException | NumberFormatException e) {
      throw new SpecException("document: malformed JSON: " + e.getMessage());
    }
    if (!root.isJsonObject()) {
      throw new SpecException("document: must be a JSON object");
    }
    List<String> p = new ArrayList<>();
    CnnSpec.Builder b = CnnSpec.builder();
    Fields top = new Fields(root.getAsJsonObject(), "", p);
    Fields input = top.object("input", true);
    if (input != null) {
      b.setInput(
          input.integer("width", 0), input.integer("height", 0), input.integer("channels", 0));
      input.finish();
    }
    JsonArray layers = top.array("layers");
    if (layers != null) {
      for (int i = 0; i < layers.size(); i++) {
        LayerSpec layer = layer(i, layers.get(i), p);
        if (layer != null) {
          b.addLayer(layer);
        }
      }
    }
    Fields init = top.object("initializer", false);
    if (init != null) {
      b.optInitializer(initializer(init));
      init.finish();
    }
    Fields opt = top.object("optimizer", true);
    if (opt != null) {
      b.setOptimizer(optimizer(opt));
      opt.finish();
    }
    Fields train = top.object("training", true);
    if (train != null) {
      b.setTraining(
          new TrainingSpec(
              train.integer("epochs", null),
              train.integer("batchSize", 32),
              train.longValue("seed", 42L),
              train.integer("earlyStoppingPatience", 0)));
      train.finish();
    }
    Fields aug = top.object("augmentation", false);
    if (aug != null) {
      b.optAugmentation(
          new AugmentationConfig(
              aug.number("rotationRange", 0.0),
              aug.number("widthShiftRange", 0.0),
              aug.number("heightShiftRange", 0.0),
              aug.bool("horizontalFlip", false),
              aug.number("zoomRange", 0.0),
              aug.number("brightnessRange", 0.0)));
      aug.finish();
    }
    top.finish();
    if (!p.isEmpty()) {
      throw new SpecException(p);
    }
    return b.build();
  }

  private static LayerSpec layer(int i, JsonElement e, List<String> p) {
    if (!e.isJsonObject()) {
      p.add("layer " + i + ": must be an object");
      return null;
    }
    JsonObject o = e.getAsJsonObject();
    JsonElement t = o.get("type");
    if (t == null || !t.isJsonPrimitive() || !t.getAsJsonPrimitive().isString()) {
      p.add("layer " + i + ": type missing or not a string");
      return null;
    }
    String type = t.getAsString();
    Fields f = new Fields(o, "layer " + i + " (" + type + ")", p);
    f.string("type", null);
    LayerSpec layer;
    switch (type) {
      case "conv2d" -> {
        int[] k = f.pair("kernel", null);
        int[] s = f.pair("stride", new int[] {1, 1});
        String pad = f.string("padding", "valid");
        LayerSpec.Padding padding;
        if ("same".equals(pad)) {
          padding = LayerSpec.Padding.SAME;
        } else {
          if (!"valid".equals(pad)) {
            f.problem("padding", "must be \"same\" or \"valid\", got \"" + pad + "\"");
          }
          padding = LayerSpec.Padding.VALID;
        }
        layer =
            new LayerSpec.Conv2d(
                f.integer("filters", null), k[0], k[1], s[0], s[1], padding, activation(f));
      }
      case "maxpool2d", "avgpool2d" -> {
        int[] q = f.pair("pool", null);
        int[] s = f.pair("stride", q);
        layer = new LayerSpec.Pool2d(type.equals("maxpool2d"), q[0], q[1], s[0], s[1]);
      }
      case "globalavgpool" -> layer = new LayerSpec.GlobalAvgPool();
      case "batchnorm" -> layer = new LayerSpec.BatchNorm();
      case "flatten" -> layer = new LayerSpec.Flatten();
      case "dropout" -> layer = new LayerSpec.Dropout(f.number("rate", null));
      case "dense" -> {
        JsonElement u = o.get("units");
        int units;
        if (u != null && u.isJsonPrimitive() && u.getAsJsonPrimitive().isString()) {
          f.string("units", null);
          if (!"classes".equals(u.getAsString())) {
            f.problem(
                "units",
                "must be a positive integer or \"classes\", got \"" + u.getAsString() + "\"");
          }
          units = LayerSpec.Dense.CLASSES;
        } else {
          units = f.integer("units", null);
        }
        layer = new LayerSpec.Dense(units, activation(f));
      }
      case "residual" ->
          layer = new LayerSpec.Residual(f.integer("filters", null), f.integer("stride", 1));
      default -> {
        p.add(
            "layer "
                + i
                + ": unknown type \""
                + type
                + "\" (expected conv2d, maxpool2d, avgpool2d, globalavgpool, batchnorm, dropout,"
                + " flatten, dense or residual)");
        return null;
      }
    }
    f.finish();
    return layer;
  }

  private static Activation activation(Fields f) {
    String name = f.string("activation", "none");
    Activation.Kind kind = null;
    for (Activation.Kind k : Activation.Kind.values()) {
      if (k.jsonName().equals(name)) {
        kind = k;
      }
    }
    if (kind == null) {
      f.problem(
          "activation",
          "unknown \"" + name + "\" (expected relu, leakyrelu, tanh, sigmoid, gelu, none)");
      kind = Activation.Kind.NONE;
    }
    if (kind == Activation.Kind.LEAKYRELU) {
      return new Activation(kind, f.number("alpha", Activation.DEFAULT_LEAKY_ALPHA));
    }
    return new Activation(kind, 0);
  }

  private static InitializerSpec initializer(Fields f) {
    String type = f.string("type", null);
    if (type == null) {
      return InitializerSpec.xavier();
    }
    return switch (type) {
      case "uniform" -> InitializerSpec.uniform(f.number("min", -0.05), f.number("max", 0.05));
      case "normal" -> InitializerSpec.normal(f.number("mean", 0.0), f.number("stddev", 0.05));
      case "xavier" -> InitializerSpec.xavier();
      case "he" -> InitializerSpec.he();
      default -> {
        f.problem("type", "unknown \"" + type + "\" (expected uniform, normal, xavier, he)");
        yield InitializerSpec.xavier();
      }
    };
  }

  private static OptimizerSpec optimizer(Fields f) {
    String type = f.string("type", null);
    OptimizerSpec.Kind kind = OptimizerSpec.Kind.ADAM;
    if ("sgd".equals(type)) {
      kind = OptimizerSpec.Kind.SGD;
    } else if (type != null && !"adam".equals(type)) {
      f.problem("type", "unknown \"" + type + "\" (expected adam, sgd)");
    }
    double lr = f.number("learningRate", kind == OptimizerSpec.Kind.ADAM ? 0.001 : 0.01);
    double momentum = 0;
    boolean nesterov = false;
    if (kind == OptimizerSpec.Kind.SGD) {
      momentum = f.number("momentum", 0.0);
      nesterov = f.bool("nesterov", false);
    }
    double wd = f.number("weightDecay", 0.0);
    OptimizerSpec.Schedule schedule = OptimizerSpec.Schedule.NONE;
    int stepSize = 0;
    double gamma = 0;
    Fields s = f.object("schedule", false);
    if (s != null) {
      String st = s.string("type", null);
      if ("step".equals(st)) {
        schedule = OptimizerSpec.Schedule.STEP;
        stepSize = s.integer("stepSize", null);
        gamma = s.number("gamma", 0.1);
      } else if ("cosine".equals(st)) {
        schedule = OptimizerSpec.Schedule.COSINE;
      } else if (st != null) {
        s.problem("type", "unknown \"" + st + "\" (expected step, cosine)");
      }
      s.finish();
    }
    return new OptimizerSpec(kind, lr, momentum, nesterov, wd, schedule, stepSize, gamma);
  }

  /** The canonical JSON form (every field written), which {@link #parse} reads back equal. */
  public static String toJson(CnnSpec spec) {
    JsonObject root = new JsonObject();
    JsonObject input = new JsonObject();
    input.addProperty("width", spec.input().width());
    input.addProperty("height", spec.input().height());
    input.addProperty("channels", spec.input().channels());
    root.add("input", input);
    JsonArray layers = new JsonArray();
    for (LayerSpec l : spec.layers()) {
      JsonObject o = new JsonObject();
      o.addProperty("type", l.type());
      if (l instanceof LayerSpec.Conv2d c) {
        o.addProperty("filters", c.filters());
        o.add("kernel", pair(c.kernelHeight(), c.kernelWidth()));
        o.add("stride", pair(c.strideHeight(), c.strideWidth()));
        o.addProperty("padding", c.padding().jsonName());
        activation(o, c.activation());
      } else if (l instanceof LayerSpec.Pool2d q) {
        o.add("pool", pair(q.poolHeight(), q.poolWidth()));
        o.add("stride", pair(q.strideHeight(), q.strideWidth()));
      } else if (l instanceof LayerSpec.Dropout d) {
        o.addProperty("rate", d.rate());
      } else if (l instanceof LayerSpec.Dense d) {
        if (d.units() == LayerSpec.Dense.CLASSES) {
          o.addProperty("units", "classes");
        } else {
          o.addProperty("units", d.units());
        }
        activation(o, d.activation());
      } else if (l instanceof LayerSpec.Residual r) {
        o.addProperty("filters", r.filters());
        o.addProperty("stride", r.stride());
      }
      layers.add(o);
    }
    root.add("layers", layers);
    JsonObject init = new JsonObject();
    InitializerSpec is = spec.initializer();
    init.addProperty("type", is.kind().jsonName());
    if (is.kind() == InitializerSpec.Kind.UNIFORM) {
      init.addProperty("min", is.a());
      init.addProperty("max", is.b());
    } else if (is.kind() == InitializerSpec.Kind.NORMAL) {
      init.addProperty("mean", is.a());
      init.addProperty("stddev", is.b());
    }
    root.add("initializer", init);
    OptimizerSpec os = spec.optimizer();
    JsonObject opt = new JsonObject();
    opt.addProperty("type", os.kind().jsonName());
    opt.addProperty("learningRate", os.learningRate());
    if (os.kind() == OptimizerSpec.Kind.SGD) {
      opt.addProperty("momentum", os.momentum());
      opt.addProperty("nesterov", os.nesterov());
    }
    opt.addProperty("weightDecay", os.weightDecay());
    if (os.schedule() != OptimizerSpec.Schedule.NONE) {
      JsonObject s = new JsonObject();
      s.addProperty("type", os.schedule().jsonName());
      if (os.schedule() == OptimizerSpec.Schedule.STEP) {
        s.addProperty("stepSize", os.stepSize());
        s.addProperty("gamma", os.gamma());
      }
      opt.add("schedule", s);
    }
    root.add("optimizer", opt);
    TrainingSpec ts = spec.training();
    JsonObject train = new JsonObject();
    train.addProperty("epochs", ts.epochs());
    train.addProperty("batchSize", ts.batchSize());
    train.addProperty("seed", ts.seed());
    train.addProperty("earlyStoppingPatience", ts.earlyStoppingPatience());
    root.add("training", train);
    AugmentationConfig a = spec.augmentation();
    JsonObject aug = new JsonObject();
    aug.addProperty("rotationRange", a.rotationRange());
    aug.addProperty("widthShiftRange", a.widthShiftRange());
    aug.addProperty("heightShiftRange", a.heightShiftRange());
    aug.addProperty("horizontalFlip", a.horizontalFlip());
    aug.addProperty("zoomRange", a.zoomRange());
    aug.addProperty("brightnessRange", a.brightnessRange());
    root.add("augmentation", aug);
    return new GsonBuilder().setPrettyPrinting().create().toJson(root);
  }

  private static void activation(JsonObject o, Activation a) {
    o.addProperty("activation", a.kind().jsonName());
    if (a.kind() == Activation.Kind.LEAKYRELU) {
      o.addProperty("alpha", a.alpha());
    }
  }

  private static JsonArray pair(int a, int b) {
    JsonArray arr = new JsonArray();
    arr.add(a);
    arr.add(b);
    return arr;
  }

  /** Reads one value, rejecting duplicate keys and nesting deeper than {@code maxDepth}. */
  private static JsonElement read(JsonReader r, int depth, int maxDepth)
      throws IOException, SpecException {
    JsonToken token = r.peek();
    switch (token) {
      case BEGIN_OBJECT, BEGIN_ARRAY -> {
        if (depth > maxDepth) {
          throw new SpecException(
              "document: nesting deeper than " + maxDepth + " levels at " + r.getPath());
        }
        if (token == JsonToken.BEGIN_ARRAY) {
          JsonArray a = new JsonArray();
          r.beginArray();
          while (r.hasNext()) {
            a.add(read(r, depth + 1, maxDepth));
          }
          r.endArray();
          return a;
        }
        JsonObject o = new JsonObject();
        Set<String> seen = new HashSet<>();
        r.beginObject();
        while (r.hasNext()) {
          String name = r.nextName();
          if (!seen.add(name)) {
            throw new SpecException("document: duplicate key \"" + name + "\" at " + r.getPath());
          }
          o.add(name, read(r, depth + 1, maxDepth));
        }
        r.endObject();
        return o;
      }
      case STRING -> {
        return new JsonPrimitive(r.nextString());
      }
      case NUMBER -> {
        return new JsonPrimitive(new java.math.BigDecimal(r.nextString()));
      }
      case BOOLEAN -> {
        return new JsonPrimitive(r.nextBoolean());
      }
      case NULL -> {
        r.nextNull();
        return JsonNull.INSTANCE;
      }
      default -> throw new SpecException("document: unexpected " + token + " at " + r.getPath());
    }
  }

  /** Typed access to one JSON object, recording problems and unknown fields. */
  private static final class Fields {
    private final JsonObject obj;
    private final String where;
    private final List<String> problems;
    private final Set<String> used = new HashSet<>();

    Fields(JsonObject obj, String where, List<String> problems) {
      this.obj = obj;
      this.where = where;
      this.problems = problems;
    }

    void problem(String field, String reason) {
      problems.add((where.isEmpty() ? "" : where + ": ") + field + " " + reason);
    }

    private JsonElement get(String field, boolean required) {
      used.add(field);
      JsonElement e = obj.get(field);
      if (e == null || e.isJsonNull()) {
        if (required) {
          problem(field, "is required");
        }
        return null;
      }
      return e;
    }

    Fields object(String field, boolean required) {
      JsonElement e = get(field, required);
      if (e == null) {
        return null;
      }
      if (!e.isJsonObject()) {
        problem(field, "must be an object");
        return null;
      }
      return new Fields(
          e.getAsJsonObject(), where.isEmpty() ? field : where + "." + field, problems);
    }

    JsonArray array(String field) {
      JsonElement e = get(field, true);
      if (e == null) {
        return null;
      }
      if (!e.isJsonArray()) {
        problem(field, "must be an array");
        return null;
      }
      return e.getAsJsonArray();
    }

    private Double numberOrNull(String field, boolean required) {
      JsonElement e = get(field, required);
      if (e == null) {
        return null;
      }
      if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
        problem(field, "must be a number, got " + e);
        return null;
      }
      return e.getAsDouble();
    }

    double number(String field, Double def) {
      Double v = numberOrNull(field, def == null);
      return v != null ? v : def != null ? def : 0;
    }

    long longValue(String field, Long def) {
      JsonElement e = get(field, def == null);
      if (e == null) {
        return def != null ? def : 0;
      }
      try {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
          throw new NumberFormatException();
        }
        return e.getAsBigDecimal().longValueExact();
      } catch (ArithmeticException | NumberFormatException ex) {
        problem(field, "must be an integer, got " + e);
        return 0;
      }
    }

    int integer(String field, Integer def) {
      JsonElement e = get(field, def == null);
      if (e == null) {
        return def != null ? def : 0;
      }
      return toInt(field, e);
    }

    private int toInt(String field, JsonElement e) {
      try {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
          throw new NumberFormatException();
        }
        return e.getAsBigDecimal().intValueExact();
      } catch (ArithmeticException | NumberFormatException ex) {
        problem(field, "must be an integer, got " + e);
        return 0;
      }
    }

    /** An int or a two-element [height, width] array. */
    int[] pair(String field, int[] def) {
      JsonElement e = get(field, def == null);
      if (e == null) {
        return def != null ? def : new int[] {0, 0};
      }
      if (e.isJsonArray()) {
        JsonArray a = e.getAsJsonArray();
        if (a.size() != 2) {
          problem(field, "must be [height, width], got " + e);
          return new int[] {0, 0};
        }
        return new int[] {toInt(field, a.get(0)), toInt(field, a.get(1))};
      }
      int v = toInt(field, e);
      return new int[] {v, v};
    }

    boolean bool(String field, boolean def) {
      JsonElement e = get(field, false);
      if (e == null) {
        return def;
      }
      if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
        problem(field, "must be true or false, got " + e);
        return def;
      }
      return e.getAsBoolean();
    }

    String string(String field, String def) {
      JsonElement e = get(field, false);
      if (e == null) {
        return def;
      }
      if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
        problem(field, "must be a string, got " + e);
        return def;
      }
      return e.getAsString();
    }

    void finish() {
      for (String key : obj.keySet()) {
        if (!used.contains(key)) {
          problem(key, "is not a known field");
        }
      }
    }
  }
}
