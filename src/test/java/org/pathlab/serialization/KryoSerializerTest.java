package org.pathlab.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.pathlab.daemon.Registrations;
import org.pathlab.experiment.ExperimentEvent;
import org.pathlab.experiment.ExperimentState;
import org.pathlab.experiment.ExperimentSupervisor;
import org.pathlab.model.SmallCnnWidths;
import org.pathlab.scenario.Arm;
import org.pathlab.scenario.DatasetSpec;
import org.pathlab.scenario.Plan;
import org.pathlab.scenario.RunSpec;
import org.pathlab.scenario.ScenarioParser;
import org.pathlab.metrics.EpochMetrics;
import org.pathlab.metrics.TaskMetrics;
import org.pathlab.train.TaskOutcome;
import org.pathlab.train.TrainRequest;
import org.pathlab.metrics.TrainedOn;
import org.pathlab.transform.BlurFilter;
import org.pathlab.transform.TransformSettings;
import org.pathlab.wire.PathlabSerializable;

/** Every event, state and message through the real serializer, as the journal and Pekko use it. */
class KryoSerializerTest {

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final Serialization serialization = SerializationExtension.get(Adapter.toClassic(testKit.system()));

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  static Plan quickstartPlan() throws Exception {
    // with a control arm and a metric, so that the fields added for them round-trip too
    String text = Files.readString(Path.of("scenarios/quickstart.conf")).replace("arms = [", "arms = [\n"
        + "  { name = \"repeat N = 2\", path = repeat, steps = 2 }\n"
        + "  { name = controlled, path = jump, transform = blur, control = \"repeat N = 2\" }\n") + "\nmetric = test-accuracy\n";
    return Plan.of(ScenarioParser.parse(text, "quickstart.conf"));
  }

