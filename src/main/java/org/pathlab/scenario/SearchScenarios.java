package org.pathlab.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Ordinary scenarios written from a search scenario: what a search submits to evaluate paths
 * (the baseline and some candidates on some seeds) and to confirm its winners (with the
 * references, on the confirmation seeds), and what {@code pathlab scenario SEARCH --winner} prints.
 * Each is the search scenario without its {@code search} block: same dataset, model, training and
 * transforms, so that its runs share prefixes with the search's.
 */
public final class SearchScenarios {

  private SearchScenarios() {}

  /**
   * The scenario named {@code name} of the baseline, the arms named in {@code keep}, and each
   * candidate (its arm-grid entry; compared with {@code control} besides the baseline when that is
   * not null), on {@code seeds}. {@code header}: comment lines put first (each without its '#').
   */
  public static String write(String searchText, String name, List<String> keep, List<SearchSpec.Candidate> candidates,
      String control, List<Long> seeds, List<String> header) {
    Config root = ConfigFactory.parseString(searchText).resolve();
    Config out = root.withoutPath("search").withoutPath("baseline-seeds").withoutPath("arm-grid")
        .withValue("name", ConfigValueFactory.fromAnyRef(name))
        .withValue("seeds", ConfigValueFactory.fromIterable(seeds));
    List<ConfigValue> arms = new ArrayList<>();
    for (ConfigValue arm : root.getList("arms")) {
      Config a = ((com.typesafe.config.ConfigObject) arm).toConfig();
      String path = a.hasPath("path") ? a.getString("path") : "";
      if (path.equals("baseline") || keep.contains(a.getString("name"))) arms.add(arm);
    }
    out = out.withValue("arms", ConfigValueFactory.fromIterable(arms));
    List<ConfigValue> grids = new ArrayList<>();
    for (SearchSpec.Candidate c : candidates) {
      Config grid = ConfigFactory.parseString(c.grid());
      if (control != null) grid = grid.withValue("control", ConfigValueFactory.fromAnyRef(control));
      grids.add(grid.root());
    }
    if (!grids.isEmpty()) out = out.withValue("arm-grid", ConfigValueFactory.fromIterable(grids));
    StringBuilder text = new StringBuilder();
    for (String line : header) text.append("# ").append(line).append('\n');
    return text.append(out.root().render(ConfigRenderOptions.defaults().setOriginComments(false).setComments(false).setJson(false)))
        .toString();
  }
}
