package org.pathlab.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One CLI invocation in this JVM, with its exit code and captured output: how every test runs a command. */
public record CliRun(int code, String out, String err) {

  public static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
