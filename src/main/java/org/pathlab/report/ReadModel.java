package org.pathlab.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.Serializers;
import org.pathlab.experiment.ExperimentState;

/**
 * The report projection's read model: one row per experiment in {@code pathlab_experiment_summary},
 * holding its state folded from every event the projection has processed, plus the columns a list
 * needs. Written only by {@link ReportProjection}, in the transaction that also stores its offset.
 */
public final class ReadModel {

  private static final String TABLE = "\"pathlab_experiment_summary\"";

  private final Serialization serialization;

  public ReadModel(Serialization serialization) {
    this.serialization = serialization;
  }

  /** The experiment's state as of the projection's offset; empty when it has not seen the experiment. */
  public Optional<ExperimentState> load(Connection connection, String experimentId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT \"state_payload\", \"state_ser_id\", \"state_ser_manifest\" FROM " + TABLE + " WHERE \"experiment_id\" = ?")) {
      select.setString(1, experimentId);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(state(rows)) : Optional.empty();
      }
    }
  }

  /** Every experiment the projection has seen, oldest first. */
  public List<ExperimentState> list(Connection connection) throws SQLException {
    List<ExperimentState> states = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(
            "SELECT \"state_payload\", \"state_ser_id\", \"state_ser_manifest\" FROM " + TABLE
                + " ORDER BY \"submitted_at\", \"experiment_id\"");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) states.add(state(rows));
    }
    return states;
  }

  /** Inserts or replaces the experiment's row (portable SQL: update, then insert if there was none). */
  public void store(Connection connection, ExperimentState state) throws SQLException {
    byte[] payload = serialization.serialize(state).get();
    var serializer = serialization.findSerializerFor(state);
    String manifest = Serializers.manifestFor(serializer, state);
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE " + TABLE + " SET \"scenario\" = ?, \"status\" = ?, \"tasks_completed\" = ?, \"tasks_total\" = ?, "
            + "\"submitted_at\" = ?, \"finished_at\" = ?, \"event_count\" = ?, \"state_ser_id\" = ?, "
            + "\"state_ser_manifest\" = ?, \"state_payload\" = ? WHERE \"experiment_id\" = ?")) {
      int i = bind(update, state, serializer.identifier(), manifest, payload);
      update.setString(i, state.experimentId());
      if (update.executeUpdate() == 1) return;
    }
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO " + TABLE + " (\"scenario\", \"status\", \"tasks_completed\", \"tasks_total\", \"submitted_at\", "
            + "\"finished_at\", \"event_count\", \"state_ser_id\", \"state_ser_manifest\", \"state_payload\", \"experiment_id\") "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int i = bind(insert, state, serializer.identifier(), manifest, payload);
      insert.setString(i, state.experimentId());
      insert.executeUpdate();
    }
  }

  private static int bind(PreparedStatement s, ExperimentState state, int serializerId, String manifest, byte[] payload)
      throws SQLException {
    s.setString(1, state.plan().scenarioName());
    s.setString(2, state.status().name().toLowerCase());
    s.setInt(3, state.tasksCompleted());
    s.setInt(4, state.plan().totalTasks());
    s.setLong(5, state.submittedAtMillis());
    s.setLong(6, state.finishedAtMillis());
    s.setLong(7, state.eventCount());
    s.setInt(8, serializerId);
    s.setString(9, manifest);
    s.setBytes(10, payload);
    return 11;
  }

  private ExperimentState state(ResultSet row) throws SQLException {
    return (ExperimentState) serialization.deserialize(row.getBytes(1), row.getInt(2), row.getString(3)).get();
  }
}
