package org.pathlab.daemon;

import java.util.List;
import org.pathlab.experiment.ExperimentEvent;
import org.pathlab.experiment.ExperimentState;
import org.pathlab.experiment.ExperimentSupervisor;
import org.pathlab.experiment.RunState;
import org.pathlab.experiment.RunStatus;
import org.pathlab.path.LearningPath;
import org.pathlab.path.LearningProcess;
import org.pathlab.path.Step;
import org.pathlab.path.Task;
import org.pathlab.path.TransformLevel;
import org.pathlab.scenario.Arm;
import org.pathlab.scenario.DatasetSpec;
import org.pathlab.scenario.Plan;
import org.pathlab.scenario.RunSpec;
import org.pathlab.serialization.KryoRegistrations;
import org.pathlab.metrics.EpochMetrics;
import org.pathlab.metrics.TaskMetrics;
import org.pathlab.train.TaskOutcome;

/**
 * Every class Kryo may meet, with its registration id: the daemon's wiring, named in {@code
 * pathlab.serialization.registrations}. The journal stores these ids: append new classes at the end
 * with the next id; never reorder, reuse or remove an id.
 */
public final class Registrations implements KryoRegistrations {

  /** Records, in id order from {@link #FIRST_ID}. */
  public static final List<Class<? extends Record>> RECORDS =
      List.of(
          TransformLevel.class, // 100
          Task.class,
          LearningProcess.class,
          Step.class,
          LearningPath.class,
          DatasetSpec.class, // 105
          Arm.class,
          RunSpec.class,
          Plan.class,
          EpochMetrics.class,
          TaskMetrics.class, // 110
          TaskOutcome.Completed.class,
          TaskOutcome.Diverged.class,
          TaskOutcome.Failed.class,
          ExperimentEvent.ExperimentSubmitted.class,
          ExperimentEvent.TaskCompleted.class, // 115
          ExperimentEvent.RunFinished.class,
          ExperimentEvent.RunDiverged.class,
          ExperimentEvent.RunFailed.class,
          ExperimentEvent.ExperimentFinished.class,
          RunState.class, // 120
          ExperimentState.class,
          ExperimentSupervisor.Submit.class,
          ExperimentSupervisor.GetState.class,
          ExperimentSupervisor.TaskDone.class,
          org.pathlab.experiment.RunState.NextTask.class, // 125 (was PathRunner.TrainTask, the same message, never journaled)
          org.pathlab.transform.TransformSettings.class,
          ExperimentEvent.TaskAttemptFailed.class,
          ExperimentEvent.CheckpointRejected.class,
          ExperimentEvent.ExperimentCancelled.class,
          ExperimentSupervisor.Cancel.class, // 130
          ExperimentSupervisor.RetryTask.class,
          TaskOutcome.CheckpointRejected.class,
          TaskOutcome.Cancelled.class,
          org.pathlab.experiment.Trainer.Train.class, // 134
          org.pathlab.train.TrainRequest.class, // 135
          org.pathlab.model.SmallCnnWidths.class, // 136
          org.pathlab.experiment.ExperimentReply.Accepted.class,
          org.pathlab.experiment.ExperimentReply.Refused.class, // 138
          org.pathlab.metrics.TrainedOn.class, // 139
          org.pathlab.model.TorchScriptModel.class, // 140
          org.pathlab.scenario.OwnDataset.class, // 141
          ExperimentEvent.TagsChanged.class, // 142
          ExperimentEvent.NoteAdded.class,
          ExperimentEvent.ArchiveChanged.class,
          org.pathlab.experiment.Annotations.class, // 145
          org.pathlab.experiment.Annotations.Note.class,
          ExperimentSupervisor.Annotate.class,
          org.pathlab.experiment.ExperimentReply.Annotated.class, // 148
          ExperimentEvent.ExperimentQuarantined.class, // 149
          org.pathlab.model.ModelSpec.class, // 150
          org.pathlab.scenario.RunRef.class, // 151
          org.pathlab.scenario.SearchSpec.class,
          org.pathlab.scenario.SearchSpec.Candidate.class,
          org.pathlab.search.SearchEvent.SearchSubmitted.class,
          org.pathlab.search.SearchEvent.JobStarted.class, // 155
          org.pathlab.search.SearchEvent.JobScored.class,
          org.pathlab.search.SearchEvent.ConfirmationStarted.class,
          org.pathlab.search.SearchEvent.SearchFinished.class,
          org.pathlab.search.SearchEvent.SearchCancelled.class,
          org.pathlab.search.JobResult.class, // 160
          org.pathlab.search.JobResult.PrefixUse.class);

  /** Enums, in id order from {@link #FIRST_ENUM_ID}. */
  public static final List<Class<? extends Enum<?>>> ENUMS = List.of(RunStatus.class, ExperimentState.Status.class,
      org.pathlab.transform.BlurFilter.class, // 402
      org.pathlab.experiment.ExperimentReply.Refusal.class, // 403
      org.pathlab.model.TorchScriptModel.Init.class); // 404

  @Override
  public List<Class<? extends Record>> records() {
    return RECORDS;
  }

  @Override
  public List<Class<? extends Enum<?>>> enums() {
    return ENUMS;
  }
}
