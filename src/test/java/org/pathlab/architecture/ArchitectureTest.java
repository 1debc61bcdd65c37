package org.pathlab.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency picture of the design ("Dependencies point one way", docs/architecture.md), enforced over the
 * compiled main classes: a change that imports against the direction fails here, naming the
 * class, the dependency and the line.
 */
class ArchitectureTest {

  private static final String ROOT = "org.pathlab.";

  /**
   * Which of pathlab's packages each package may use. Packages not listed may use none; a new
   * package must be placed here.
   */
  static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
      Map.entry("wire", Set.of()),
      Map.entry("storage", Set.of()),
      Map.entry("data", Set.of()),
      Map.entry("transform", Set.of("wire")),
      Map.entry("path", Set.of("wire")),
      Map.entry("model", Set.of("wire")),
      Map.entry("serialization", Set.of("wire")),
      Map.entry("metrics", Set.of("wire")),
      Map.entry("search", Set.of("wire", "metrics", "model", "path", "transform", "scenario", "storage", "experiment", "report")),
      Map.entry("scenario", Set.of("wire", "data", "model", "path", "transform")),
      Map.entry("train", Set.of("wire", "metrics", "data", "model", "path", "transform", "scenario")),
      Map.entry("experiment", Set.of("wire", "metrics", "model", "path", "transform", "scenario", "storage", "train")),
      Map.entry("report", Set.of("wire", "metrics", "model", "path", "transform", "scenario", "storage", "experiment")),
      Map.entry("searching", Set.of("wire", "metrics", "path", "scenario", "experiment", "search")),
      Map.entry("api", Set.of("wire", "metrics", "path", "scenario", "storage", "experiment", "report", "search", "searching")),
      Map.entry("daemon", Set.of("wire", "metrics", "data", "model", "path", "transform", "scenario", "serialization", "storage", "train",
          "experiment", "report", "api", "search", "searching")),
      Map.entry("bench", Set.of("wire", "metrics", "data", "model", "path", "transform", "scenario", "serialization", "storage", "train",
          "experiment", "report", "daemon", "search")),
      Map.entry("cli", Set.of("wire", "metrics", "data", "model", "path", "transform", "scenario", "storage", "train", "report", "daemon", "search")));

  /** What the report may know of the write side: its events, the fold over them, and the ids. */
  static final Set<String> REPORT_VISIBLE_EXPERIMENT = Set.of(
      "ExperimentEvent", "ExperimentState", "RunState", "RunStatus", "ExperimentIds");

  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.pathlab");
  }

  static String packageOf(JavaClass c) {
    String name = c.getPackageName();
    if (!name.startsWith(ROOT)) return null;
    String rest = name.substring(ROOT.length());
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }

  /** DJL itself, or a class that depends on it directly. */
  static boolean usesDjl(JavaClass c) {
    return c.getPackageName().startsWith("ai.djl")
        || c.getDirectDependenciesFromSelf().stream().anyMatch(d -> d.getTargetClass().getPackageName().startsWith("ai.djl"));
  }

  /** Dependencies from pathlab's classes to pathlab's classes in another package, as "from -> to (where)". */
  static List<String> violations(JavaClasses classes, Map<String, Set<String>> allowed) {
    Set<String> found = new TreeSet<>();
    for (JavaClass c : classes) {
      String from = packageOf(c);
      if (from == null) continue;
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        String to = packageOf(d.getTargetClass());
        if (to == null || to.equals(from)) continue;
        if (!allowed.containsKey(from) || !allowed.get(from).contains(to)) {
          found.add(from + " -> " + to + ": " + d.getDescription());
        }
      }
    }
    return new ArrayList<>(found);
  }

  @Test
  void everyPackageIsPlaced() {
    Set<String> packages = new TreeSet<>();
    for (JavaClass c : main) if (packageOf(c) != null) packages.add(packageOf(c));
    assertTrue(ALLOWED.keySet().containsAll(packages),
        "packages without a place in the picture: " + packages.stream().filter(p -> !ALLOWED.containsKey(p)).toList());
  }

  @Test
  void packagesDependOnlyInTheDrawnDirection() {
    List<String> wrong = violations(main, ALLOWED);
    assertTrue(wrong.isEmpty(), "dependencies against the design's direction:\n" + String.join("\n", wrong));
  }

  @Test
  void thePackagesFormNoCycle() {
    slices().matching("org.pathlab.(*)..").should().beFreeOfCycles().check(main);
  }

  @Test
  void thePlainPackagesKnowNoActors() {
    noClasses().that().resideInAnyPackage("..pathlab.scenario..", "..pathlab.path..", "..pathlab.data..",
            "..pathlab.transform..", "..pathlab.model..", "..pathlab.wire..", "..pathlab.train..", "..pathlab.metrics..",
            "..pathlab.search..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.pekko..")
        .because("scenario, path, data, transform, model, train, metrics and search are plain Java, testable alone (docs/architecture.md)")
        .check(main);
  }

  /** What training measured travels as plain records the report reads without knowing the engine. */
  @Test
  void theMetricsAreRecordsWithoutTheEngine() {
    noClasses().that().resideInAPackage("..pathlab.metrics..").should().dependOnClassesThat()
        .resideInAnyPackage("ai.djl..", "org.apache.pekko..")
        .because("the report reads TaskMetrics, EpochMetrics and TrainedOn from events (docs/architecture.md)").check(main);
    noClasses().that().resideInAnyPackage("..pathlab.report..", "..pathlab.api..").should().dependOnClassesThat()
        .resideInAPackage("..pathlab.train..")
        .because("the read side and the API know training by its metrics only").check(main);
  }

  @Test
  void theReportReadsEventsPlanAndStatisticsOnly() {
    DescribedPredicate<JavaClass> trainingCode = new DescribedPredicate<>("training code (DJL, a class that uses it, "
        + "or a train/model class that is not a record)") {
      @Override
      public boolean test(JavaClass c) {
        String p = packageOf(c);
        return usesDjl(c) || ("train".equals(p) || "model".equals(p)) && !c.reflect().isRecord();
      }
    };
    DescribedPredicate<JavaClass> writeSide = new DescribedPredicate<>("the write side beyond events, state and ids") {
      @Override
      public boolean test(JavaClass c) {
        if (!"experiment".equals(packageOf(c))) return false;
        String top = c.getName().substring(c.getPackageName().length() + 1).split("\\$")[0];
        return !REPORT_VISIBLE_EXPERIMENT.contains(top);
      }
    };
    noClasses().that().resideInAnyPackage("..pathlab.report..", "..pathlab.api..").should().dependOnClassesThat(trainingCode)
        .because("reports and views are built from events, the plan and statistics (docs/architecture.md)").check(main);
    noClasses().that().resideInAPackage("..pathlab.report..").should().dependOnClassesThat(writeSide).check(main);
  }

  @Test
  void theExperimentKnowsTrainingOnlyByItsProtocol() {
    DescribedPredicate<JavaClass> engine = new DescribedPredicate<>("DJL, or a class that uses it") {
      @Override
      public boolean test(JavaClass c) {
        return usesDjl(c);
      }
    };
    noClasses().that().resideInAPackage("..pathlab.experiment..").should().dependOnClassesThat(engine).check(main);
  }

  /** Classes (top level) outside {@code experiment} that call {@code ExperimentState.apply}: who folds events. */
  static Set<String> folders(JavaClasses classes) {
    Set<String> found = new TreeSet<>();
    for (JavaClass c : classes) {
      if ("experiment".equals(packageOf(c))) continue;
      boolean folds = c.getMethodCallsFromSelf().stream().anyMatch(call -> call.getTargetOwner().getName()
          .equals("org.pathlab.experiment.ExperimentState") && call.getName().equals("apply"));
      if (folds) found.add(c.getName().split("\\$")[0]);
    }
    return found;
  }

  /**
   * One read side: besides the write side's own fold (the supervisor's state), events are folded
   * only by the report projection, and by `pathlab replay`, which runs the same fold over a journal
   * file offline. Status, lists, watches and reports read what the projection folded.
   */
  @Test
  void theProjectionIsTheReadSidesOnlyFold() {
    assertEquals(Set.of("org.pathlab.report.GroupFold", "org.pathlab.daemon.Replay"), folders(main));
  }

  /** The API answers from the read side: it neither folds events nor queries the journal. */
  @Test
  void theApiFoldsNoEvents() {
    noClasses().that().resideInAPackage("..pathlab.api..").should().dependOnClassesThat()
        .resideInAnyPackage("org.apache.pekko.persistence..", "org.apache.pekko.projection..")
        .because("the read side (report.ReadSide, filled by report.ReportProjection) answers every read").check(main);
  }

  /** The read side is one package: the projection, the read model, and what answers from them. */
  @Test
  void theReadSideIsOnePackage() {
    noClasses().that().resideOutsideOfPackages("..pathlab.report..", "..pathlab.daemon..").should().dependOnClassesThat()
        .resideInAnyPackage("org.apache.pekko.projection..", "org.apache.pekko.persistence.query..", "org.apache.pekko.persistence.jdbc..")
        .because("reading the journal is the read side's (report) and the wiring's (daemon: recovery, replay)").check(main);
  }

  /**
   * The benchmarks are compiled apart (src/bench/java into target/bench-classes, shipped as
   * target/pathlab-bench.jar): no class of the product jar's is one of them, and none depends on them.
   */
  @Test
  void theBenchmarksAreNotInTheProduct() {
    Set<String> product = new TreeSet<>();
    Set<String> bench = new TreeSet<>();
    for (JavaClass c : main) {
      String where = c.getSource().map(s -> s.getUri().toString()).orElse("");
      if (where.contains("/target/classes/")) product.add(c.getName());
      if (where.contains("/target/bench-classes/")) bench.add(c.getName());
    }
    assertTrue(product.stream().noneMatch(name -> name.startsWith(ROOT + "bench.")), "benchmarks in target/classes");
    assertTrue(bench.contains(ROOT + "bench.BenchCommand"), "the benchmarks come from target/bench-classes: " + bench);
    noClasses().that().resideOutsideOfPackage("..pathlab.bench..").should().dependOnClassesThat().resideInAPackage("..pathlab.bench..")
        .because("the product runs without pathlab-bench.jar (ops/pathlab never puts it on a daemon's class path)").check(main);
  }

  /**
   * A model is named without the engine: the names (ModelKind, ModelSpec, widths, a TorchScript
   * module's record, the host's ISA, the precision a run trains in) know no DJL, and the write side, scenarios, the read side and
   * the API use those names only; Architectures and MemoryLayout are the trainer's.
   */
  @Test
  void aModelIsNamedWithoutTheEngine() {
    noClasses().that().haveNameMatching("org\\.pathlab\\.model\\.(ModelKind|ModelSpec|SmallCnnWidths|TorchScriptModel|CpuIsa|Precision)(\\$.*)?")
        .should().dependOnClassesThat().resideInAPackage("ai.djl..").check(main);
    noClasses().that().resideInAnyPackage("..pathlab.scenario..", "..pathlab.experiment..", "..pathlab.report..", "..pathlab.api..")
        .should().dependOnClassesThat().haveNameMatching("org\\.pathlab\\.model\\.(?!(ModelKind|ModelSpec|SmallCnnWidths|TorchScriptModel|CpuIsa|Precision)(\\$|$)).*")
        .because("how a model is built and laid out in memory is the trainer's (docs/architecture.md)").check(main);
  }

  /** A short training path: supervisors send their runs' tasks to the device queue, in its own protocol, never to a trainer. */
  @Test
  void theSupervisorTalksToTheQueueNotToTrainers() {
    noClasses().that().haveNameMatching("org\\.pathlab\\.experiment\\.(ExperimentSupervisor|Runners|Experiments|Supervisors|PrefixReuse)(\\$.*)?")
        .should().dependOnClassesThat().haveNameMatching("org\\.pathlab\\.experiment\\.Trainer(\\$.*)?")
        .because("the DeviceQueue alone sends Trainer.Train (docs/architecture.md)").check(main);
  }

  /**
   * The supervisor knows prefix reuse through {@code PrefixReuse} and the registry's answers only:
   * the registry's commands, state and behaviour are PrefixReuse's business.
   */
  @Test
  void theSupervisorKnowsOnlyTheRegistrysAnswers() {
    Set<String> used = new TreeSet<>();
    for (JavaClass c : main) {
      if (!c.getName().startsWith("org.pathlab.experiment.ExperimentSupervisor")) continue;
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        String target = d.getTargetClass().getName();
        if (target.startsWith("org.pathlab.experiment.PrefixRegistry")) used.add(target.substring("org.pathlab.experiment.".length()));
      }
    }
    Set<String> answers = Set.of("PrefixRegistry$Answer", "PrefixRegistry$Train", "PrefixRegistry$Ready",
        "PrefixRegistry$ClaimAgain", "PrefixRegistry$Wait", "PrefixRegistry$Source");
    assertTrue(answers.containsAll(used), "the supervisor uses the registry's " + used);
  }

  /** The check itself can fail: a class graph with a dependency against the direction is caught. */
  @Test
  void aDependencyAgainstTheDirectionIsCaught() {
    JavaClasses both = new ClassFileImporter().importClasses(org.pathlab.train.TaskTrainer.class, org.pathlab.path.Task.class);
    List<String> wrong = violations(both, Map.of("train", Set.of(), "path", Set.of("wire")));
    assertFalse(wrong.isEmpty());
    assertTrue(wrong.stream().anyMatch(w -> w.startsWith("train -> path: ")), wrong.toString());
    assertEquals(List.of(), violations(both, ALLOWED));
  }
}
