package io.visiongrade.engine.eval;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** JSON form of an {@link EvaluationResult}, as written to {@code metrics.json} and by the CLI. */
public final class EvaluationJson {
  private EvaluationJson() {}

  public static JsonObject toJson(EvaluationResult r) {
    JsonObject o = new JsonObject();
    o.addProperty("count", r.count());
    o.addProperty("accuracy", r.accuracy());
    o.addProperty("topK", r.topK());
    o.addProperty("topKAccuracy", r.topKAccuracy());
    o.addProperty("macroF1", r.macroF1());
    if (!Double.isNaN(r.meanLoss())) {
      o.addProperty("meanLoss", r.meanLoss());
    }
    JsonArray classes = new JsonArray();
    for (ClassMetrics c : r.perClass()) {
      JsonObject m = new JsonObject();
      m.addProperty("class", c.className());
      m.addProperty("precision", c.precision());
      m.addProperty("recall", c.recall());
      m.addProperty("f1", c.f1());
      m.addProperty("support", c.support());
      classes.add(m);
    }
    o.add("perClass", classes);
    JsonArray confusion = new JsonArray();
    for (int[] row : r.confusion()) {
      JsonArray a = new JsonArray();
      for (int v : row) {
        a.add(v);
      }
      confusion.add(a);
    }
    o.add("confusionMatrix", confusion);
    JsonArray wrong = new JsonArray();
    r.misclassifiedIds().forEach(wrong::add);
    o.add("misclassifiedIds", wrong);
    return o;
  }
}
