package org.pathlab.train;

import org.pathlab.metrics.EpochMetrics;
import org.pathlab.metrics.TaskMetrics;
import org.pathlab.metrics.TrainedOn;
import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.pathlab.data.DatasetException;
import org.pathlab.data.DeviceDataset;
import org.pathlab.data.DeviceDataset.Split;
import org.pathlab.model.ActivationProbe;
import org.pathlab.model.BiasReset;
import org.pathlab.model.MemoryLayout;
import org.pathlab.model.TorchScriptModel;
import org.pathlab.path.LearningProcess;
import org.pathlab.path.Task;
import org.pathlab.train.PhaseClock.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one task of a learning path with DJL, synchronously, on one device. Knows nothing of
 * experiments or actors. Every source of randomness derives from (seed, task index, epoch), so a
 * task trained again from the same checkpoint yields the same parameters.
 */
public final class TaskTrainer implements TaskTraining {

  private static final Logger LOG = LoggerFactory.getLogger(TaskTrainer.class);
  private static final int EVAL_BATCH = 500;
  private static final Loss LOSS = Loss.softmaxCrossEntropyLoss();

  private final Device device;
  private final NDManager manager;
  private final DatasetCache datasets;
  private final Checkpoints checkpoints;
  private final List<Path> modelRoots;

  public TaskTrainer(Device device, List<Path> dataRoots, Path checkpointDirectory) {
    this(device, dataRoots, List.of(), checkpointDirectory);
  }

  /** {@code modelRoots}: where researchers' TorchScript modules may be read from ({@code pathlab.model-roots}). */
  public TaskTrainer(Device device, List<Path> dataRoots, List<Path> modelRoots, Path checkpointDirectory) {
    this.device = device;
    this.modelRoots = List.copyOf(modelRoots);
    this.manager = NDManager.newBaseManager(device, "PyTorch");
    this.datasets = new DatasetCache(manager, dataRoots);
    this.checkpoints = new Checkpoints(checkpointDirectory);
  }

  /**
   * Trains the task; every ending is an outcome, never an exception. {@code cancelled} is polled
   * between epochs, so a cancelled experiment stops within one epoch.
   */
  @Override
  public TaskOutcome train(TrainRequest request, EpochListener listener, BooleanSupplier cancelled) {
    try {
      return trainOrThrow(request, listener, cancelled);
    } catch (CheckpointException e) {
      return new TaskOutcome.CheckpointRejected(e.getMessage());
    } catch (DatasetException | IllegalArgumentException e) {
      return new TaskOutcome.Failed(e.getMessage(), false);
    } catch (Exception | LinkageError e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
      return new TaskOutcome.Failed(reason, true);
    }
  }

  public TaskOutcome train(TrainRequest request, EpochListener listener) {
    return train(request, listener, () -> false);
  }

