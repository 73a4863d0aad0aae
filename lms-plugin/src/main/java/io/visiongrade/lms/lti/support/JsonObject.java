package io.visiongrade.lms.lti.support;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A read-only view over a parsed JSON object with typed, {@link Optional}-returning getters. A
 * member of the wrong type counts as a type error ({@link JsonTypeException}), never as absent.
 */
public final class JsonObject {

  private final Map<String, Object> members;

  public JsonObject(Map<String, Object> members) {
    this.members = Collections.unmodifiableMap(Objects.requireNonNull(members, "members"));
  }

  /** Parses a JSON object; throws {@link ParseException} for anything else. */
  public static JsonObject parse(String json) throws ParseException {
    if (json == null) {
      throw new ParseException("no JSON document", 0);
    }
    return new JsonObject(JSONObjectUtils.parse(json));
  }

  /** Parses a JSON array of objects; throws {@link ParseException} for anything else. */
  public static List<JsonObject> parseArrayOfObjects(String json) throws ParseException {
    if (json == null) {
      throw new ParseException("no JSON document", 0);
    }
    List<JsonObject> out = new ArrayList<>();
    for (Object o : JSONArrayUtils.parse(json)) {
      if (!(o instanceof Map)) {
        throw new ParseException("array element is not an object", 0);
      }
      out.add(new JsonObject(castMap(o)));
    }
    return out;
  }

  public Map<String, Object> asMap() {
    return members;
  }

  public boolean has(String name) {
    return members.containsKey(name) && members.get(name) != null;
  }

  public Optional<String> string(String name) {
    Object v = members.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof String s)) {
      throw new JsonTypeException(name, "a string");
    }
    return Optional.of(s);
  }

  /** A string member, or a number/boolean member written as a string. */
  public Optional<String> text(String name) {
    Object v = members.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof String || v instanceof Number || v instanceof Boolean) {
      return Optional.of(numberText(v));
    }
    throw new JsonTypeException(name, "a string");
  }

  public Optional<Boolean> bool(String name) {
    Object v = members.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof Boolean b)) {
      throw new JsonTypeException(name, "true or false");
    }
    return Optional.of(b);
  }

  public Optional<Double> number(String name) {
    Object v = members.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof Number n)) {
      throw new JsonTypeException(name, "a number");
    }
    return Optional.of(n.doubleValue());
  }

  public Optional<JsonObject> object(String name) {
    Object v = members.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof Map)) {
      throw new JsonTypeException(name, "an object");
    }
    return Optional.of(new JsonObject(castMap(v)));
  }

  /** An array of strings; a single string counts as a one-element array. */
  public Optional<List<String>> strings(String name) {
    Object v = members.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof String s) {
      return Optional.of(List.of(s));
    }
    if (!(v instanceof List<?> list)) {
      throw new JsonTypeException(name, "an array of strings");
    }
    List<String> out = new ArrayList<>(list.size());
    for (Object o : list) {
      if (!(o instanceof String s)) {
        throw new JsonTypeException(name, "an array of strings");
      }
      out.add(s);
    }
    return Optional.of(List.copyOf(out));
  }

  public Optional<List<JsonObject>> objects(String name) {
    Object v = members.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof List<?> list)) {
      throw new JsonTypeException(name, "an array of objects");
    }
    List<JsonObject> out = new ArrayList<>(list.size());
    for (Object o : list) {
      if (!(o instanceof Map)) {
        throw new JsonTypeException(name, "an array of objects");
      }
      out.add(new JsonObject(castMap(o)));
    }
    return Optional.of(List.copyOf(out));
  }

  /** An object whose values are written as strings (for LTI custom parameters). */
  public Optional<Map<String, String>> stringMap(String name) {
    Optional<JsonObject> obj = object(name);
    if (obj.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> out = new LinkedHashMap<>();
    obj.get()
        .members
        .forEach(
            (k, v) -> {
              if (v != null) {
                out.put(k, v instanceof Map || v instanceof List ? toJson(v) : numberText(v));
              }
            });
    return Optional.of(Collections.unmodifiableMap(out));
  }

  public String toJson() {
    return JSONObjectUtils.toJSONString(members);
  }

  @Override
  public String toString() {
    return toJson();
  }

  private static String toJson(Object v) {
    if (v instanceof Map) {
      return JSONObjectUtils.toJSONString(castMap(v));
    }
    return JSONArrayUtils.toJSONString((List<?>) v);
  }

  private static String numberText(Object v) {
    if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
      return Long.toString(d.longValue());
    }
    return String.valueOf(v);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object o) {
    return (Map<String, Object>) o;
  }

  /** A JSON member was present with the wrong type. */
  public static final class JsonTypeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String member;

    public JsonTypeException(String member, String expected) {
      super("member \"" + member + "\" must be " + expected);
      this.member = member;
    }

    public String member() {
      return member;
    }
  }
}
