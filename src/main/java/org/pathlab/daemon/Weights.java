package org.pathlab.daemon;

import java.nio.file.Path;
import java.util.Map;
import org.pathlab.api.WeightsOut;
import org.pathlab.experiment.ExperimentEvent;
import org.pathlab.model.WeightsExport;
import org.pathlab.scenario.DatasetSpec;
import org.pathlab.scenario.Plan;
import org.pathlab.train.Checkpoints;

/** {@link WeightsOut} from the checkpoint directory: each file read back against its recorded SHA-256. */
final class Weights implements WeightsOut {

  private final Checkpoints checkpoints;

  Weights(Path checkpointDir) {
    this.checkpoints = new Checkpoints(checkpointDir);
  }

  @Override
  public byte[] export(Plan plan, ExperimentEvent.TaskCompleted done, Map<String, String> metadata) throws Exception {
    byte[] checkpoint = checkpoints.read(done.checkpoint(), done.checkpointSha256());
    if (plan.torchscript() != null) return checkpoint; // the module itself: torch.jit.load reads it
    return WeightsExport.safetensors(plan.model(), plan.widths(), plan.dataset().classes(), input(plan.dataset()), checkpoint, metadata);
  }

  /** C, H, W of the images the model was trained on, where the plan says them all; else null (read off the weights). */
  private static int[] input(DatasetSpec d) {
    if (d.own() != null) {
      return new int[] {d.channels() != 0 ? d.channels() : d.own().channels(), d.size() != 0 ? d.size() : d.own().height(),
          d.size() != 0 ? d.size() : d.own().width()};
    }
    return d.channels() != 0 && d.size() != 0 ? new int[] {d.channels(), d.size(), d.size()} : null;
  }
}
