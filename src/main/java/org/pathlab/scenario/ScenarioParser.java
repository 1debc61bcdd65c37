package org.pathlab.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.pathlab.model.SmallCnnWidths;
import org.pathlab.model.TorchScriptModel;
import org.pathlab.path.LearningProcess;
import org.pathlab.transform.TransformSettings;

/**
 * Reads a scenario file (HOCON; the language is documented in docs/scenarios.md). Every problem
 * is collected, not just the first, and each names the file, line and key and says what would be
 * accepted. Nothing half-valid comes out: either a whole {@link Scenario} or a {@link ScenarioException}.
 */
public final class ScenarioParser {

  public static final List<String> DATASETS = SetupSections.DATASETS;
  public static final List<String> MODELS = SetupSections.MODELS;

  private static final Set<String> TOP =
      Set.of("name", "dataset", "model", "training", "transforms", "arms", "arm-grid", "seeds", "baseline-seeds", "reuse",
          "detectable-gap", "forked-from", "tags", "notes", "metric", "search");

  private final String origin;
  private final ScenarioLimits limits;
  private final Roots roots;
  private final ConfigReader r;
  private final ArmParser arms;
  private final SetupSections setup;

  private ScenarioParser(String origin, ScenarioLimits limits, Roots roots) {
    this.origin = origin;
    this.limits = limits;
    this.roots = roots;
    this.r = new ConfigReader(origin);
    this.arms = new ArmParser(r);
    this.setup = new SetupSections(r);
  }

  /** Parses {@code text} within the default limits; {@code origin} (usually the file name) is used in every message. */
  public static Scenario parse(String text, String origin) {
    return parse(text, origin, ScenarioLimits.DEFAULTS);
  }

  /** Parses {@code text}, refusing anything beyond {@code limits} before expanding it. */
  public static Scenario parse(String text, String origin, ScenarioLimits limits) {
    return parse(text, origin, limits, Roots.NONE);
  }

  /** Parses {@code text}; files it names (a TorchScript model) are looked up under {@code roots} only. */
  public static Scenario parse(String text, String origin, ScenarioLimits limits, Roots roots) {
    try {
      return new ScenarioParser(origin, limits, roots).read(text);
    } catch (StackOverflowError e) {
      // a last line of defence behind the depth limits: one file must never take the server down
      throw new ScenarioException(List.of(origin + ":?: the scenario nests too deeply to read; a scenario needs a handful of levels"));
    }
  }

  /** The defaults every scenario starts from: the paper's optimizer, a CPU-sized stopping rule. */
  static LearningProcess defaultProcess() {
    LearningProcess p = LearningProcess.paperDefaults();
    return new LearningProcess(p.learningRate(), p.momentum(), p.weightDecay(), 64, 10, 3, false, p.biasResetDelta());
  }

  private Scenario read(String text) {
    Config root = ScenarioText.parse(text, origin, limits);
    r.unknownKeys(root.root(), TOP, "");
    String name = root.hasPath("name") ? r.string(root, "name", "name") : null;
    if (name == null && !root.hasPath("name")) {
      r.problem(root.origin().lineNumber(), "name", "missing; name the scenario, e.g. name = blur-learning-rates");
    }
    DatasetSpec dataset = setup.dataset(root, roots);
    String model = setup.modelName(root);
    SmallCnnWidths widths = setup.widths(root, model);
    TorchScriptModel torchscript = setup.torchscript(root, model, dataset, roots);
    TransformSettings transforms = setup.transforms(root);
    LearningProcess defaults = arms.training(root, "training", "training", defaultProcess());
    String precision = precision(root, torchscript != null || org.pathlab.model.TorchScriptModel.NAME.equals(model));
    List<Arm> armList = new ArmList(r, arms, limits).read(root, defaults);
    List<Long> seeds = seeds(root, "seeds", true);
    List<Long> baselineSeeds = root.hasPath("baseline-seeds") ? seeds(root, "baseline-seeds", true) : seeds;
    // reuse = false: train every task even where an identical path prefix has been trained already
    Boolean reuse = root.hasPath("reuse") ? r.bool(root.getValue("reuse"), "reuse") : Boolean.TRUE;
    Double detectableGap = setup.detectableGap(root);
    String metric = setup.metric(root);
    // written by `submit --from ID`: the experiment this one was forked from
    String forkedFrom = root.hasPath("forked-from") ? r.string(root, "forked-from", "forked-from") : null;
    List<String> tags = tags(root);
    String notes = root.hasPath("notes") ? r.string(root, "notes", "notes") : null;
    if (notes != null && notes.length() > Tags.MAX_NOTE) {
      r.problem(root.getValue("notes"), "notes", "is " + notes.length() + " characters long; at most " + Tags.MAX_NOTE
          + " are kept with an experiment");
    }
    if (r.ok()) volume(root, armList, seeds, baselineSeeds);
    SearchSpec search = root.hasPath("search") && r.ok()
        ? new SearchBlock(r, limits).read(root, new ArmList(r, arms, limits), defaults, armList, seeds) : null;
    if (!r.ok()) {
      throw new ScenarioException(r.problems());
    }
    return new Scenario(name, dataset, model, widths, transforms, armList, seeds, baselineSeeds, origin, reuse, detectableGap,
        torchscript, forkedFrom, tags, notes, metric, search, precision);
  }

