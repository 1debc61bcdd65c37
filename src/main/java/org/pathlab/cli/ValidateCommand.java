package org.pathlab.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.pathlab.data.Datasets;
import org.pathlab.path.Step;
import org.pathlab.report.BaselineHistory;
import org.pathlab.report.Power;
import org.pathlab.scenario.Arm;
import org.pathlab.scenario.Plan;
import org.pathlab.scenario.PlanCost;
import org.pathlab.scenario.Roots;
import org.pathlab.scenario.RunSpec;
import org.pathlab.scenario.Scenario;
import org.pathlab.train.ScenarioFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "validate",
    description = "Check a scenario and print its expanded plan and cost without running anything (no daemon needed; where "
        + "one answers at --url, its journal's earlier runs of the same baseline give the power's sd).")
final class ValidateCommand implements Callable<Integer> {

  @ParentCommand PathlabCommand parent;
  @Mixin ClientOptions client;

  @Parameters(paramLabel = "FILE", description = "the scenario file (HOCON)")
  Path file;

  @Option(names = "--model-root", paramLabel = "DIR",
      description = "a folder TorchScript models may be read from (repeatable); default: pathlab.model-roots of the configuration")
  List<Path> modelRoots;

  @Option(names = "--data-root", paramLabel = "DIR",
      description = "a folder datasets of your own may be read from (repeatable); default: pathlab.data-roots of the configuration")
  List<Path> dataRoots;

  @Override
  public Integer call() {
    List<Path> roots = modelRoots != null ? absolute(modelRoots) : configuredRoots("pathlab.model-roots");
    List<Path> data = dataRoots != null ? absolute(dataRoots) : configuredRoots("pathlab.data-roots");
    Scenario scenario = Scenarios.read(file, new Roots(roots, data)).scenario();
    if (scenario.torchscript() != null || scenario.dataset().own() != null) {
      // decode the data and try the module on a batch of the declared shape, as the daemon will on submit
      System.setProperty("ai.djl.offline", "true");
      List<String> problems = ScenarioFiles.problems(scenario, roots, data);
      if (!problems.isEmpty()) {
        throw new CliException(ExitCodes.USAGE, "invalid scenario:\n  " + file + ": " + String.join("\n  " + file + ": ", problems));
      }
    }
    Plan plan = Plan.of(scenario);
    PlanCost cost = PlanCost.of(plan, plan.dataset().own() != null ? plan.dataset().own().trainCount()
        : Datasets.info(plan.dataset().name()).trainCount());
    var out = parent.out;
    out.printf("%s: valid — %s on %s, %d arms, %d runs, %d tasks%n", file,
        plan.torchscript() != null ? plan.modelDescription() : plan.model(), plan.dataset().describe(),
        plan.arms().size(), plan.runs().size(), plan.totalTasks());
    if (plan.widths() != null) {
      out.printf("model: %s, %s%s%n", plan.model(), plan.widths().describe(), plan.widths().matchesDefault() ? " (the defaults)" : "");
    }
    // pathlab's assumptions where the paper states none (docs/scenarios.md): shown so they are chosen knowingly
    out.printf("transforms: blur shrinks with the %s filter; shift up to ±%d pixels per axis at level 1%n",
        plan.transforms().blurFilter().id(), plan.transforms().shiftMax());
    var precision = org.pathlab.model.Precision.Host.thisCpu().resolve(scenario.precision(), scenario.torchscript() != null);
    out.printf("precision: %s%s%n", precision.precision() == org.pathlab.model.Precision.BF16
            ? "bf16 mixed precision (convolutions and linear layers in bfloat16; fp32 master weights, loss, softmax, batch-norm statistics and update)"
            : "fp32",
        org.pathlab.model.Precision.AUTO.equals(scenario.precision())
            ? " — auto, on this host's CPU: " + precision.reason() + " (a daemon decides for its own devices when the experiment is submitted)"
            : "");
    out.printf("metric: the verdicts rest on the %s%s; %s is tested beside it%n", plan.primaryMetric().label(),
        plan.metric() == null || plan.primaryMetric() == org.pathlab.scenario.Metric.TEST_LOSS ? " (the default, as the paper)" : "",
        plan.primaryMetric().other().label());
    for (Arm arm : plan.arms()) {
      var runs = plan.runsOf(arm.name());
      out.printf("%n  %s%s — %d tasks × seeds %s%s%n", arm.name(), arm.baseline() ? " (baseline)" : "", arm.path().size(),
          runs.stream().map(RunSpec::seed).toList(), arm.control() == null ? "" : " · control: " + arm.control());
      for (int i = 0; i < arm.path().size(); i++) {
        Step s = arm.path().step(i);
        out.printf("    %2d. %-28s %s%n", i + 1, s.task().label(), s.process().label());
      }
    }
    out.printf(Locale.ROOT, "%ncost: %d task trainings; at most %,d image-epochs (%,d training images × max epochs, summed over tasks)%n",
        cost.taskTrainings(), cost.maxImageEpochs(), cost.trainImages());
    if (scenario.search() != null) {
      SearchValidation.print(scenario, out);
      return ExitCodes.OK;
    }
    power(plan, history(plan), out);
    return ExitCodes.OK;
  }

