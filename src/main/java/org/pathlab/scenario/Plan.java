package org.pathlab.scenario;

import java.util.ArrayList;
import java.util.List;
import org.pathlab.model.SmallCnnWidths;
import org.pathlab.model.TorchScriptModel;
import org.pathlab.wire.PathlabSerializable;
import org.pathlab.transform.TransformSettings;

/**
 * A scenario expanded into every run it asks for (each arm × its seeds; the baseline arm runs
 * with the baseline seeds), in a fixed order. {@code detectableGap}: the scenario's {@code
 * detectable-gap} (reports warn when the seeds cannot detect it); null when the scenario sets none,
 * and in journals written before the key existed (records are read by field name). {@code widths}:
 * the small CNN's widths, {@link SmallCnnWidths#DEFAULT} for a small CNN in journals written before
 * widths were a setting; null for other models. {@code torchscript}: the researcher's module where
 * {@code model} is {@link TorchScriptModel#NAME}, else null. {@code forkedFrom}: the experiment it
 * was forked from, else null. {@code tags}, {@code notes}: the scenario's labels (empty) and text (null).
 * {@code metric}: what the verdicts rest on ({@link Metric}'s id); null in journals written before
 * the key existed, which read as the loss ({@link #primaryMetric}). {@code precision}: what every
 * run trains in, {@link org.pathlab.model.Precision}'s id, {@code auto} resolved when the plan was
 * made; null in journals written before precision existed, which trained in fp32 ({@link #precisionOrDefault}).
 */
public record Plan(
    String scenarioName,
    DatasetSpec dataset,
    String model,
    TransformSettings transforms,
    List<Arm> arms,
    List<RunSpec> runs,
    boolean noReuse,
    Double detectableGap,
    SmallCnnWidths widths,
    TorchScriptModel torchscript,
    String forkedFrom,
    List<String> tags,
    String notes,
    String metric,
    String precision)
    implements PathlabSerializable {

  public Plan {
    arms = List.copyOf(arms);
    runs = List.copyOf(runs);
    // journals written before tags existed have none
    tags = tags == null ? List.of() : List.copyOf(tags);
    // Journals written before transform settings existed replay with the defaults.
    transforms = transforms == null ? TransformSettings.defaults() : transforms;
    // Journals written before widths existed trained the small CNN at today's defaults.
    if (model != null && org.pathlab.model.ModelKind.ids().contains(model) && org.pathlab.model.ModelKind.of(model).takesWidths()) {
      widths = SmallCnnWidths.orDefault(widths);
    }
  }

  /** The plan of a scenario for a daemon that trains on this host's CPU ({@code auto} resolved for it). */
  public static Plan of(Scenario scenario) {
    return of(scenario, org.pathlab.model.Precision.Host.thisCpu());
  }

  /** The plan of a scenario, {@code auto} precision resolved for {@code host}. */
  public static Plan of(Scenario scenario, org.pathlab.model.Precision.Host host) {
    List<RunSpec> runs = new ArrayList<>();
    for (int a = 0; a < scenario.arms().size(); a++) {
      Arm arm = scenario.arms().get(a);
      for (long seed : arm.baseline() ? scenario.baselineSeeds() : scenario.seeds()) {
        runs.add(new RunSpec("a" + a + "-s" + seed, arm.name(), seed, arm.path()));
      }
    }
    return new Plan(scenario.name(), scenario.dataset(), scenario.model(), scenario.transforms(), scenario.arms(), runs,
        !scenario.reuse(), scenario.detectableGap(), scenario.widths(), scenario.torchscript(),
        scenario.forkedFrom(), scenario.tags(), scenario.notes(), scenario.metric(),
        host.resolve(scenario.precision(), scenario.torchscript() != null).precision().id());
  }

  /** {@link #precisionOrDefault}'s id, for the read side (which names it and does not use the model package's types). */
  public String precisionId() {
    return precisionOrDefault().id();
  }

  /** What the runs train in: fp32 for plans written before precision existed. */
  public org.pathlab.model.Precision precisionOrDefault() {
    return org.pathlab.model.Precision.orDefault(precision);
  }

  public Metric primaryMetric() {
    return Metric.orDefault(metric);
  }

  /** The arm named {@code name}, if the plan has one. */
  public java.util.Optional<Arm> arm(String name) {
    return arms.stream().filter(a -> a.name().equals(name)).findFirst();
  }

  /**
   * {@code noReuse}: the scenario said {@code reuse = false} (negated so that plans in journals
   * written before the setting existed read as reuse allowed, its default).
   */
  public boolean reuse() {
    return !noReuse;
  }

  /**
   * The model as a report or validate names it: {@code small-cnn (channels 16, 32; hidden 64)},
   * {@code resnet-18}, {@code torchscript net.pt (sha256 …, input 1×28×28, 10 classes, init file)}.
   */
  public String modelDescription() {
    return modelSpec().describe();
  }

  /** The model as one value: its kind, widths and TorchScript module. */
  public org.pathlab.model.ModelSpec modelSpec() {
    return new org.pathlab.model.ModelSpec(model, widths, torchscript);
  }

  public Arm baseline() {
    return arms.stream().filter(Arm::baseline).findFirst().orElseThrow();
  }

  public RunSpec run(String runId) {
    return runs.stream()
        .filter(r -> r.id().equals(runId))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no run " + runId + " in this plan"));
  }

  public List<RunSpec> runsOf(String arm) {
    return runs.stream().filter(r -> r.arm().equals(arm)).toList();
  }

  public int totalTasks() {
    return runs.stream().mapToInt(r -> r.path().size()).sum();
  }
}