  private TaskOutcome trainOrThrow(TrainRequest r, EpochListener live, BooleanSupplier cancelled) throws Exception {
    PhaseClock clock = new PhaseClock();
    DeviceDataset data = datasets.get(r.dataset());
    Shape imageShape = data.images(Split.TEST).getShape();
    Shape input = new Shape(1, imageShape.get(1), imageShape.get(2), imageShape.get(3));
    LearningProcess process = r.step().process();
    Task task = r.step().task();
    byte[] checkpoint = r.checkpoint() == null ? null : checkpoints.read(r.checkpoint(), r.checkpointSha256());

    try (NDManager taskManager = manager.newSubManager(device);
        Network network = open(r, input, taskManager, checkpoint)) {
      // the weights as drawn, before bias reset: equal hashes prove two runs started alike
      String initial = checkpoint == null ? Checkpoints.sha256(network.save()) : null;
      if (process.biasReset()) {
        BiasReset.apply(network.block(), process.biasResetDelta());
      }
      // The update is pathlab's Sgd (PyTorch's rule), made fresh for each task: a new learning
      // process, with no momentum carried over.
      Sgd sgd = new Sgd(network.block(), process.learningRate(), process.momentum(), process.weightDecay());
      clock.phaseEnded(Phase.SETUP);
      KeepBest keep = new KeepBest(network, data.size(Split.VALIDATION) > 0, process.maxEpochs(), process.patience());
      clock.phaseEnded(Phase.KEEP_BEST);
      TrainingListener listeners = TrainingListener.all(clock, TrainingListener.live(live, r.taskIndex()), keep);
      List<EpochMetrics> epochs = new ArrayList<>();
      for (int epoch = 1; epoch <= process.maxEpochs() && !keep.stop(); epoch++) {
        if (cancelled.getAsBoolean()) {
          return new TaskOutcome.Cancelled(epoch);
        }
        long[] order = DataOrder.permutation(data.size(Split.TRAIN), r.seed(), r.taskIndex(), epoch);
        listeners.phaseEnded(Phase.BATCH);
        double[] train = trainEpoch(network, taskManager, sgd, data, order, r, epoch, listeners);
        if (!Double.isFinite(train[0])) {
          return new TaskOutcome.Diverged(epoch, "training loss became " + train[0] + " in epoch " + epoch);
        }
        double[] validation = keep.validated() ? evaluate(network, taskManager, data, Split.VALIDATION, task, r) : new double[] {Double.NaN, Double.NaN};
        listeners.phaseEnded(Phase.VALIDATION);
        if (keep.validated() && !Double.isFinite(validation[0])) {
          return new TaskOutcome.Diverged(epoch, "validation loss became " + validation[0] + " in epoch " + epoch);
        }
        EpochMetrics metrics = new EpochMetrics(epoch, train[0], train[1], validation[0], validation[1]);
        epochs.add(metrics);
        listeners.epochEnded(metrics, network);
        listeners.phaseEnded(Phase.KEEP_BEST);
      }
      network.restore(keep.best());
      ActivationProbe.Result inside = probe(network, data, taskManager);
      double[] target = evaluate(network, taskManager, data, Split.TEST, Task.target(), r);
      double[] own = task.isTarget() ? target : evaluate(network, taskManager, data, Split.TEST, task, r);
      clock.phaseEnded(Phase.TEST);
      String file = checkpoints.write(keep.best());
      clock.phaseEnded(Phase.CHECKPOINT);
      // one line per task: where its time went (docs/benchmarks.md, "Where a task's time goes")
      LOG.info("task-profile run={} task={} epochs={} images={} {}", r.run(), r.taskIndex(), epochs.size(),
          data.size(Split.TRAIN), clock.summary());
      TaskMetrics metrics = new TaskMetrics(epochs.size(), keep.bestEpoch(), keep.bestLoss(), target[0], target[1], own[0], own[1],
          epochs, inside.weightNorm(), inside.biasNorm(), inside.deadFractions(), inside.stages(), initial);
      return new TaskOutcome.Completed(metrics, file, Checkpoints.sha256(keep.best()), new TrainedOn(null, null, device.toString()));
    }
  }

  /** The request's network: a built-in model, or the researcher's TorchScript module; from the checkpoint where there is one. */
  private Network open(TrainRequest r, Shape input, NDManager taskManager, byte[] checkpoint) throws Exception {
    if (!r.model().isTorchScript()) {
      if (r.cpuLayout() != null && !device.isGpu()) {
        // the layout the run's prefix key was made for, whatever this host's CPU would choose
        MemoryLayout layout = TrainRequest.NCHW.equals(r.cpuLayout()) ? MemoryLayout.NCHW : MemoryLayout.CHANNELS_LAST;
        return BuiltInNetwork.create(r.model().kind(), r.model().widths(), r.dataset().classes(), input, layout, r.precisionOrDefault(),
            taskManager, r.seed(), checkpoint);
      }
      return BuiltInNetwork.create(r.model().kind(), r.model().widths(), r.dataset().classes(), input, device, r.precisionOrDefault(),
          taskManager, r.seed(), checkpoint);
    }
    if (r.precisionOrDefault() != org.pathlab.model.Precision.FP32) {
      throw new IllegalArgumentException("a TorchScript module trains in fp32 only, not " + r.precision()
          + ": pathlab cannot cast inside the module's own code");
    }
    TorchScriptModel m = r.model().torchscript();
    if (m.channels() != input.get(1) || m.height() != input.get(2) || m.width() != input.get(3)) {
      throw new IllegalArgumentException("the model takes " + m.channels() + "×" + m.height() + "×" + m.width()
          + " images; the dataset gives " + input.get(1) + "×" + input.get(2) + "×" + input.get(3));
    }
    return TorchScriptNetwork.open(m, modelRoots, taskManager, r.seed(), checkpoint);
  }

