package org.ropebounds.cli;

import picocli.CommandLine.Option;

/** Options every command has. */
final class CommonOptions {
    @Option(names = "--json", description = "Print machine-readable JSON (same content as the text output).")
    boolean json;

    @Option(names = "--debug", description = "Show stack traces of errors.")
    boolean debug;
}
