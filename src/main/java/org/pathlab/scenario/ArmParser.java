package org.pathlab.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pathlab.path.LearningPath;
import org.pathlab.path.LearningProcess;
import org.pathlab.path.PathGenerators;
import org.pathlab.path.Step;
import org.pathlab.path.Task;
import org.pathlab.transform.Transforms;

/** Reads one arm: its path generator and tasks, and the learning process of each task. */
final class ArmParser {

  static final Set<String> ARM_KEYS =
      Set.of("name", "path", "transform", "transforms", "steps", "tasks", "training", "per-task", "control");
  static final Set<String> TRAINING_KEYS = Set.of(
      "learning-rate", "momentum", "weight-decay", "batch-size", "max-epochs", "patience", "bias-reset",
      "bias-reset-delta");
  static final Set<String> PER_TASK_KEYS = Set.of(
      "learning-rate", "momentum", "weight-decay", "batch-size", "max-epochs", "patience", "bias-reset");

  private final ConfigReader r;

  ArmParser(ConfigReader reader) {
    this.r = reader;
  }

  /** The learning process in {@code parent.key}, each missing key inherited. */
  LearningProcess training(Config parent, String key, String label, LearningProcess inherited) {
    if (!parent.hasPath(key)) return inherited;
    Config t = r.object(parent, key, label);
    if (t == null) return inherited;
    String p = label + ".";
    java.util.Set<String> known = new java.util.HashSet<>(TRAINING_KEYS);
    known.add("precision"); // the scenario's alone: read by the parser; refused in an arm below
    r.unknownKeys(t.root(), known, p);
    if (!label.equals("training") && t.hasPath("precision")) {
      r.problem(t.getValue("precision"), p + "precision", "is the experiment's, not an arm's: set it once in the scenario's "
          + "training block (arms trained in different precisions would differ in more than their paths)");
    }
    boolean reset = inherited.biasReset();
    if (t.hasPath("bias-reset")) {
      Boolean b = r.bool(t.getValue("bias-reset"), p + "bias-reset");
      if (b != null) reset = b;
    }
    return new LearningProcess(
        r.real(t, "learning-rate", p + "learning-rate", inherited.learningRate(), x -> x > 0, "use a number > 0"),
        r.real(t, "momentum", p + "momentum", inherited.momentum(), x -> x >= 0 && x < 1, "use a number in [0, 1)"),
        r.real(t, "weight-decay", p + "weight-decay", inherited.weightDecay(), x -> x >= 0, "use a number ≥ 0"),
        r.integer(t, "batch-size", p + "batch-size", inherited.batchSize(), 1, 1 << 20, "use an integer ≥ 1"),
        r.integer(t, "max-epochs", p + "max-epochs", inherited.maxEpochs(), 1, 100_000, "use an integer ≥ 1"),
        r.integer(t, "patience", p + "patience", inherited.patience(), 1, 100_000, "use an integer ≥ 1"),
        reset,
        r.real(t, "bias-reset-delta", p + "bias-reset-delta", inherited.biasResetDelta(), x -> x != 0,
            "use a non-zero number (the paper's δ is 0.01)"));
  }

