package org.pathlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.pathlab.train.TrainRequest;
import org.pathlab.scenario.Plan;
import org.pathlab.scenario.ScenarioParser;

/**
 * Two nodes with different CPUs (issue T, Observed 4): the supervisor's host makes the prefix key
 * and names the layout in every train request, so the trainer on the other host trains in the
 * layout the key says. Simulated with the notes each kind of host gives: one without AVX-512 (where
 * ResNet-18 trains NCHW) and one with it (channels-last).
 */
class LayoutAcrossNodesTest {

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final String CPU = "cpu threads=2 interop=1";
  private static final Map<String, String> NO_AVX512 = Map.of("resnet-18", " layout=nchw", "small-cnn", "");
  private static final Map<String, String> AVX512 = Map.of("resnet-18", "", "small-cnn", "");

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static Plan resnet() {
    return Plan.of(ScenarioParser.parse("""
        name = layouts
        dataset { name = fashion-mnist, train-size = 200, validation-size = 100, test-size = 200, channels = 3, size = 32 }
        model = resnet-18
        arms = [{ name = baseline, path = baseline }]
        seeds = [1]
        """, "layouts.conf"));
  }

  private static PrefixReuse reuse(Map<String, String> notes) {
    return new PrefixReuse("e1", new PrefixReuse.Settings(null, CPU, true, notes), null, null);
  }

  @Test
  void theLayoutInTheRequestIsTheOneInTheKey() {
    Plan plan = resnet();
    PrefixReuse withoutAvx512 = reuse(NO_AVX512);
    PrefixReuse withAvx512 = reuse(AVX512);
    assertEquals(TrainRequest.NCHW, withoutAvx512.cpuLayout(plan));
    var run = plan.runs().get(0);
    assertEquals(PrefixKey.of(plan, run, 0, CPU + " layout=nchw"), withoutAvx512.key(plan, run.id(), 0), "its key names NCHW");
    assertEquals(TrainRequest.CHANNELS_LAST, withAvx512.cpuLayout(plan));
    assertEquals(PrefixKey.of(plan, run, 0, CPU), withAvx512.key(plan, run.id(), 0), "its key names none (channels-last)");
    assertNull(reuse(Map.of()).cpuLayout(plan), "no note known: the trainer's host decides");

    // the supervisor's runs put its layout into the request, whatever host the trainer is on
    TestProbe<PrefixRegistry.Command> registry = testKit.createTestProbe();
    TestProbe<DeviceQueue.Command> queue = testKit.createTestProbe();
    TestProbe<DeviceQueue.Trained> replies = testKit.createTestProbe();
    PrefixReuse claiming = new PrefixReuse("e1", new PrefixReuse.Settings(registry.getRef(), CPU, true, NO_AVX512), null, null);
    Runners runners = new Runners("e1", queue.getRef(), replies.getRef(), claiming);
    ExperimentState state = ExperimentState.empty("e1").apply(new ExperimentEvent.ExperimentSubmitted("e1", plan, "text", 1L));
    runners.startUnfinished(state); // claims the first prefix of every run
    runners.train(state.run(run.id())); // as when the registry answers "train it"
    DeviceQueue.Train train = queue.expectMessageClass(DeviceQueue.Train.class, Duration.ofSeconds(5));
    assertEquals(TrainRequest.NCHW, train.request().cpuLayout());
  }
}