  static TaskMetrics metrics() {
    return new TaskMetrics(3, 2, 0.41, 0.43, 0.84, 0.52, 0.8,
        List.of(new EpochMetrics(1, 0.9, 0.6, 0.5, 0.8), new EpochMetrics(2, 0.5, 0.8, 0.41, 0.85),
            new EpochMetrics(3, 0.4, 0.85, 0.42, 0.84)), 12.5, 0.75, List.of(0.0, 0.125, 0.5), List.of("conv1", "conv2", "fc1"),
        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  }

  static List<ExperimentEvent> events(Plan plan) {
    return List.of(
        new ExperimentEvent.ExperimentSubmitted("e1", plan, "name = quickstart\n", 1_700_000_000_000L),
        new ExperimentEvent.TaskCompleted("a1-s1", 0, metrics(), "abc.params", "abc", 1_700_000_000_001L, new TrainedOn("127.0.0.1:7355", "gpu0", "gpu(0)")),
        new ExperimentEvent.RunFinished("a1-s1"),
        new ExperimentEvent.RunDiverged("a1-s2", 1, 4, "training loss became NaN in epoch 4"),
        new ExperimentEvent.RunFailed("a1-s3", 0, "no dataset"),
        new ExperimentEvent.TaskAttemptFailed("a1-s3", 1, 2, "engine", 10_000),
        new ExperimentEvent.CheckpointRejected("a1-s3", 0, "hash mismatch"),
        new ExperimentEvent.ExperimentCancelled("by a user", 1_700_000_000_003L),
        new ExperimentEvent.ExperimentQuarantined("quarantined: the daemon stopped twice", 1_700_000_000_005L),
        new ExperimentEvent.TagsChanged(List.of("lr-sweep"), List.of("draft"), 1_700_000_000_004L),
        new ExperimentEvent.NoteAdded("seed 2 looks odd", 1_700_000_000_005L),
        new ExperimentEvent.ArchiveChanged(true, 1_700_000_000_006L),
        new ExperimentEvent.ExperimentFinished(1_700_000_000_002L));
  }

  private Object roundTrip(Object message) throws Exception {
    var serializer = serialization.findSerializerFor(message);
    assertInstanceOf(KryoSerializer.class, serializer, "bound to Kryo: " + message.getClass());
    byte[] bytes = serializer.toBinary(message);
    String manifest = Serializers.manifestFor(serializer, message);
    return serialization.deserialize(bytes, serializer.identifier(), manifest).get();
  }

  @Test
  void everyEventStateAndMessageRoundTrips() throws Exception {
    Plan plan = quickstartPlan();
    TestProbe<org.pathlab.experiment.ExperimentReply> replies = testKit.createTestProbe();
    TestProbe<ExperimentState> states = testKit.createTestProbe();
    ExperimentState state = ExperimentState.empty("e1");
    for (ExperimentEvent e : events(plan).subList(0, 2)) state = state.apply(e);

    Set<Class<?>> covered = new HashSet<>();
    List<Object> messages = new java.util.ArrayList<>(events(plan));
    messages.add(state);
    messages.add(new ExperimentSupervisor.Submit(plan, "text", replies.getRef()));
    messages.add(new ExperimentSupervisor.GetState(states.getRef()));
    messages.add(new ExperimentSupervisor.TaskDone("a1-s1", 0, new TaskOutcome.Completed(metrics(), "f", "h", new TrainedOn(null, null, "cpu()")), 7L));
    messages.add(new ExperimentSupervisor.TaskDone("a1-s1", 0, new TaskOutcome.Diverged(2, "NaN"), 7L));
    messages.add(new ExperimentSupervisor.TaskDone("a1-s1", 0, new TaskOutcome.Failed("boom", true), 7L));
    messages.add(new ExperimentSupervisor.TaskDone("a1-s1", 1, new TaskOutcome.CheckpointRejected("bad"), 7L));
    messages.add(new ExperimentSupervisor.TaskDone("a1-s1", 1, new TaskOutcome.Cancelled(3), 7L));
    messages.add(new ExperimentSupervisor.Cancel("why", replies.getRef()));
    messages.add(new ExperimentSupervisor.Annotate(new ExperimentEvent.NoteAdded("n", 1), replies.getRef()));
    messages.add(new org.pathlab.experiment.ExperimentReply.Annotated("e1", state.apply(new ExperimentEvent.NoteAdded("n", 7))
        .apply(new ExperimentEvent.TagsChanged(List.of("x"), List.of(), 8)).annotations(), 4));
    messages.add(new org.pathlab.experiment.ExperimentReply.Accepted("e1", 3));
    messages.add(org.pathlab.experiment.ExperimentReply.refused(org.pathlab.experiment.ExperimentReply.Refusal.NOT_RECORDED, "disk full"));
    messages.add(new ExperimentSupervisor.RetryTask("a1-s1", 1));
    messages.add(new org.pathlab.experiment.RunState.NextTask(1, "f", "h"));
    var trainRequest = new TrainRequest("e1/a1-s1", 1, 0, plan.dataset(), plan.model(), plan.transforms(),
        plan.runs().get(0).path().step(0), "f", "h", plan.widths());
    TestProbe<TaskOutcome> outcomes = testKit.createTestProbe();
    messages.add(new org.pathlab.experiment.Trainer.Train("e1", "a1-s1", trainRequest, outcomes.getRef()));
    // a researcher's TorchScript module, as a plan and a request carry it
    var own = new org.pathlab.model.TorchScriptModel("nets/mine.pt", "ab".repeat(32), 1, 28, 28, 10,
        org.pathlab.model.TorchScriptModel.Init.FILE);
    var ownData = new org.pathlab.scenario.DatasetSpec("image-folder", 100, 20, 0, 3, 0, 0, new org.pathlab.scenario.OwnDataset(
        "image-folder", "faces", "cd".repeat(32), 3, 64, 48, true, 0.2, 7, 800, 200));
    messages.add(new org.pathlab.experiment.Trainer.Train("e1", "a1-s1", new TrainRequest("e1/a1-s1", 1, 0, ownData,
        org.pathlab.model.TorchScriptModel.NAME, plan.transforms(), plan.runs().get(0).path().step(0), null, null, null, own),
        outcomes.getRef()));
    // a search's events (searching.SearchSupervisor's journal)
    var search = org.pathlab.scenario.ScenarioParser.parse(org.pathlab.scenario.SearchBlockTest.SEARCH, "s.conf");
    var uses = List.of(new org.pathlab.search.JobResult.PrefixUse("ab12", "blur 1.00 (lr 0.01)", 0, 1, 2, false),
        new org.pathlab.search.JobResult.PrefixUse(null, "clean (lr 0.01)", 0, 1, 2, true));
    messages.add(new org.pathlab.search.SearchEvent.SearchSubmitted("search-1", Plan.of(search), search.search(), "text", 1));
    messages.add(new org.pathlab.search.SearchEvent.JobStarted(0, 3, 1, 2, "search-1-j0"));
    messages.add(new org.pathlab.search.SearchEvent.JobScored(0, new org.pathlab.search.JobResult(List.of(1L, 2L), List.of(-0.01, 0.02),
        null, uses)));
    messages.add(new org.pathlab.search.SearchEvent.JobScored(1, new org.pathlab.search.JobResult(List.of(), List.of(), "run a1-s1 diverged",
        List.of())));
    messages.add(new org.pathlab.search.SearchEvent.ConfirmationStarted(List.of(3, 1), "search-1-c"));
    messages.add(new org.pathlab.search.SearchEvent.SearchFinished(2, 40));
    messages.add(new org.pathlab.search.SearchEvent.SearchCancelled("by a user", 3));
    for (Object m : messages) {
      Object back = roundTrip(m);
      assertEquals(m, back, "round trip of " + m.getClass().getSimpleName());
      reach(m, covered);
    }
    for (Class<?> type : markedClasses()) {
      assertTrue(Registrations.RECORDS.contains(type) || Registrations.ENUMS.contains(type),
          type.getName() + " carries PathlabSerializable but is not in Registrations");
      assertTrue(covered.contains(type), "no round-trip case reaches " + type.getName() + "; add one above");
    }
  }

  /** Every concrete class under org.pathlab's main classes that carries the marker. */
  static List<Class<?>> markedClasses() {
    var classes = new com.tngtech.archunit.core.importer.ClassFileImporter()
        .withImportOption(com.tngtech.archunit.core.importer.ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.pathlab");
    List<Class<?>> marked = new java.util.ArrayList<>();
    for (var c : classes) {
      if (c.isAssignableTo(PathlabSerializable.class) && !c.isInterface()
          && !c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.ABSTRACT)) {
        marked.add(c.reflect());
      }
    }
    assertTrue(marked.size() > 30, "the import found the marked classes: " + marked);
    return marked;
  }

  /** Adds the class of {@code value} and of every record component, list element and enum inside it. */
  private static void reach(Object value, Set<Class<?>> seen) throws Exception {
    if (value == null) return;
    seen.add(value.getClass());
    if (value instanceof Iterable<?> items) {
      for (Object item : items) reach(item, seen);
    } else if (value instanceof Record) {
      for (var component : value.getClass().getRecordComponents()) {
        var accessor = component.getAccessor();
        accessor.setAccessible(true);
        reach(accessor.invoke(value), seen);
      }
    }
  }

  @Test
  void anActorReferenceStillWorksAfterTheRoundTrip() throws Exception {
    TestProbe<ExperimentState> probe = testKit.createTestProbe();
    var back = (ExperimentSupervisor.GetState) roundTrip(new ExperimentSupervisor.GetState(probe.getRef()));
    back.replyTo().tell(ExperimentState.empty("x"));
    assertEquals("x", probe.receiveMessage().experimentId());
  }

  record Unregistered(String a) implements PathlabSerializable {}

  @Test
  void anUnregisteredClassIsRefused() {
    var serializer = serialization.findSerializerFor(new Unregistered("a"));
    assertThrows(IllegalArgumentException.class, () -> serializer.toBinary(new Unregistered("a")));
  }

  // ---- evolution: records are written by field name, so old bytes still read ----

  record EventV1(String run, int task) {}

  record EventV2(String run, int task, double loss, List<String> notes, boolean flag) {}

  record EventV3(int task, double loss) {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <T> T write(Object value, Class<?> readAs) {
    Kryo writer = new Kryo();
    writer.register(value.getClass(), new RecordSerializer(value.getClass()), 900);
    writer.register(List.of("x").getClass(), new ImmutableListSerializer(), 901);
    Output out = new Output(256, -1);
    writer.writeObject(out, value);
    Kryo reader = new Kryo();
    reader.register(readAs, new RecordSerializer(readAs), 900);
    reader.register(List.of("x").getClass(), new ImmutableListSerializer(), 901);
    return (T) reader.readObject(new Input(out.toBytes()), readAs);
  }

  @Test
  void anEventThatGainedFieldsReadsOldBytesWithDefaults() {
    EventV2 read = write(new EventV1("r1", 3), EventV2.class);
    assertEquals(new EventV2("r1", 3, 0.0, null, false), read);
  }

  /** TransformSettings as it was before the blur filter was a setting. */
  record TransformSettingsBeforeBlurFilter(int shiftMax) {}

  @Test
  void transformSettingsWrittenBeforeTheBlurFilterReadAsBilinear() {
    TransformSettings read = write(new TransformSettingsBeforeBlurFilter(5), TransformSettings.class);
    assertEquals(new TransformSettings(5, BlurFilter.BILINEAR), read);
  }

  @Test
  void aPlanWithAnotherBlurFilterRoundTrips() throws Exception {
    Plan plan = Plan.of(ScenarioParser.parse(Files.readString(Path.of("scenarios/quickstart.conf"))
        + "\ntransforms { blur-filter = antialias, shift-max = 3 }\n", "quickstart.conf"));
    var submitted = new ExperimentEvent.ExperimentSubmitted("e1", plan, "text", 1L);
    var back = (ExperimentEvent.ExperimentSubmitted) roundTrip(submitted);
    assertEquals(new TransformSettings(3, BlurFilter.ANTIALIAS), back.plan().transforms());
    assertEquals(submitted, back);
  }

  @Test
  void aPlanWithSmallCnnWidthsRoundTrips() throws Exception {
    Plan plan = Plan.of(ScenarioParser.parse(Files.readString(Path.of("scenarios/quickstart.conf"))
        + "\nmodel { name = small-cnn, channels = [32, 64], hidden = 128 }\n", "quickstart.conf"));
    var submitted = new ExperimentEvent.ExperimentSubmitted("e1", plan, "text", 1L);
    var back = (ExperimentEvent.ExperimentSubmitted) roundTrip(submitted);
    assertEquals(new SmallCnnWidths(32, 64, 128), back.plan().widths());
    assertEquals(submitted, back);
    var request = new TrainRequest("e1/a0-s1", 1, 0, plan.dataset(), plan.model(), plan.transforms(), plan.runs().get(0).path().step(0),
        null, null, plan.widths());
    TestProbe<TaskOutcome> outcomes = testKit.createTestProbe();
    var train = new org.pathlab.experiment.Trainer.Train("e1", "a0-s1", request, outcomes.getRef());
    var trainBack = (org.pathlab.experiment.Trainer.Train) roundTrip(train);
    assertEquals(request, trainBack.request());
    assertEquals(new SmallCnnWidths(32, 64, 128), trainBack.request().model().widths());
  }

  /** Plan as it was before the small CNN's widths were a setting. */
  record PlanBeforeWidths(String scenarioName, DatasetSpec dataset, String model, TransformSettings transforms, List<Arm> arms,
      List<RunSpec> runs, boolean noReuse, Double detectableGap) {}

  @Test
  void aPlanWrittenBeforeWidthsReadsAsTheDefaultSmallCnn() throws Exception {
    Plan plan = quickstartPlan();
    Kryo writer = new Kryo();
    writer.setRegistrationRequired(false);
    writer.register(PlanBeforeWidths.class, new RecordSerializer<>(PlanBeforeWidths.class), 900);
    writer.register(List.of().getClass(), new ImmutableListSerializer(), 901);
    Output out = new Output(256, -1);
    writer.writeObject(out, new PlanBeforeWidths(plan.scenarioName(), null, plan.model(), null, List.of(), List.of(), false, null));
    Kryo reader = new Kryo();
    reader.setRegistrationRequired(false);
    reader.register(Plan.class, new RecordSerializer<>(Plan.class), 900);
    reader.register(List.of().getClass(), new ImmutableListSerializer(), 901);
    Plan read = reader.readObject(new Input(out.toBytes()), Plan.class);
    assertEquals(SmallCnnWidths.DEFAULT, read.widths());
    assertEquals("small-cnn (channels 16, 32; hidden 64)", read.modelDescription());
  }

  @Test
  void anEventThatLostOrReorderedFieldsSkipsWhatItNoLongerHas() {
    EventV3 read = write(new EventV2("r1", 3, 0.25, List.of("n"), true), EventV3.class);
    assertEquals(new EventV3(3, 0.25), read);
  }
}