  /**
   * One pass over the shuffled training split; returns {mean loss, accuracy}. The loss and the
   * count of correct predictions are summed on the device and read once, at the end of the epoch:
   * reading them every step would wait on the device and copy out twice per step.
   */
  private static double[] trainEpoch(Network network, NDManager parent, Sgd sgd, DeviceDataset data, long[] order, TrainRequest r,
      int epoch, TrainingListener listener) {
    Task task = r.step().task();
    int batchSize = r.step().process().batchSize();
    try (NDManager sums = parent.newSubManager()) {
      NDArray lossSum = sums.zeros(new Shape(), DataType.FLOAT64);
      NDArray correct = sums.zeros(new Shape(), DataType.INT64);
      for (int start = 0; start < order.length; start += batchSize) {
        long[] indices = java.util.Arrays.copyOfRange(order, start, Math.min(order.length, start + batchSize));
        try (NDManager step = parent.newSubManager()) {
          NDList batch = data.batch(Split.TRAIN, indices, step);
          listener.phaseEnded(Phase.BATCH);
          var random = TaskInputs.trainingRandom(r.seed(), r.taskIndex(), epoch, start / batchSize);
          NDArray x = TaskInputs.apply(batch.get(0), task, r.transforms(), random, data);
          NDArray y = batch.get(1);
          listener.phaseEnded(Phase.TRANSFORM);
          NDList prediction;
          NDArray loss;
          try (GradientCollector collector = new ThreadGradientCollector()) {
            prediction = network.forward(x, true);
            loss = LOSS.evaluate(new NDList(y), prediction);
            collector.backward(loss);
          }
          listener.phaseEnded(Phase.FORWARD_BACKWARD);
          try (ThreadGradientCollector.NoGrad off = ThreadGradientCollector.noGrad()) {
            lossSum.addi(loss.toType(DataType.FLOAT64, false).mul(indices.length));
            correct.addi(prediction.singletonOrThrow().argMax(1).eq(y).sum().toType(DataType.INT64, false));
          }
          listener.phaseEnded(Phase.METRICS);
          sgd.step();
          listener.phaseEnded(Phase.UPDATE);
        }
        listener.phaseEnded(Phase.BATCH); // closing the step's manager frees the batch's arrays
      }
      double[] result = {lossSum.getDouble() / order.length, (double) correct.getLong() / order.length};
      listener.phaseEnded(Phase.METRICS);
      return result;
    }
  }

  /** Mean loss and accuracy on a split under a task's transforms; no gradients. */
  private static double[] evaluate(Network network, NDManager parent, DeviceDataset data, Split split, Task task, TrainRequest r) {
    int n = data.size(split);
    var random = TaskInputs.evaluationRandom(r.seed(), r.taskIndex(), split);
    double lossSum = 0;
    long correct = 0;
    for (int start = 0; start < n; start += EVAL_BATCH) {
      int end = Math.min(n, start + EVAL_BATCH);
      long[] indices = new long[end - start];
      for (int i = 0; i < indices.length; i++) indices[i] = start + i;
      try (NDManager step = parent.newSubManager()) {
        NDList batch = data.batch(split, indices, step);
        NDArray x = TaskInputs.apply(batch.get(0), task, r.transforms(), random, data);
        NDArray y = batch.get(1);
        NDList prediction = network.forward(x, false);
        NDArray loss = LOSS.evaluate(new NDList(y), prediction);
        lossSum += loss.getFloat() * indices.length;
        correct += prediction.singletonOrThrow().argMax(1).eq(y).sum().getLong();
      }
    }
    return new double[] {lossSum / n, (double) correct / n};
  }

  /** Norms and dead ReLUs on a fixed probe: the first 256 clean test images. */
  private static ActivationProbe.Result probe(Network network, DeviceDataset data, NDManager manager) {
    int n = Math.min(256, data.size(Split.TEST));
    long[] indices = new long[n];
    for (int i = 0; i < n; i++) indices[i] = i;
    try (NDManager scope = manager.newSubManager()) {
      NDArray pixels = data.batch(Split.TEST, indices, scope).get(0);
      return ActivationProbe.measure(network.block(), network.reluStages(), data.normalize(pixels), scope);
    }
  }

  @Override
  public void close() {
    datasets.close();
    manager.close();
  }
}
