package org.pathlab.scenario;

import org.pathlab.path.Step;

/**
 * What a plan costs before it runs: the number of task trainings, and the most image-epochs they
 * can take (every task running to its max epochs over the whole training split).
 */
public record PlanCost(int taskTrainings, int trainImages, long maxImageEpochs) {

  /** {@code officialTrainCount}: the size of the dataset's official training set. */
  public static PlanCost of(Plan plan, int officialTrainCount) {
    DatasetSpec d = plan.dataset();
    int train = d.trainSize() > 0 ? d.trainSize() : Math.max(0, officialTrainCount - d.validationSize());
    long imageEpochs = 0;
    for (RunSpec run : plan.runs()) {
      for (Step step : run.path().steps()) imageEpochs += (long) step.process().maxEpochs() * train;
    }
    return new PlanCost(plan.totalTasks(), train, imageEpochs);
  }
}
