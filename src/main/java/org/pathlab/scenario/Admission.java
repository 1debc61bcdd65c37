package org.pathlab.scenario;

import java.util.List;
import java.util.function.Function;
import org.pathlab.model.Precision;

/**
 * How a daemon reads a submitted scenario: within {@code limits}, with the files it names looked
 * up under {@code roots} only, and then {@code inspect}ed where a file needs more than reading (a
 * TorchScript module is loaded once and tried on a batch; the daemon supplies that check, which
 * needs the engine; a dataset of its own is decoded once). A problem found either way refuses the scenario before anything is recorded.
 * {@code host}: what the daemon trains on, for {@code precision = auto} ({@link #plan}).
 */
public record Admission(ScenarioLimits limits, Roots roots, Function<Scenario, List<String>> inspect, Precision.Host host) {

  /** The defaults, no roots, nothing to inspect: what a scenario without files of its own needs. */
  public static final Admission DEFAULTS = new Admission(ScenarioLimits.DEFAULTS, Roots.NONE, s -> List.of(), Precision.Host.thisCpu());

  /** The plan of an admitted scenario, {@code precision = auto} resolved for the daemon's devices. */
  public Plan plan(Scenario scenario) {
    return Plan.of(scenario, host);
  }

  /** Reads the text; every problem of the file itself, named by line. */
  public Scenario parse(String text, String origin) {
    return ScenarioParser.parse(text, origin, limits, roots);
  }

  /** Whether {@link #check} has anything to do for this scenario (it may take a second: it loads a module). */
  public boolean needsInspection(Scenario scenario) {
    return scenario.torchscript() != null || scenario.dataset() != null && scenario.dataset().own() != null;
  }

  /** The problems of what the scenario's files hold, each prefixed with the scenario's origin; empty when there are none. */
  public List<String> check(Scenario scenario) {
    return inspect.apply(scenario).stream().map(p -> scenario.source() + ": " + p).toList();
  }
}
