package org.pathlab.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pathlab.path.LearningProcess;

/**
 * Reads a scenario's arms: those of {@code arms}, one by one, and those of {@code arm-grid}, each
 * a template expanded over the cross product of its {@code vary} values (refused before expanding
 * when the product exceeds the limits). Names are unique, exactly one arm is the baseline, and
 * every {@code control} names an arm.
 */
final class ArmList {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)}");

  private final ConfigReader r;
  private final ArmParser parser;
  private final ScenarioLimits limits;

  ArmList(ConfigReader reader, ArmParser parser, ScenarioLimits limits) {
    this.r = reader;
    this.parser = parser;
    this.limits = limits;
  }

  /** The arms of {@code arms} and {@code arm-grid}, each checked; exactly one baseline; controls that name arms. */
  List<Arm> read(Config root, LearningProcess defaults) {
    List<Arm> result = new ArrayList<>();
    if (!root.hasPath("arms") && !root.hasPath("arm-grid")) {
      r.problem(root.origin().lineNumber(), "arms",
          "missing; list at least a baseline arm: arms = [{ name = baseline, path = baseline }]");
      return result;
    }
    Map<String, ConfigValue> names = new LinkedHashMap<>();
    if (root.hasPath("arms")) {
      List<ConfigValue> list = r.list(root, "arms", "arms", "[{ name = baseline, path = baseline }]");
      if (list != null && list.size() > limits.maxArms()) {
        r.problem(root.getValue("arms"), "arms", "lists " + list.size() + " arms; at most " + limits.maxArms()
            + " are accepted (pathlab.scenario-limits.max-arms)");
        return result;
      }
      for (int i = 0; list != null && i < list.size(); i++) {
        String label = "arms[" + i + "]";
        Config a = asObject(list.get(i), label);
        if (a == null) continue;
        String name = armName(a, label);
        if (name == null) continue;
        if (unique(names, name, a.getValue("name"), label)) {
          Arm arm = parser.arm(a, label, name, defaults);
          if (arm != null) result.add(arm);
        }
      }
    }
    if (root.hasPath("arm-grid")) {
      List<ConfigValue> grids = r.list(root, "arm-grid", "arm-grid", "[{ name = \"N = {steps}\", path = discretize, transform = blur, vary { steps = [2, 4] } }]");
      for (int i = 0; grids != null && i < grids.size(); i++) {
        grid(grids.get(i), "arm-grid[" + i + "]", defaults, names, result, null);
      }
    }
    if (result.size() > limits.maxArms()) {
      r.problem(ConfigReader.line(root, root.hasPath("arms") ? "arms" : "arm-grid"), "arms", "the scenario declares "
          + result.size() + " arms; at most " + limits.maxArms() + " are accepted (pathlab.scenario-limits.max-arms)");
      return result;
    }
    long baselines = result.stream().filter(Arm::baseline).count();
    if (baselines != 1 && r.ok()) {
      r.problem(ConfigReader.line(root, root.hasPath("arms") ? "arms" : "arm-grid"), "arms",
          "found " + baselines + " baseline arms; exactly one arm must have path = baseline (the target task alone)");
    }
    if (r.ok()) parser.controls(result, ConfigReader.line(root, root.hasPath("arms") ? "arms" : "arm-grid"));
    return result;
  }

  private Config asObject(ConfigValue v, String label) {
    if (v.valueType() != ConfigValueType.OBJECT) {
      r.problem(v, label, "must be an object like { name = ..., path = jump, transform = blur }");
      return null;
    }
    return ((ConfigObject) v).toConfig();
  }

  private String armName(Config a, String label) {
    if (!a.hasPath("name")) {
      r.problem(a.origin().lineNumber(), label + ".name", "missing; give every arm a name");
      return null;
    }
    String name = r.string(a, "name", label + ".name");
    if (name != null && name.isBlank()) {
      r.problem(a.getValue("name"), label + ".name", "is blank; give every arm a name");
      return null;
    }
    return name;
  }

  private boolean unique(Map<String, ConfigValue> names, String name, ConfigValue at, String label) {
    ConfigValue first = names.putIfAbsent(name, at);
    if (first != null) {
      r.problem(at, label + ".name", "'" + name + "' is also the name of the arm at line "
          + first.origin().lineNumber() + "; arm names must be unique");
      return false;
    }
    return true;
  }

  /** A cross product: the template arm once per combination of the values in {@code vary}. */
  private void grid(ConfigValue value, String label, LearningProcess defaults, Map<String, ConfigValue> names, List<Arm> out,
      List<String> texts) {
    Config g = asObject(value, label);
    if (g == null) return;
    Set<String> allowed = new HashSet<>(ArmParser.ARM_KEYS);
    allowed.add("vary");
    r.unknownKeys(g.root(), allowed, label + ".");
    String template = armName(g, label);
    if (!g.hasPath("vary")) {
      r.problem(g.origin().lineNumber(), label + ".vary", "missing; say what to vary, e.g. vary { steps = [2, 4, 6] }");
      return;
    }
    Config vary = r.object(g, "vary", label + ".vary");
    if (template == null || vary == null) return;
    Map<String, List<ConfigValue>> axes = new LinkedHashMap<>();
    for (var e : vary.entrySet()) {
      String key = ConfigUtil.unquote(e.getKey());
      List<ConfigValue> values = r.list(vary, e.getKey(), label + ".vary." + key, "[2, 4, 6]");
      if (values == null) continue;
      if (values.isEmpty()) {
        r.problem(e.getValue(), label + ".vary." + key, "is empty; list at least one value");
        continue;
      }
      axes.put(e.getKey(), values);
    }
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      if (!axes.containsKey(m.group(1))) {
        r.problem(g.getValue("name"), label + ".name", "uses {" + m.group(1) + "}, which is not a key of vary " + axes.keySet());
        return;
      }
    }
    if (axes.isEmpty() || axes.size() != vary.entrySet().size()) return;
    long product = 1;
    for (List<ConfigValue> values : axes.values()) product = Math.min(Long.MAX_VALUE / 2, product * values.size());
    if (product + names.size() > limits.maxArms()) {
      // refused before expanding: a few lines of grid must not cost the server the product's worth of work
      r.problem(g.getValue("vary"), label + ".vary", "expands to " + product + " arms; at most " + limits.maxArms()
          + " arms are accepted in all (pathlab.scenario-limits.max-arms)");
      return;
    }
    List<Map<String, ConfigValue>> combos = new ArrayList<>();
    combos.add(new LinkedHashMap<>());
    for (var axis : axes.entrySet()) {
      List<Map<String, ConfigValue>> next = new ArrayList<>();
      for (Map<String, ConfigValue> combo : combos) {
        for (ConfigValue v : axis.getValue()) {
          Map<String, ConfigValue> c = new LinkedHashMap<>(combo);
          c.put(axis.getKey(), v);
          next.add(c);
        }
      }
      combos = next;
    }
    Config base = g.withoutPath("vary").withoutPath("name");
    for (Map<String, ConfigValue> combo : combos) {
      Config arm = base;
      StringBuilder where = new StringBuilder();
      for (var e : combo.entrySet()) {
        arm = arm.withValue(e.getKey(), e.getValue());
        where.append(where.length() == 0 ? "" : ", ").append(e.getKey()).append(" = ").append(e.getValue().render());
      }
      String name = PLACEHOLDER.matcher(template).replaceAll(x -> Matcher.quoteReplacement(ConfigUtil.format(combo.get(x.group(1)))));
      if (arm.hasPath("control") && arm.getValue("control").valueType() == ConfigValueType.STRING) {
        // control = "repeat N = {steps}": the same placeholders as the name
        String control = PLACEHOLDER.matcher(arm.getString("control")).replaceAll(x -> Matcher.quoteReplacement(
            combo.containsKey(x.group(1)) ? ConfigUtil.format(combo.get(x.group(1))) : x.group()));
        arm = arm.withValue("control", com.typesafe.config.ConfigValueFactory.fromAnyRef(control).withOrigin(arm.getValue("control").origin()));
      }
      String armLabel = label + " (" + where + ")";
      if (unique(names, name, g.getValue("name"), armLabel)) {
        Arm a = parser.arm(arm, armLabel, name, defaults);
        if (a != null) out.add(a);
        if (a != null && texts != null) texts.add(single(g, combo));
      }
    }
  }

  /**
   * A search's space ({@code search.space}): arm-grid entries, each expanded like {@code arm-grid},
   * with names unique among themselves and the scenario's arms ({@code taken}). Each candidate keeps
   * the grid entry that names it alone (every {@code vary} list cut to its one value), so that it can
   * be written back into an ordinary scenario.
   */
  List<SearchSpec.Candidate> space(List<ConfigValue> entries, String label, LearningProcess defaults, List<Arm> taken) {
    Map<String, ConfigValue> names = new LinkedHashMap<>();
    for (Arm arm : taken) names.put(arm.name(), com.typesafe.config.ConfigValueFactory.fromAnyRef(arm.name()));
    List<Arm> arms = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      grid(entries.get(i), label + "[" + i + "]", defaults, names, arms, texts);
      if (arms.size() > limits.maxArms()) break;
    }
    List<SearchSpec.Candidate> candidates = new ArrayList<>();
    for (int i = 0; i < arms.size() && i < texts.size(); i++) {
      if (arms.get(i).baseline()) {
        r.problem(entries.get(0), label, "candidate '" + arms.get(i).name() + "' is the target task alone; the baseline is the scenario's own arm");
      }
      candidates.add(new SearchSpec.Candidate(arms.get(i), texts.get(i)));
    }
    return candidates;
  }

  /** The grid entry {@code g} with each {@code vary} list cut to its value in {@code combo}: the entry of one arm. */
  private static String single(Config g, Map<String, ConfigValue> combo) {
    Map<String, Object> vary = new LinkedHashMap<>();
    for (var e : combo.entrySet()) vary.put(e.getKey(), java.util.Collections.singletonList(e.getValue().unwrapped()));
    Config one = g.withoutPath("vary").withValue("vary", com.typesafe.config.ConfigFactory.parseMap(vary).root());
    return one.root().render(com.typesafe.config.ConfigRenderOptions.concise().setJson(false));
  }
}
