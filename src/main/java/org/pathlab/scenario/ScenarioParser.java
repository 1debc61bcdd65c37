package org.pathlab.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.pathlab.path.LearningPath;
import org.pathlab.path.LearningProcess;
import org.pathlab.path.PathGenerators;

/**
 * Reads a scenario file (HOCON). Every problem is collected, not just the first, and each names
 * the file, line and key, and says what would be accepted.
 */
public final class ScenarioParser {

  public static final List<String> DATASETS = List.of("fashion-mnist");
  public static final List<String> MODELS = List.of("small-cnn");
  public static final List<String> TRANSFORMS = List.of("blur");

  private static final Set<String> TOP = Set.of("name", "dataset", "model", "training", "arms", "seeds");
  private static final Set<String> DATASET =
      Set.of("name", "train-size", "validation-size", "test-size", "split-seed");
  private static final Set<String> TRAINING =
      Set.of("learning-rate", "momentum", "weight-decay", "batch-size", "max-epochs", "patience");
  private static final Set<String> ARM = Set.of("name", "path", "transform", "training", "source-training");

  private final String origin;
  private final List<String> problems = new ArrayList<>();

  private ScenarioParser(String origin) {
    this.origin = origin;
  }

  /** Parses {@code text}; {@code origin} (usually the file name) is used in every message. */
  public static Scenario parse(String text, String origin) {
    return new ScenarioParser(origin).read(text);
  }

  private Scenario read(String text) {
    Config root;
    try {
      root =
          ConfigFactory.parseString(
              text,
              ConfigParseOptions.defaults()
                  .setOriginDescription(origin)
                  .setSyntax(ConfigSyntax.CONF)
                  .setAllowMissing(false));
    } catch (ConfigException e) {
      throw new ScenarioException(List.of(e.getMessage() + " — fix the HOCON syntax at that line"));
    }
    unknownKeys(root.root(), TOP, "");
    String name = string(root, "name", null);
    DatasetSpec dataset = dataset(root);
    String model = choice(root, "model", "small-cnn", MODELS);
    LearningProcess defaults = trainingAt(root, "training", "", defaultProcess());
    List<Arm> arms = arms(root, defaults);
    List<Long> seeds = seeds(root);
    if (!problems.isEmpty()) {
      throw new ScenarioException(problems);
    }
    return new Scenario(name, dataset, model, arms, seeds, origin);
  }

  private static LearningProcess defaultProcess() {
    LearningProcess p = LearningProcess.paperDefaults();
    return new LearningProcess(p.learningRate(), p.momentum(), p.weightDecay(), 64, 10, 3, false);
  }

  private DatasetSpec dataset(Config root) {
    if (!root.hasPath("dataset")) {
      problem(root.origin().lineNumber(), "dataset", "missing; add dataset { name = fashion-mnist }");
      return null;
    }
    Config d = object(root, "dataset");
    if (d == null) return null;
    unknownKeys(d.root(), DATASET, "dataset.");
    return new DatasetSpec(
        choiceIn(d, "name", "dataset.name", null, DATASETS),
        nonNegative(d, "train-size", "dataset.train-size", 0),
        nonNegative(d, "validation-size", "dataset.validation-size", 5000),
        nonNegative(d, "test-size", "dataset.test-size", 0),
        d.hasPath("split-seed") ? longValue(d, "split-seed", "dataset.split-seed", 0) : 0);
  }

