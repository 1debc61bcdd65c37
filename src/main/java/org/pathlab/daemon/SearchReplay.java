package org.pathlab.daemon;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.serialization.Serialization;
import org.pathlab.experiment.ExperimentState;
import org.pathlab.search.SearchEvent;
import org.pathlab.search.SearchFiles;
import org.pathlab.search.SearchReport;
import org.pathlab.search.SearchState;
import org.pathlab.searching.SearchSupervisor;

/**
 * Rebuilds every search's report files ({@link SearchFiles}) from the journal: its events folded
 * as its supervisor folds them, its confirmation experiment's state as {@link Replay} folded it —
 * the report the daemon serves for it.
 */
final class SearchReplay {

  private SearchReplay() {}

  /** {@code confirmations}: the confirmation experiments' states, by id. */
  static List<Path> run(Connection connection, Serialization serialization, Map<String, ExperimentState> confirmations, Path out)
      throws Exception {
    String prefix = SearchSupervisor.persistenceId("").id();
    List<Path> written = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT \"persistence_id\", \"event_ser_id\", \"event_ser_manifest\", \"event_payload\" FROM \"event_journal\" "
            + "WHERE \"deleted\" = FALSE AND \"persistence_id\" LIKE ? ORDER BY \"persistence_id\", \"sequence_number\"")) {
      select.setString(1, prefix.replace("%", "\\%").replace("_", "\\_") + "%");
      try (ResultSet rows = select.executeQuery()) {
        SearchState state = null;
        while (rows.next()) {
          String id = rows.getString(1).substring(prefix.length());
          if (state == null || !state.searchId().equals(id)) {
            if (state != null) written.add(write(state, confirmations, out));
            state = SearchState.empty(id);
          }
          state = state.apply((SearchEvent) serialization.deserialize(rows.getBytes(4), rows.getInt(2), rows.getString(3)).get());
        }
        if (state != null) written.add(write(state, confirmations, out));
      }
    }
    return written;
  }

  private static Path write(SearchState s, Map<String, ExperimentState> confirmations, Path out) throws Exception {
    ExperimentState confirmation = s.confirmation() == null ? null : confirmations.get(s.confirmation().experimentId());
    return SearchFiles.write(SearchReport.build(s, confirmation), out);
  }
}
