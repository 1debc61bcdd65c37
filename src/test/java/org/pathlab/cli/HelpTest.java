package org.pathlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Every command and subcommand in picocli's tree answers --help, -h and `help`, with exit 0 and its usage. */
class HelpTest {

  /** Each command's path from the top, e.g. [status] or [bench, throughput], found by walking the tree. */
  static Stream<List<String>> commands() {
    PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
    List<List<String>> paths = new ArrayList<>();
    walk(Main.commandLine(nowhere, nowhere), List.of(), paths);
    return paths.stream();
  }

  private static void walk(CommandLine command, List<String> path, List<List<String>> paths) {
    for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
      if (sub.getKey().equals("help")) continue;
      List<String> subPath = new ArrayList<>(path);
      subPath.add(sub.getKey());
      paths.add(subPath);
      walk(sub.getValue(), subPath, paths);
    }
  }

  private static String[] args(List<String> path, String... more) {
    return Stream.concat(path.stream(), Stream.of(more)).toArray(String[]::new);
  }

  @Test
  void theWalkFindsEveryCommandAndEveryBenchmark() {
    List<List<String>> all = commands().toList();
    for (String c : new String[] {"daemon", "submit", "status", "watch", "report", "cancel", "devices", "validate", "replay",
        "bench", "transforms", "datasets"}) {
      assertTrue(all.contains(List.of(c)), c + " in " + all);
    }
    for (String b : new String[] {"throughput", "correctness", "experiment-spec", "run-start", "init-stats", "memory", "journal", "search-table"}) {
      assertTrue(all.contains(List.of("bench", b)), "bench " + b + " in " + all);
    }
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everyCommandAnswersHelpWithItsUsage(List<String> path) {
    for (String flag : new String[] {"--help", "-h"}) {
      CliRun r = CliRun.of(args(path, flag));
      assertEquals(ExitCodes.OK, r.code(), flag + ": " + r.err());
      assertTrue(r.out().startsWith("Usage: pathlab " + String.join(" ", path) + " "), flag + ": " + r.out());
      assertEquals("", r.err(), flag);
    }
  }

  @ParameterizedTest
  @MethodSource("commands")
  void theHelpCommandShowsTheSameUsage(List<String> path) {
    // `pathlab help status`, `pathlab bench help throughput`
    List<String> parent = path.subList(0, path.size() - 1);
    CliRun r = CliRun.of(args(parent, "help", path.get(path.size() - 1)));
    assertEquals(ExitCodes.OK, r.code(), r.err());
    assertEquals(CliRun.of(args(path, "--help")).out(), r.out());
  }

  @Test
  void theTopCommandAnswersHelpInEveryForm() {
    for (String[] args : new String[][] {{"--help"}, {"-h"}, {"help"}}) {
      CliRun r = CliRun.of(args);
      assertEquals(ExitCodes.OK, r.code(), String.join(" ", args) + ": " + r.err());
      assertTrue(r.out().startsWith("Usage: pathlab "), r.out());
      assertTrue(r.out().contains("Exit codes:"), r.out());
    }
  }

  @Test
  void helpOnAnUnknownCommandIsAUsageErrorNamingIt() {
    CliRun r = CliRun.of("help", "frobnicate");
    assertEquals(ExitCodes.USAGE, r.code());
    assertTrue(r.err().startsWith("pathlab: ") && r.err().contains("frobnicate") && r.err().contains("`pathlab --help`"), r.err());
  }

  @Test
  void anUnknownOptionNamesItAndWhereTheUsageIs() {
    CliRun r = CliRun.of("status", "--frob");
    assertEquals(ExitCodes.USAGE, r.code());
    assertEquals("pathlab: unknown option: '--frob'; `pathlab status --help` shows its usage", r.err().lines().findFirst().orElse(""));
    assertEquals("", r.out());
  }

  @Test
  void anUnknownCommandSuggestsTheNearestOne() {
    CliRun r = CliRun.of("stauts");
    assertEquals(ExitCodes.USAGE, r.code());
    assertTrue(r.err().contains("'stauts'") && r.err().contains("`pathlab --help` lists the commands"), r.err());
    assertTrue(r.err().contains("status"), "suggests status: " + r.err());
  }

  @Test
  void benchWithoutABenchmarkListsThemAll() {
    CliRun r = CliRun.of("bench");
    assertEquals(ExitCodes.USAGE, r.code());
    assertTrue(r.err().contains("name a benchmark: throughput, correctness, experiment-spec, run-start, init-stats, memory, journal, search-table"), r.err());
  }
}