  /** The arm, or null when it has problems (which are recorded). */
  Arm arm(Config a, String label, String name, LearningProcess defaults) {
    int before = r.problems().size();
    r.unknownKeys(a.root(), ARM_KEYS, label + ".");
    String generator = r.choice(a, "path", label + ".path", null, PathGenerators.NAMES);
    if (generator == null) return null;
    List<Task> tasks = tasks(a, label, generator);
    LearningProcess base = training(a, "training", label + ".training", defaults);
    if (tasks == null || r.problems().size() > before) return null;
    List<LearningProcess> processes = perTask(a, label, base, tasks.size());
    if (processes == null || r.problems().size() > before) return null;
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) steps.add(new Step(tasks.get(i), processes.get(i)));
    String control = a.hasPath("control") ? r.string(a, "control", label + ".control") : null;
    if (r.problems().size() > before) return null;
    return new Arm(name, generator.equals(PathGenerators.BASELINE), new LearningPath(steps), control);
  }

  /** Every arm's {@code control} names another arm of the scenario. */
  void controls(List<Arm> arms, int line) {
    List<String> names = arms.stream().map(Arm::name).toList();
    for (Arm arm : arms) {
      if (arm.control() == null) continue;
      if (arm.control().equals(arm.name())) {
        r.problem(line, "arms", "arm '" + arm.name() + "' names itself as its control; name another arm, e.g. a path = repeat arm");
      } else if (!names.contains(arm.control())) {
        r.problem(line, "arms", "arm '" + arm.name() + "' names control '" + arm.control() + "', which is not an arm of this "
            + "scenario; its arms are " + names);
      }
    }
  }

  private List<Task> tasks(Config a, String label, String generator) {
    boolean oneD = generator.equals(PathGenerators.JUMP) || generator.equals(PathGenerators.DISCRETIZE);
    boolean twoD = PathGenerators.TWO_D.contains(generator);
    notUsed(a, label, generator, "transform", oneD);
    notUsed(a, label, generator, "transforms", twoD);
    notUsed(a, label, generator, "steps", twoD || generator.equals(PathGenerators.DISCRETIZE) || generator.equals(PathGenerators.REPEAT));
    notUsed(a, label, generator, "tasks", generator.equals(PathGenerators.EXPLICIT));
    switch (generator) {
      case PathGenerators.BASELINE:
        return PathGenerators.baseline();
      case PathGenerators.JUMP: {
        String t = r.choice(a, "transform", label + ".transform", null, Transforms.NAMES);
        return t == null ? null : PathGenerators.jump(t);
      }
      case PathGenerators.DISCRETIZE: {
        String t = r.choice(a, "transform", label + ".transform", null, Transforms.NAMES);
        Integer n = steps(a, label);
        return t == null || n == null ? null : PathGenerators.discretize(t, n);
      }
      case PathGenerators.EXPLICIT:
        return explicit(a, label);
      case PathGenerators.REPEAT: {
        Integer n = steps(a, label);
        return n == null ? null : PathGenerators.repeat(n);
      }
      default: {
        List<String> pair = transformPair(a, label);
        Integer n = steps(a, label);
        if (pair == null || n == null) return null;
        return switch (generator) {
          case PathGenerators.A_THEN_B -> PathGenerators.aThenB(pair.get(0), pair.get(1), n);
          case PathGenerators.B_THEN_A -> PathGenerators.aThenB(pair.get(1), pair.get(0), n);
          default -> PathGenerators.diagonal(pair.get(0), pair.get(1), n);
        };
      }
    }
  }

  private void notUsed(Config a, String label, String generator, String key, boolean used) {
    if (!used && a.hasPath(key)) {
      r.problem(a.getValue(key), label + "." + key, "is not used by path = " + generator + "; remove it");
    }
  }

  private Integer steps(Config a, String label) {
    if (!a.hasPath("steps")) {
      r.problem(a.origin().lineNumber(), label + ".steps", "missing; give the number of tasks N ≥ 2, e.g. steps = 4");
      return null;
    }
    Long n = r.wholeNumber(a.getValue("steps"), label + ".steps");
    if (n == null) return null;
    if (n < 2 || n > 1000) {
      r.problem(a.getValue("steps"), label + ".steps", "is " + n + "; a path needs N ≥ 2 tasks (source and target), at most 1000");
      return null;
    }
    return n.intValue();
  }

  private List<String> transformPair(Config a, String label) {
    String key = label + ".transforms";
    if (!a.hasPath("transforms")) {
      r.problem(a.origin().lineNumber(), key, "missing; name the two transforms, e.g. transforms = [blur, contrast]");
      return null;
    }
    List<ConfigValue> values = r.list(a, "transforms", key, "[blur, contrast]");
    if (values == null) return null;
    if (values.size() != 2) {
      r.problem(a.getValue("transforms"), key, "has " + values.size() + " entries; a 2-D path needs exactly two transforms");
      return null;
    }
    List<String> names = new ArrayList<>();
    for (ConfigValue v : values) {
      String name = v.valueType() == ConfigValueType.STRING ? (String) v.unwrapped() : null;
      if (name == null || !Transforms.NAMES.contains(name)) {
        r.problem(v, key, "unknown transform " + v.render() + "; use two of " + Transforms.NAMES);
        return null;
      }
      names.add(name);
    }
    if (names.get(0).equals(names.get(1))) {
      r.problem(a.getValue("transforms"), key, "names " + names.get(0) + " twice; a 2-D path needs two different transforms");
      return null;
    }
    return names;
  }

  private List<Task> explicit(Config a, String label) {
    String key = label + ".tasks";
    if (!a.hasPath("tasks")) {
      r.problem(a.origin().lineNumber(), key, "missing; list the tasks, e.g. tasks = [{ blur = 1 }, { blur = 0.5 }, {}]");
      return null;
    }
    List<ConfigValue> values = r.list(a, "tasks", key, "[{ blur = 1 }, {}]");
    if (values == null) return null;
    if (values.isEmpty()) {
      r.problem(a.getValue("tasks"), key, "is empty; list at least the target task {}");
      return null;
    }
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      String k = key + "[" + i + "]";
      ConfigValue v = values.get(i);
      if (v.valueType() != ConfigValueType.OBJECT) {
        r.problem(v, k, "must be an object of transform levels, e.g. { blur = 0.5, contrast = 1 }");
        return null;
      }
      ConfigObject o = (ConfigObject) v;
      r.unknownKeys(o, Set.copyOf(Transforms.NAMES), k + ".");
      Map<String, Double> levels = new LinkedHashMap<>();
      for (String t : o.keySet()) {
        if (!Transforms.NAMES.contains(t)) continue;
        Double level = r.number(o.get(t), k + "." + t);
        if (level == null) return null;
        if (!(level >= 0 && level <= 1)) {
          r.problem(o.get(t), k + "." + t, "is " + level + "; a level must be in [0, 1] (0 = clean, 1 = the paper's source corruption)");
          return null;
        }
        levels.put(t, level);
      }
      tasks.add(Task.of(levels));
    }
    Task last = tasks.get(tasks.size() - 1);
    if (!last.isTarget()) {
      r.problem(values.get(values.size() - 1), key + "[" + (values.size() - 1) + "]",
          "is " + last.label() + "; a path must end on the clean target task {} (every level 0)");
      return null;
    }
    return tasks;
  }

  /** Per-task overrides: each key a list with one value per task. */
  private List<LearningProcess> perTask(Config a, String label, LearningProcess base, int n) {
    List<LearningProcess> processes = new ArrayList<>();
    for (int i = 0; i < n; i++) processes.add(base);
    if (!a.hasPath("per-task")) return processes;
    String p = label + ".per-task";
    Config c = r.object(a, "per-task", p);
    if (c == null) return null;
    r.unknownKeys(c.root(), PER_TASK_KEYS, p + ".");
    for (String key : c.root().keySet()) {
      if (!PER_TASK_KEYS.contains(key)) continue;
      String k = p + "." + key;
      List<ConfigValue> values = r.list(c, key, k, "[1e-3, 2e-3] (one value per task)");
      if (values == null) return null;
      if (values.size() != n) {
        r.problem(c.getValue(key), k, "has " + values.size() + " values but the path has " + n + " tasks; give one per task");
        return null;
      }
      for (int i = 0; i < n; i++) {
        LearningProcess lp = override(processes.get(i), key, values.get(i), k + "[" + i + "]");
        if (lp == null) return null;
        processes.set(i, lp);
      }
    }
    return processes;
  }

  private LearningProcess override(LearningProcess p, String key, ConfigValue v, String k) {
    if (key.equals("bias-reset")) {
      Boolean b = r.bool(v, k);
      return b == null ? null : p.withBiasReset(b);
    }
    Double x = key.equals("batch-size") || key.equals("max-epochs") || key.equals("patience")
        ? toDouble(r.wholeNumber(v, k)) : r.number(v, k);
    if (x == null) return null;
    boolean valid = switch (key) {
      case "learning-rate" -> x > 0;
      case "momentum" -> x >= 0 && x < 1;
      case "weight-decay" -> x >= 0;
      default -> x >= 1;
    };
    if (!valid || Double.isInfinite(x)) {
      r.problem(v, k, "is " + v.render() + "; " + switch (key) {
        case "learning-rate" -> "use a number > 0";
        case "momentum" -> "use a number in [0, 1)";
        case "weight-decay" -> "use a number ≥ 0";
        default -> "use an integer ≥ 1";
      });
      return null;
    }
    return switch (key) {
      case "learning-rate" -> p.withLearningRate(x);
      case "momentum" -> new LearningProcess(p.learningRate(), x, p.weightDecay(), p.batchSize(), p.maxEpochs(), p.patience(), p.biasReset(), p.biasResetDelta());
      case "weight-decay" -> new LearningProcess(p.learningRate(), p.momentum(), x, p.batchSize(), p.maxEpochs(), p.patience(), p.biasReset(), p.biasResetDelta());
      case "batch-size" -> new LearningProcess(p.learningRate(), p.momentum(), p.weightDecay(), x.intValue(), p.maxEpochs(), p.patience(), p.biasReset(), p.biasResetDelta());
      case "max-epochs" -> new LearningProcess(p.learningRate(), p.momentum(), p.weightDecay(), p.batchSize(), x.intValue(), p.patience(), p.biasReset(), p.biasResetDelta());
      default -> new LearningProcess(p.learningRate(), p.momentum(), p.weightDecay(), p.batchSize(), p.maxEpochs(), x.intValue(), p.biasReset(), p.biasResetDelta());
    };
  }

  private static Double toDouble(Long v) {
    return v == null ? null : v.doubleValue();
  }
}