  /**
   * {@code training.precision}: {@code fp32} (the default), {@code bf16} or {@code auto}, as written
   * ({@code auto} is resolved where the experiment is planned: {@link Plan#of(Scenario,
   * org.pathlab.model.Precision.Host)}). A TorchScript module trains in fp32 only.
   */
  private String precision(Config root, boolean torchscript) {
    if (!root.hasPath("training") || root.getValue("training").valueType() != ConfigValueType.OBJECT
        || !root.getConfig("training").hasPath("precision")) {
      return org.pathlab.model.Precision.FP32.id();
    }
    Config t = root.getConfig("training");
    String value = r.choice(t, "precision", "training.precision", org.pathlab.model.Precision.FP32.id(),
        org.pathlab.model.Precision.choices());
    if (torchscript && org.pathlab.model.Precision.BF16.id().equals(value)) {
      r.problem(t.getValue("precision"), "training.precision", "bf16 is for the built-in models; a TorchScript module trains in "
          + "fp32 (pathlab cannot cast inside a module's own code): use fp32 or auto");
      return null;
    }
    return value;
  }

  /** {@code tags = [lr-sweep, draft]}: labels to find the experiment by (letters, digits, '.', '_', '-'; at most 20). */
  private List<String> tags(Config root) {
    if (!root.hasPath("tags")) return List.of();
    List<ConfigValue> values = r.list(root, "tags", "tags", "[lr-sweep, draft]");
    if (values == null) return List.of();
    List<String> tags = new ArrayList<>();
    for (ConfigValue v : values) {
      String tag = v.valueType() == ConfigValueType.STRING ? (String) v.unwrapped() : null;
      if (Tags.problem(tag) != null) {
        r.problem(v, "tags", "has " + v.render() + "; " + Tags.problem(tag));
      } else if (!tags.contains(tag)) {
        tags.add(tag);
      }
    }
    if (tags.size() > Tags.MAX_TAGS) r.problem(root.getValue("tags"), "tags", "lists " + tags.size() + " tags; at most " + Tags.MAX_TAGS);
    return tags;
  }

  /** The plan's volume against the limits: runs, tasks per path and task-epochs (each task at its max epochs). */
  private void volume(Config root, List<Arm> armList, List<Long> seeds, List<Long> baselineSeeds) {
    long runs = 0;
    long tasks = 0;
    long taskEpochs = 0;
    for (Arm arm : armList) {
      int n = arm.baseline() ? baselineSeeds.size() : seeds.size();
      runs += n;
      tasks += (long) arm.path().size() * n;
      if (arm.path().size() > limits.maxTasksPerPath()) {
        r.problem(ConfigReader.line(root, root.hasPath("arms") ? "arms" : "arm-grid"), "arms",
            "arm '" + arm.name() + "' has " + arm.path().size() + " tasks; at most " + limits.maxTasksPerPath()
                + " per path are accepted (pathlab.scenario-limits.max-tasks-per-path)");
      }
      long epochs = 0;
      for (var step : arm.path().steps()) epochs += step.process().maxEpochs();
      taskEpochs += epochs * n;
    }
    if (runs > limits.maxRuns()) {
      r.problem(ConfigReader.line(root, "seeds"), "seeds", "the plan has " + runs + " runs (arms × seeds); at most "
          + limits.maxRuns() + " are accepted (pathlab.scenario-limits.max-runs): split it into several experiments");
    }
    if (tasks > limits.maxTasks()) {
      r.problem(ConfigReader.line(root, "seeds"), "seeds", "the plan has " + tasks + " tasks (every task of every run); at most "
          + limits.maxTasks() + " are accepted (pathlab.scenario-limits.max-tasks): fewer steps, seeds or arms, or several experiments");
    }
    if (taskEpochs > limits.maxTaskEpochs()) {
      r.problem(ConfigReader.line(root, "seeds"), "seeds", "the plan may train up to " + taskEpochs
          + " task-epochs (every task of every run at its max-epochs); at most " + limits.maxTaskEpochs()
          + " are accepted (pathlab.scenario-limits.max-task-epochs): lower max-epochs, seeds or arms");
    }
  }

  private List<Long> seeds(Config root, String key, boolean required) {
    List<Long> seeds = new ArrayList<>();
    if (!root.hasPath(key)) {
      if (required) r.problem(root.origin().lineNumber(), key, "missing; list the seeds to run, e.g. " + key + " = [1, 2, 3]");
      return seeds;
    }
    List<ConfigValue> values = r.list(root, key, key, "[1, 2, 3]");
    if (values == null) return seeds;
    if (values.size() > limits.maxSeeds()) {
      r.problem(root.getValue(key), key, "lists " + values.size() + " seeds; at most " + limits.maxSeeds()
          + " are accepted (pathlab.scenario-limits.max-seeds)");
      return seeds;
    }
    for (ConfigValue v : values) {
      Long s = r.wholeNumber(v, key);
      if (s == null) continue;
      if (s < 0) {
        r.problem(v, key, "seed " + s + " is negative; use seeds ≥ 0");
      } else if (seeds.contains(s)) {
        r.problem(v, key, "lists seed " + s + " twice; each seed must appear once");
      } else {
        seeds.add(s);
      }
    }
    if (values.isEmpty()) r.problem(root.getValue(key), key, "is empty; list at least one seed");
    return seeds;
  }
}
