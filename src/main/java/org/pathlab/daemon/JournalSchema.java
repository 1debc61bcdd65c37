package org.pathlab.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates the journal's tables if they are missing; safe to run at every start. */
final class JournalSchema {

  private JournalSchema() {}

  static void ensure(String url, String user, String password, String resource) throws SQLException, IOException {
    String script;
    try (InputStream in = JournalSchema.class.getResourceAsStream(resource)) {
      if (in == null) throw new IOException("schema script " + resource + " is missing from the build");
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (Connection connection = DriverManager.getConnection(url, user, password);
        Statement statement = connection.createStatement()) {
      // Comments go first: they may hold semicolons.
      String code = script.lines().filter(l -> !l.strip().startsWith("--")).reduce("", (a, b) -> a + "\n" + b);
      for (String sql : code.split(";")) {
        if (!sql.isBlank()) statement.execute(sql.strip());
      }
    }
  }
}
