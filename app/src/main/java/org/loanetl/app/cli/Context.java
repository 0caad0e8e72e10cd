package org.loanetl.app.cli;

import java.io.PrintStream;
import java.util.Map;

/** What a command gets from the process: its output streams and environment (given, so tests run in-process). */
record Context(PrintStream out, PrintStream err, Map<String, String> env) {
}