  private static List<Path> configuredRoots(String setting) {
    var config = com.typesafe.config.ConfigFactory.load();
    if (!config.hasPath(setting)) return List.of();
    return absolute(config.getStringList(setting).stream().map(Path::of).toList());
  }

  private static List<Path> absolute(List<Path> paths) {
    return paths.stream().map(p -> p.toAbsolutePath().normalize()).toList();
  }

  /** What the power's sd rests on: the daemon's history of this baseline where one answers, else the assumed sd, and why. */
  private record Sd(double sd, String source) {}

  private Sd history(Plan plan) {
    String assumed = "an assumed sd of " + Power.ASSUMED_SD;
    try {
      var response = client.client().get("/api/history/baseline?signature=" + BaselineHistory.baselineSignature(plan));
      if (response.status() == 404 && response.body().contains("no finished runs of this baseline")) {
        return new Sd(Power.ASSUMED_SD, assumed + " (the daemon's journal has no finished runs of this baseline yet; reports use the "
            + "baseline's observed sd once it has run)");
      }
      if (response.status() != 200) {
        return new Sd(Power.ASSUMED_SD, assumed + " (the daemon at " + DaemonUrl.shown(client.url) + " gave no history: HTTP " + response.status()
            + "; a daemon older than this command has none to give)");
      }
      var json = response.json();
      return new Sd(json.path("sd").asDouble(), String.format(Locale.ROOT, "the sd of %d finished runs of this baseline in the "
          + "daemon's journal (experiment %s), %.4f", json.path("sdRuns").asInt(), json.path("sdExperiment").asText(),
          json.path("sd").asDouble()));
    } catch (CliException e) {
      if (e.exitCode == ExitCodes.USAGE) throw e; // a bad --url is the user's to fix, not "no daemon"
      return new Sd(Power.ASSUMED_SD, assumed + " (no daemon answered at " + DaemonUrl.shown(client.url) + " to give this baseline's history)");
    }
  }

  /**
   * Power before running: per distinct (arm seeds, baseline seeds), the smallest gap Welch's test
   * detects with 80 % power, in sds (no assumption) and in loss at the sd of this baseline's
   * earlier runs where the daemon's journal has them, else {@link Power#ASSUMED_SD}; a warning when
   * that exceeds the scenario's detectable-gap.
   */
  private static void power(Plan plan, Sd sd, java.io.PrintWriter out) {
    int baselineSeeds = plan.runsOf(plan.baseline().name()).size();
    long compared = plan.arms().stream().filter(a -> !a.baseline()).count();
    Set<Integer> armSeeds = new TreeSet<>();
    for (Arm arm : plan.arms()) {
      if (!arm.baseline()) armSeeds.add(plan.runsOf(arm.name()).size());
    }
    Double threshold = plan.detectableGap();
    for (int n : armSeeds) {
      Double effect = Power.detectableEffect(n, baselineSeeds);
      if (effect == null) {
        out.printf(Locale.ROOT, "%npower: %d seed%s per arm against %d baseline seed%s: no test is possible; every report "
            + "verdict will be 'too few finished seeds'. Use 2 or more on each side (the paper: 10 per arm, 3 for the baseline)%n",
            n, n == 1 ? "" : "s", baselineSeeds, baselineSeeds == 1 ? "" : "s");
        continue;
      }
      double gap = effect * sd.sd();
      out.printf(Locale.ROOT, "%npower: %d seeds per arm against %d baseline seeds detect a true gap of %.2f sd or more "
          + "(%d %% power, two-sided Welch test at %s, before Holm's adjustment over %d arm%s; a paired test, where the runs "
          + "of a seed start alike, detects less); at %s, that is a gap of %.3f in final test loss%n",
          n, baselineSeeds, effect, Math.round(Power.POWER * 100), Power.ALPHA, compared, compared == 1 ? "" : "s",
          sd.source(), gap);
      if (threshold != null && gap > threshold) {
        Integer seeds = Power.seedsFor(threshold / sd.sd());
        out.printf(Locale.ROOT, "warning: detectable-gap = %s is smaller than that: a 'no significant difference' will say "
            + "little; %s%n", threshold,
            seeds == null ? "no feasible number of seeds reaches it at that sd"
                : "about " + seeds + " seeds per arm and for the baseline would detect it at that sd");
      }
    }
  }
}
