package org.pathlab.scenario;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How large a parsed scenario becomes once its {@code ${}} substitutions are resolved, computed
 * on the unresolved tree without resolving it. The resolver copies a value for every reference
 * to it, so 26 lines of {@code x2 = ${x1}${x1}} make 2 GB: the bound must come before resolving,
 * not after. Each value's resolved size is its own text plus the resolved sizes of the values it
 * refers to, memoised, in saturating arithmetic; an estimate from above (a {@code ${}} inside a
 * quoted string counts too), exact for the doubling that matters.
 */
final class Expansion {

  private static final Pattern REFERENCE = Pattern.compile("\\$\\{\\??([^}]*)}");
  private static final ConfigRenderOptions CONCISE = ConfigRenderOptions.concise().setJson(false);

  private final ConfigObject root;
  private final long cap;
  private final Map<String, Long> sizes = new HashMap<>();
  private final Set<String> open = new HashSet<>();

  private Expansion(ConfigObject root, long cap) {
    this.root = root;
    this.cap = cap;
  }

  /**
   * The resolved size of {@code root} in characters, or a number above {@code cap} as soon as it
   * is certain to exceed it.
   */
  static long resolvedSize(ConfigObject root, long cap) {
    return new Expansion(root, cap).size(render(root));
  }

  private long size(String text) {
    long total = text.length();
    Matcher m = REFERENCE.matcher(text);
    while (m.find() && total <= cap) {
      total = add(total, referenced(m.group(1).trim()));
    }
    return total;
  }

  /** The resolved size of the value at {@code path}; 0 where it is not there (the resolver names it). */
  private long referenced(String path) {
    Long known = sizes.get(path);
    if (known != null) return known;
    // a value that refers to itself (a += b, a = ${a} [..]) means its earlier value: counted as written
    if (!open.add(path)) return path.length();
    ConfigValue value = at(path);
    long size = value == null ? 0 : size(render(value));
    open.remove(path);
    sizes.put(path, size);
    return size;
  }

  private ConfigValue at(String path) {
    List<String> keys;
    try {
      keys = ConfigUtil.splitPath(path);
    } catch (ConfigException e) {
      return null;
    }
    ConfigValue value = root;
    for (String key : keys) {
      if (!(value instanceof ConfigObject object)) return null;
      try {
        value = object.get(key);
      } catch (ConfigException e) {
        return null; // an object made of substitutions: its parts are counted where it is written
      }
      if (value == null) return null;
    }
    return value;
  }

  private long add(long a, long b) {
    long sum = a + b;
    return sum < 0 || sum > cap ? cap + 1 : sum;
  }

  private static String render(ConfigValue value) {
    try {
      return value.render(CONCISE);
    } catch (ConfigException e) {
      return "";
    }
  }
}
