package org.pathlab.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Typed reads from a scenario's HOCON that record a problem (file, line, key, what is allowed)
 * instead of throwing, so that one pass reports every problem of a file.
 */
final class ConfigReader {

  private final String origin;
  private final List<String> problems = new ArrayList<>();

  ConfigReader(String origin) {
    this.origin = origin;
  }

  List<String> problems() {
    return problems;
  }

  boolean ok() {
    return problems.isEmpty();
  }

  void problem(int line, String key, String message) {
    problems.add(origin + ":" + (line > 0 ? line : "?") + ": " + key + ": " + message);
  }

  void problem(ConfigValue at, String key, String message) {
    problem(at == null ? -1 : at.origin().lineNumber(), key, message);
  }

  static int line(Config c, String key) {
    return c.hasPath(key) ? c.getValue(key).origin().lineNumber() : c.origin().lineNumber();
  }

  void unknownKeys(ConfigObject object, Set<String> known, String prefix) {
    for (String key : object.keySet()) {
      if (!known.contains(key)) {
        problem(object.get(key), prefix + key, "unknown key; allowed here: " + known.stream().sorted().toList());
      }
    }
  }

  Config object(Config parent, String key, String fullKey) {
    try {
      return parent.getConfig(key);
    } catch (ConfigException.WrongType e) {
      problem(parent.getValue(key), fullKey, "must be an object { ... }");
      return null;
    }
  }

  String string(Config c, String key, String fullKey) {
    ConfigValue v = c.getValue(key);
    if (v.valueType() != ConfigValueType.STRING && v.valueType() != ConfigValueType.NUMBER) {
      problem(v, fullKey, "must be a string");
      return null;
    }
    String text = c.getString(key);
    String control = Tags.controlProblem(text);
    if (control != null) {
      problem(v, fullKey, control);
      return null;
    }
    return text;
  }

  /** A required (fallback null) or optional choice among {@code allowed}. */
  String choice(Config c, String key, String fullKey, String fallback, List<String> allowed) {
    if (!c.hasPath(key)) {
      if (fallback == null) problem(c.origin().lineNumber(), fullKey, "missing; use one of " + allowed);
      return fallback;
    }
    String value = string(c, key, fullKey);
    if (value != null && !allowed.contains(value)) {
      problem(c.getValue(key), fullKey, "unknown value '" + value + "'; use one of " + allowed);
      return null;
    }
    return value;
  }

  Long wholeNumber(ConfigValue v, String fullKey) {
    if (v.valueType() != ConfigValueType.NUMBER) {
      problem(v, fullKey, "must be a whole number, got " + v.render());
      return null;
    }
    double d = ((Number) v.unwrapped()).doubleValue();
    if (d != Math.rint(d) || Math.abs(d) > 9e15) {
      problem(v, fullKey, "is " + v.render() + "; use a whole number");
      return null;
    }
    return (long) d;
  }

  Double number(ConfigValue v, String fullKey) {
    if (v.valueType() != ConfigValueType.NUMBER) {
      problem(v, fullKey, "must be a number, got " + v.render());
      return null;
    }
    return ((Number) v.unwrapped()).doubleValue();
  }

  Boolean bool(ConfigValue v, String fullKey) {
    if (v.valueType() == ConfigValueType.BOOLEAN) return (Boolean) v.unwrapped();
    if (v.valueType() == ConfigValueType.STRING) {
      String s = (String) v.unwrapped();
      if (s.equals("yes") || s.equals("on")) return true;
      if (s.equals("no") || s.equals("off")) return false;
    }
    problem(v, fullKey, "must be true/false (or yes/no), got " + v.render());
    return null;
  }

  /** An integer in [min, max] or the fallback (with a problem) when absent-or-invalid. */
  int integer(Config c, String key, String fullKey, int fallback, long min, long max, String what) {
    if (!c.hasPath(key)) return fallback;
    Long v = wholeNumber(c.getValue(key), fullKey);
    if (v == null) return fallback;
    if (v < min || v > max) {
      problem(c.getValue(key), fullKey, "is " + v + "; " + what);
      return fallback;
    }
    return v.intValue();
  }

  /** A number satisfying {@code check}, or the fallback (with a problem). */
  double real(Config c, String key, String fullKey, double fallback, java.util.function.DoublePredicate check, String what) {
    if (!c.hasPath(key)) return fallback;
    Double v = number(c.getValue(key), fullKey);
    if (v == null) return fallback;
    if (!check.test(v) || Double.isNaN(v) || Double.isInfinite(v)) {
      problem(c.getValue(key), fullKey, "is " + v + "; " + what);
      return fallback;
    }
    return v;
  }

  /** A list value, or null with a problem when it is not a list. */
  List<ConfigValue> list(Config c, String key, String fullKey, String example) {
    ConfigValue v = c.getValue(key);
    if (v.valueType() != ConfigValueType.LIST) {
      problem(v, fullKey, "must be a list, e.g. " + example);
      return null;
    }
    return new ArrayList<>(c.getList(key));
  }
}
