package org.pathlab.api;

import java.util.Map;
import org.pathlab.experiment.ExperimentEvent;
import org.pathlab.scenario.Plan;

/** A run's trained parameters as a file PyTorch reads; supplied by the daemon (the API knows no engine). */
public interface WeightsOut {

  /**
   * The parameters task completion {@code done} recorded: a safetensors file for a built-in model,
   * the TorchScript module itself for a researcher's ({@code plan.torchscript()} not null), with
   * {@code metadata} in the safetensors header.
   */
  byte[] export(Plan plan, ExperimentEvent.TaskCompleted done, Map<String, String> metadata) throws Exception;
}
