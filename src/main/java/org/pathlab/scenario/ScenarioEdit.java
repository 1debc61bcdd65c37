package org.pathlab.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderClasspath;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigIncluderURL;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scenario changed by {@code KEY=VALUE} overrides, for forking an experiment: {@code KEY} is a
 * HOCON path whose parts may index a list ({@code arms[1].per-task.learning-rate}), {@code VALUE} a
 * HOCON value ({@code 0.02}, {@code [1e-3, 2e-3]}, {@code blur}, {@code { name = x }}). The result
 * is the scenario's text rendered anew (comments are not kept), headed by where it came from, and
 * carrying {@code forked-from}; the parser then checks it like any scenario, so a key that does not
 * exist or a value out of range is refused by name.
 */
public final class ScenarioEdit {

  private static final Pattern PART = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

  private ScenarioEdit() {}

  /** {@code text} with every override applied, in order; {@code from} is recorded as {@code forked-from}. */
  public static String apply(String text, String from, List<String> overrides) {
    Config root = ScenarioText.parse(text, from + " (the submitted scenario)", ScenarioLimits.DEFAULTS);
    ConfigObject edited = root.root();
    for (String override : overrides) {
      if (override.indexOf('\n') >= 0 || override.indexOf('\r') >= 0) {
        // a line break would write a line of its own into the recorded scenario's header
        throw new IllegalArgumentException("--set " + override.lines().findFirst().orElse("") + "…: holds a line break; give one "
            + "KEY=VALUE per --set");
      }
      int eq = override.indexOf('=');
      if (eq <= 0) throw new IllegalArgumentException("--set " + override + ": write KEY=VALUE, e.g. training.learning-rate=0.02");
      String key = override.substring(0, eq).strip();
      edited = (ConfigObject) set(edited, parts(key, override), 0, value(override.substring(eq + 1).strip()), key);
    }
    edited = edited.withValue("forked-from", ConfigValueFactory.fromAnyRef(from));
    String body = edited.render(ConfigRenderOptions.defaults().setOriginComments(false).setComments(false).setJson(false)
        .setFormatted(true));
    return "# forked from experiment " + from + (overrides.isEmpty() ? "" : " with --set " + String.join(" --set ", overrides)) + "\n"
        + body;
  }

  private static List<Object> parts(String key, String override) {
    List<Object> parts = new ArrayList<>();
    Matcher m = PART.matcher(key);
    int at = 0;
    while (m.find()) {
      if (m.start() != at && !(key.charAt(at) == '.' && m.start() == at + 1)) break;
      parts.add(m.group(1) != null ? m.group(1) : Integer.valueOf(m.group(2)));
      at = m.end();
    }
    if (at != key.length() || parts.isEmpty()) {
      throw new IllegalArgumentException("--set " + override + ": '" + key + "' is not a key path; write e.g. training.learning-rate "
          + "or arms[1].per-task.learning-rate");
    }
    return parts;
  }

  /**
   * The value as HOCON ({@code 0.02}, {@code [1, 2]}, {@code { a = 1 }}), or as a string where it is
   * not HOCON. An {@code include} is refused, never followed: a value is data, as a scenario is.
   */
  private static ConfigValue value(String text) {
    try {
      return ConfigFactory.parseString("v = " + text, ConfigParseOptions.defaults().setIncluder(NoIncludes.INSTANCE)).getValue("v");
    } catch (ConfigException e) {
      return ConfigValueFactory.fromAnyRef(text);
    }
  }

  /** Refuses every include (plain, file(), url(), classpath()) before anything is read. */
  private enum NoIncludes implements ConfigIncluder, ConfigIncluderFile, ConfigIncluderURL, ConfigIncluderClasspath {
    INSTANCE;

    private static ConfigObject refuse() {
      throw new IllegalArgumentException("--set: a value may not include a file or a URL; write the value itself");
    }

    @Override
    public ConfigIncluder withFallback(ConfigIncluder fallback) {
      return this;
    }

    @Override
    public ConfigObject include(ConfigIncludeContext context, String what) {
      return refuse();
    }

    @Override
    public ConfigObject includeFile(ConfigIncludeContext context, java.io.File file) {
      return refuse();
    }

    @Override
    public ConfigObject includeURL(ConfigIncludeContext context, java.net.URL url) {
      return refuse();
    }

    @Override
    public ConfigObject includeResources(ConfigIncludeContext context, String what) {
      return refuse();
    }
  }

  private static ConfigValue set(ConfigValue node, List<Object> parts, int i, ConfigValue value, String key) {
    if (i == parts.size()) return value;
    Object part = parts.get(i);
    String here = describe(parts, i);
    if (part instanceof String name) {
      if (node != null && node.valueType() != ConfigValueType.OBJECT) {
        throw new IllegalArgumentException("--set " + key + ": " + here + " is a " + node.valueType().name().toLowerCase()
            + ", not an object with keys");
      }
      ConfigObject object = node == null ? ConfigFactory.empty().root() : (ConfigObject) node;
      return object.withValue(name, set(object.get(name), parts, i + 1, value, key));
    }
    int index = (Integer) part;
    if (node == null || node.valueType() != ConfigValueType.LIST) {
      throw new IllegalArgumentException("--set " + key + ": " + here + " is " + (node == null ? "not in the scenario" : "not a list"));
    }
    ConfigList list = (ConfigList) node;
    if (index >= list.size()) {
      throw new IllegalArgumentException("--set " + key + ": " + here + " has " + list.size() + " entries (indices 0 to "
          + (list.size() - 1) + ")");
    }
    List<ConfigValue> items = new ArrayList<>(list);
    items.set(index, set(items.get(index), parts, i + 1, value, key));
    return ConfigValueFactory.fromIterable(items);
  }

  /** The path up to part {@code i}, for messages: {@code arms}, {@code arms[1].per-task}. */
  private static String describe(List<Object> parts, int i) {
    StringBuilder s = new StringBuilder();
    for (int k = 0; k < i; k++) {
      Object p = parts.get(k);
      if (p instanceof Integer n) s.append('[').append(n).append(']');
      else s.append(s.length() > 0 ? "." : "").append(p);
    }
    return s.length() == 0 ? "the scenario" : s.toString();
  }
}
