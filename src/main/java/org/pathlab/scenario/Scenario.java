package org.pathlab.scenario;

import java.util.List;
import org.pathlab.model.SmallCnnWidths;
import org.pathlab.model.TorchScriptModel;
import org.pathlab.transform.TransformSettings;

/**
 * A validated scenario file: what to train, along which arms, with which seeds. {@code
 * detectableGap}: the smallest gap the experiment should be able to detect (the scenario's optional
 * {@code detectable-gap}), null when it sets none. {@code widths}: the small CNN's widths (null for
 * other models). {@code torchscript}: the researcher's module where {@code model} is {@link
 * TorchScriptModel#NAME}, else null. {@code forkedFrom}: the experiment this scenario was forked
 * from ({@code submit --from}), else null. {@code tags} and {@code notes}: the scenario's own labels and
 * text, to find and remember the experiment by. {@code metric}: what the verdicts rest on ({@link Metric}'s id).
 * {@code search}: the scenario's {@code search} block, null when it has none (then it is an experiment).
 * {@code precision}: {@code training.precision} as written, {@code fp32}, {@code bf16} or {@code
 * auto} ({@link org.pathlab.model.Precision}); the plan resolves {@code auto}.
 */
public record Scenario(
    String name,
    DatasetSpec dataset,
    String model,
    SmallCnnWidths widths,
    TransformSettings transforms,
    List<Arm> arms,
    List<Long> seeds,
    List<Long> baselineSeeds,
    String source,
    boolean reuse,
    Double detectableGap,
    TorchScriptModel torchscript,
    String forkedFrom,
    List<String> tags,
    String notes,
    String metric,
    SearchSpec search,
    String precision) {

  public Scenario {
    arms = List.copyOf(arms);
    seeds = List.copyOf(seeds);
    baselineSeeds = List.copyOf(baselineSeeds);
  }
}
