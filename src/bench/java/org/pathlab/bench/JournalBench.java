package org.pathlab.bench;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.pathlab.daemon.Daemon;
import org.pathlab.experiment.ExperimentEvent;
import org.pathlab.scenario.Plan;
import org.pathlab.scenario.ScenarioParser;
import org.pathlab.metrics.EpochMetrics;
import org.pathlab.metrics.TaskMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "journal",
    description = "Write a journal of synthetic finished experiments (to measure `pathlab replay` on): "
        + "5 arms × --seeds seeds (default 10: 152 events per experiment); with --unfinished, each experiment stays "
        + "running with nothing left to train (every run finished, no ExperimentFinished), to measure watchers on.")
final class JournalBench implements Callable<Integer> {

  private static final String SCENARIO = """
      name = replay-bench
      dataset { name = fashion-mnist }
      arms = [{ name = baseline, path = baseline }]
      arm-grid = [{ name = "lr {per-task.learning-rate}", path = jump, transform = blur,
        vary { per-task.learning-rate = [[1e-3, 1e-3], [2e-3, 2e-3], [5e-4, 5e-4], [1e-3, 2e-3]] } }]
      seeds = SEEDS
      """;

  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Option(names = "--events", defaultValue = "100000") int events;
  @Option(names = "--data-dir", required = true) Path dataDir;
  @Option(names = "--seeds", defaultValue = "10", description = "seeds per arm") int seeds;
  @Option(names = "--unfinished", description = "leave every experiment running, with nothing left to train") boolean unfinished;

  @Override
  public Integer call() throws Exception {
    if (seeds < 1 || seeds > 1000) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--seeds: use 1 to 1000");
    String scenario = SCENARIO.replace("SEEDS", java.util.stream.IntStream.rangeClosed(1, seeds).boxed().toList().toString());
    Plan plan = Plan.of(ScenarioParser.parse(scenario, "replay-bench"));
    long start = System.nanoTime();
    int written = 0;
    int experiments = 0;
    try (Daemon daemon = Daemon.start(ConfigFactory.parseMap(Map.of("pathlab.data-dir", dataDir.toString(), "pathlab.http.port", 0)))) {
      SplittableRandom random = new SplittableRandom(1);
      while (written < events) {
        String id = String.format("bench-%06d", experiments++);
        List<ExperimentEvent> all = experiment(id, plan, scenario, random);
        List<ExperimentEvent> batch = unfinished ? all.subList(0, all.size() - 1) : all;
        ActorRef<JournalWriter.Write> writer = daemon.system().systemActorOf(JournalWriter.create(id), id, Props.empty());
        CompletableFuture<Done> done = AskPattern.<JournalWriter.Write, Done>ask(writer,
            replyTo -> new JournalWriter.Write(batch, replyTo), Duration.ofMinutes(1), daemon.system().scheduler()).toCompletableFuture();
        done.get();
        written += batch.size();
      }
    }
    spec.commandLine().getOut().println(String.format(Locale.ROOT,
        "{\"experiments\":%d,\"events\":%d,\"seconds\":%.2f}", experiments, written, (System.nanoTime() - start) / 1e9));
    return 0;
  }

  private static List<ExperimentEvent> experiment(String id, Plan plan, String scenario, SplittableRandom random) {
    List<ExperimentEvent> events = new ArrayList<>();
    long t = 1_700_000_000_000L;
    events.add(new ExperimentEvent.ExperimentSubmitted(id, plan, scenario, t));
    for (var run : plan.runs()) {
      for (int task = 0; task < run.path().size(); task++) {
        List<EpochMetrics> epochs = new ArrayList<>();
        for (int e = 1; e <= 8; e++) {
          epochs.add(new EpochMetrics(e, 1.0 / e, 0.5 + e / 20.0, 1.1 / e, 0.5 + e / 21.0));
        }
        double loss = 0.4 + random.nextDouble() * 0.2;
        events.add(new ExperimentEvent.TaskCompleted(run.id(), task,
            new TaskMetrics(8, 6, loss, loss, 0.85, loss, 0.85, epochs, 12.0, 0.8, List.of(0.05, 0.1, 0.2)), "x.params", "x", ++t, new org.pathlab.metrics.TrainedOn(null, "cpu", "cpu()")));
      }
      events.add(new ExperimentEvent.RunFinished(run.id()));
    }
    events.add(new ExperimentEvent.ExperimentFinished(++t));
    return events;
  }
}