  private List<Arm> arms(Config root, LearningProcess defaults) {
    List<Arm> arms = new ArrayList<>();
    if (!root.hasPath("arms")) {
      problem(root.origin().lineNumber(), "arms", "missing; list at least a baseline arm: arms = [{ name = baseline, path = baseline }]");
      return arms;
    }
    List<? extends ConfigObject> list;
    try {
      list = root.getObjectList("arms");
    } catch (ConfigException.WrongType e) {
      problem(line(root, "arms"), "arms", "must be a list of objects like { name = ..., path = jump, transform = blur }");
      return arms;
    }
    Set<String> names = new HashSet<>();
    int baselines = 0;
    for (int i = 0; i < list.size(); i++) {
      String key = "arms[" + i + "]";
      Config a = list.get(i).toConfig();
      unknownKeysAt(list.get(i), ARM, key + ".");
      String name = a.hasPath("name") ? stringAt(a, "name", key + ".name") : null;
      if (name == null || name.isBlank()) {
        problem(list.get(i).origin().lineNumber(), key + ".name", "missing; give every arm a name");
        continue;
      }
      if (!names.add(name)) {
        problem(list.get(i).origin().lineNumber(), key + ".name", "'" + name + "' is used by two arms; arm names must be unique");
      }
      String generator = a.hasPath("path") ? stringAt(a, "path", key + ".path") : null;
      if (generator == null || !PathGenerators.NAMES.contains(generator)) {
        problem(a.hasPath("path") ? line(a, "path") : list.get(i).origin().lineNumber(), key + ".path",
            (generator == null ? "missing" : "unknown path generator '" + generator + "'")
                + "; use one of " + PathGenerators.NAMES);
        continue;
      }
      LearningProcess target = trainingAt(a, "training", key, defaults);
      if (generator.equals(PathGenerators.BASELINE)) {
        baselines++;
        arms.add(new Arm(name, true, PathGenerators.baseline(target)));
      } else {
        String transform = a.hasPath("transform") ? stringAt(a, "transform", key + ".transform") : null;
        if (transform == null || !TRANSFORMS.contains(transform)) {
          problem(a.hasPath("transform") ? line(a, "transform") : list.get(i).origin().lineNumber(), key + ".transform",
              (transform == null ? "missing" : "unknown transform '" + transform + "'") + "; use one of " + TRANSFORMS);
          continue;
        }
        LearningProcess source = trainingAt(a, "source-training", key, target);
        LearningPath path = PathGenerators.jump(transform, source, target);
        arms.add(new Arm(name, false, path));
      }
    }
    if (baselines != 1 && problems.isEmpty()) {
      problem(line(root, "arms"), "arms",
          "found " + baselines + " baseline arms; exactly one arm must have path = baseline (the target task alone)");
    }
    return arms;
  }

  private LearningProcess trainingAt(Config arm, String key, String armKey, LearningProcess inherited) {
    if (!arm.hasPath(key)) return inherited;
    // Arm keys are list elements, so they are reported with the arm's index ("arms[1].training.").
    String prefix = (armKey.isEmpty() ? "" : armKey + ".") + key + ".";
    Config t;
    try {
      t = arm.getConfig(key);
    } catch (ConfigException.WrongType e) {
      problem(line(arm, key), prefix.substring(0, prefix.length() - 1), "must be an object like { learning-rate = 2e-3 }");
      return inherited;
    }
    unknownKeys(t.root(), TRAINING, prefix);
    return new LearningProcess(
        positive(t, "learning-rate", prefix, inherited.learningRate()),
        unitInterval(t, "momentum", prefix, inherited.momentum()),
        nonNegativeDouble(t, "weight-decay", prefix, inherited.weightDecay()),
        positiveInt(t, "batch-size", prefix, inherited.batchSize()),
        positiveInt(t, "max-epochs", prefix, inherited.maxEpochs()),
        positiveInt(t, "patience", prefix, inherited.patience()),
        false);
  }

  private List<Long> seeds(Config root) {
    List<Long> seeds = new ArrayList<>();
    if (!root.hasPath("seeds")) {
      problem(root.origin().lineNumber(), "seeds", "missing; list the seeds to run, e.g. seeds = [1, 2, 3]");
      return seeds;
    }
    try {
      seeds.addAll(root.getLongList("seeds"));
    } catch (ConfigException.WrongType e) {
      problem(line(root, "seeds"), "seeds", "must be a list of integers, e.g. seeds = [1, 2, 3]");
      return seeds;
    }
    if (seeds.isEmpty()) {
      problem(line(root, "seeds"), "seeds", "is empty; list at least one seed");
    }
    if (new HashSet<>(seeds).size() != seeds.size()) {
      problem(line(root, "seeds"), "seeds", "lists a seed twice; each seed must appear once");
    }
    for (long s : seeds) {
      if (s < 0) problem(line(root, "seeds"), "seeds", "seed " + s + " is negative; use seeds ≥ 0");
    }
    return seeds;
  }

  // ---- typed readers that record a problem instead of throwing ----

  private void unknownKeys(ConfigObject object, Set<String> known, String prefix) {
    unknownKeysAt(object, known, prefix);
  }

  private void unknownKeysAt(ConfigObject object, Set<String> known, String prefix) {
    for (String key : object.keySet()) {
      if (!known.contains(key)) {
        ConfigValue v = object.get(key);
        problem(v.origin().lineNumber(), prefix + key,
            "unknown key; known keys here are " + known.stream().sorted().toList());
      }
    }
  }

