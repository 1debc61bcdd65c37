package org.pathlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pathlab.daemon.Settings;
import org.pathlab.data.Catalog;
import org.pathlab.data.Catalog.Check;
import org.pathlab.data.Catalog.Entry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "datasets",
    description = {
      "List the known datasets: where the daemon would read each from and whether its files match the published"
          + " checksums (no daemon needed).",
      "Exits 1 if a file does not match its checksum, else 0 (a missing or unverified dataset is not an error)."
    })
final class DatasetsCommand implements Callable<Integer> {

  /** A wrong file is reported with exit 1, like a failed run: ExitCodes has no code of its own for it. */
  static final int MISMATCH = 1;

  @ParentCommand PathlabCommand parent;

  @Option(names = "--json", description = "print JSON instead of a table")
  boolean json;

  @Override
  public Integer call() throws Exception {
    // the daemon's own roots: $PATHLAB_DATA, pathlab.data-roots, <data-dir>/datasets (then /usr/share/datasets)
    List<Entry> entries = Catalog.scan(Settings.from(ConfigFactory.load()).dataRoots());
    if (json) {
      printJson(entries, parent.out);
    } else {
      printTable(entries, parent.out);
    }
    return entries.stream().anyMatch(e -> e.check() == Check.MISMATCH) ? MISMATCH : ExitCodes.OK;
  }

  private static void printTable(List<Entry> entries, PrintWriter out) {
    int name = "NAME".length();
    int where = "WHERE".length();
    for (Entry e : entries) {
      name = Math.max(name, e.name().length());
      where = Math.max(where, location(e).length());
    }
    String row = "%-" + name + "s  %-10s  %-" + where + "s  %s%n";
    out.printf(row, "NAME", "STATUS", "WHERE", "DETAIL");
    for (Entry e : entries) {
      out.printf(row, e.name(), status(e), location(e), e.detail());
    }
    boolean header = false;
    for (Entry e : entries) {
      if (e.check() == Check.MISSING || e.check() == Check.UNVERIFIED) {
        if (!header) {
          out.printf("%nHow to get them:%n");
          header = true;
        }
        out.printf("  %s: %s%n", e.name(), e.howToGet());
      }
    }
  }

  private static void printJson(List<Entry> entries, PrintWriter out) throws Exception {
    List<Map<String, Object>> list = entries.stream().map(e -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", e.name());
      m.put("status", e.check().name());
      m.put("location", e.location() == null ? null : e.location().toString());
      m.put("detail", e.detail());
      m.put("howToGet", e.howToGet());
      return m;
    }).toList();
    out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(list));
  }

  private static String status(Entry e) {
    return e.check().name().toLowerCase(Locale.ROOT);
  }

  private static String location(Entry e) {
    return e.location() == null ? "-" : e.location().toString();
  }
}
