package org.pathlab.scenario;

import com.typesafe.config.ConfigValue;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/** Small helpers for HOCON paths and for showing values in generated arm names. */
final class ConfigUtil {

  private ConfigUtil() {}

  /** {@code "per-task"."learning-rate"} → {@code per-task.learning-rate}. */
  static String unquote(String path) {
    return path.replace("\"", "");
  }

  /**
   * A value as it reads in an arm name: 0.001, yes/no, lists joined by "/"; a task ({@code { blur
   * = 0.5 }}) as "blur 0.5", the target ({@code {}}) as "sharp", and a list of tasks joined by arrows.
   */
  static String format(ConfigValue v) {
    return format(v.unwrapped());
  }

  private static String format(Object o) {
    if (o instanceof Number n) return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
    if (o instanceof Boolean b) return b ? "yes" : "no";
    if (o instanceof java.util.Map<?, ?> task) {
      if (task.isEmpty()) return "sharp";
      return task.entrySet().stream().map(e -> e.getKey() + " " + format(e.getValue())).collect(Collectors.joining(" + "));
    }
    if (o instanceof List<?> list) {
      boolean tasks = !list.isEmpty() && list.stream().allMatch(x -> x instanceof java.util.Map<?, ?>);
      return list.stream().map(ConfigUtil::format).collect(Collectors.joining(tasks ? " → " : "/"));
    }
    return String.valueOf(o);
  }
}