  private Config object(Config parent, String key) {
    try {
      return parent.getConfig(key);
    } catch (ConfigException.WrongType e) {
      problem(line(parent, key), key, "must be an object { ... }");
      return null;
    }
  }

  private String string(Config c, String key, String fallback) {
    return c.hasPath(key) ? stringAt(c, key, key) : fallback;
  }

  private String stringAt(Config c, String key, String fullKey) {
    ConfigValue v = c.getValue(key);
    if (v.valueType() != ConfigValueType.STRING && v.valueType() != ConfigValueType.NUMBER) {
      problem(v.origin().lineNumber(), fullKey, "must be a string");
      return null;
    }
    return c.getString(key);
  }

  private String choice(Config c, String key, String fallback, List<String> allowed) {
    return choiceIn(c, key, key, fallback, allowed);
  }

  private String choiceIn(Config c, String key, String fullKey, String fallback, List<String> allowed) {
    if (!c.hasPath(key)) {
      if (fallback == null) {
        problem(c.origin().lineNumber(), fullKey, "missing; use one of " + allowed);
      }
      return fallback;
    }
    String value = stringAt(c, key, fullKey);
    if (value != null && !allowed.contains(value)) {
      problem(line(c, key), fullKey, "unknown value '" + value + "'; use one of " + allowed);
    }
    return value;
  }

  private int nonNegative(Config c, String key, String fullKey, int fallback) {
    if (!c.hasPath(key)) return fallback;
    long v = longValue(c, key, fullKey, fallback);
    if (v < 0 || v > Integer.MAX_VALUE) {
      problem(line(c, key), fullKey, "is " + v + "; use a count ≥ 0 (0 means all)");
      return fallback;
    }
    return (int) v;
  }

  private int positiveInt(Config c, String key, String prefix, int fallback) {
    if (!c.hasPath(key)) return fallback;
    long v = longValue(c, key, prefix + key, fallback);
    if (v < 1 || v > Integer.MAX_VALUE) {
      problem(line(c, key), prefix + key, "is " + v + "; use an integer ≥ 1");
      return fallback;
    }
    return (int) v;
  }

  private long longValue(Config c, String key, String fullKey, long fallback) {
    try {
      ConfigValue v = c.getValue(key);
      if (v.valueType() != ConfigValueType.NUMBER) throw new ConfigException.WrongType(v.origin(), key, "number", v.valueType().name());
      double d = c.getDouble(key);
      if (d != Math.rint(d)) {
        problem(line(c, key), fullKey, "is " + d + "; use a whole number");
        return fallback;
      }
      return c.getLong(key);
    } catch (ConfigException.WrongType e) {
      problem(line(c, key), fullKey, "must be a whole number");
      return fallback;
    }
  }

  private double doubleValue(Config c, String key, String fullKey, double fallback) {
    try {
      ConfigValue v = c.getValue(key);
      if (v.valueType() != ConfigValueType.NUMBER) throw new ConfigException.WrongType(v.origin(), key, "number", v.valueType().name());
      return c.getDouble(key);
    } catch (ConfigException.WrongType e) {
      problem(line(c, key), fullKey, "must be a number");
      return fallback;
    }
  }

  private double positive(Config c, String key, String prefix, double fallback) {
    if (!c.hasPath(key)) return fallback;
    double v = doubleValue(c, key, prefix + key, fallback);
    if (!(v > 0) || Double.isInfinite(v)) {
      problem(line(c, key), prefix + key, "is " + v + "; use a number > 0");
      return fallback;
    }
    return v;
  }

  private double unitInterval(Config c, String key, String prefix, double fallback) {
    if (!c.hasPath(key)) return fallback;
    double v = doubleValue(c, key, prefix + key, fallback);
    if (!(v >= 0 && v < 1)) {
      problem(line(c, key), prefix + key, "is " + v + "; use a number in [0, 1)");
      return fallback;
    }
    return v;
  }

  private double nonNegativeDouble(Config c, String key, String prefix, double fallback) {
    if (!c.hasPath(key)) return fallback;
    double v = doubleValue(c, key, prefix + key, fallback);
    if (!(v >= 0) || Double.isInfinite(v)) {
      problem(line(c, key), prefix + key, "is " + v + "; use a number ≥ 0");
      return fallback;
    }
    return v;
  }

  private static int line(Config c, String key) {
    return c.getValue(key).origin().lineNumber();
  }

  private void problem(int line, String key, String message) {
    problems.add(origin + ":" + (line > 0 ? line : "?") + ": " + key + ": " + message);
  }
}
