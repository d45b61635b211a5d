package org.ropebounds.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.ropebounds.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code ropebounds schema [NAME]}: the JSON Schema (draft 2020-12) of each command's {@code --json} output and
 * of the {@code tables --spec} file, shipped in the jar under {@code org/ropebounds/schema/NAME.json}.
 */
@Command(name = "schema", mixinStandardHelpOptions = true, versionProvider = RopeBoundsCommand.Version.class,
        header = "Print the JSON Schema of a command's --json output (or of the tables --spec file).",
        description = {"Print the JSON Schema (draft 2020-12) of a command's --json output: every key, its type and when",
            "it may be null. Without NAME, list the schemas. The conventions every command follows: an integer that",
            "can exceed 2^53 (context lengths, positions and horizons, counts, ulp distances, exact integer results)",
            "is a string of decimal digits; an integer bounded far below 2^53 (bits, digits, exponents, layers,",
            "dimensions, mode indices) is a number; echoed exact inputs are in short exact form (500000, 1e+190,",
            "0x1p+630, 1/3); results per number format are objects keyed by the format's name; a horizon is the first",
            "position that fails, i.e. the first p not distinguishable from p-1 (or not representable)."},
        footer = {"", "Examples: ropebounds schema    ropebounds schema erasure    ropebounds schema tables-spec"})
final class SchemaCommand implements Callable<Integer> {
    /** Every schema shipped, by name: the commands with --json output, {@code table} and {@code tables-spec}. */
    static final List<String> NAMES = List.of("formats", "ulp", "zone", "criteria", "derive", "phase", "erasure", "models", "model", "tables",
            "check", "crosscheck", "reference", "table", "tables-spec");

    @Mixin
    CommonOptions common;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "A schema name (see the list without NAME).")
    String name;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (name != null) {
            out.print(text(name));
            out.flush();
            return Main.EXIT_OK;
        }
        ObjectNode titles = Json.object();
        NAMES.forEach(n -> titles.put(n, title(n)));
        if (common.json) {
            Json.print(out, titles);
            return Main.EXIT_OK;
        }
        out.print("Schemas (ropebounds schema NAME prints one):\n");
        titles.properties().forEach(e -> out.print(String.format("  %-12s %s%n", e.getKey(), e.getValue().asText())));
        out.flush();
        return Main.EXIT_OK;
    }

    /**
     * The schema's text, as shipped (UTF-8, LF line ends, ending in a newline).
     *
     * @throws InvalidInputException naming the name and the accepted ones, for a name not in {@link #NAMES}
     */
    static String text(String name) {
        if (!NAMES.contains(name)) {
            throw new InvalidInputException("unknown schema '" + InvalidInputException.quoted(name) + "'; accepted: " + String.join(", ", NAMES));
        }
        try (InputStream in = SchemaCommand.class.getResourceAsStream("/org/ropebounds/schema/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("the schema " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema's {@code title}. */
    private static String title(String name) {
        try {
            return new ObjectMapper().readTree(text(name)).get("title").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
