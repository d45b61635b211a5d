package org.ropebounds.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ropebounds.InvalidInputException;
import org.ropebounds.io.OutputDirectory;
import org.ropebounds.table.GridSpec;
import org.ropebounds.table.ReferenceTables;
import org.ropebounds.table.Table;
import org.ropebounds.table.TableFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ropebounds tables}: the reference tables, reproducible to the byte. */
@Command(name = "tables", mixinStandardHelpOptions = true, header = "Write the reference tables and figures (the main job), reproducible to the byte.", versionProvider = RopeBoundsCommand.Version.class,
        description = {"Write the reference tables (minimum base, largest context per format, fewest bits, erasure horizons,",
            "the model case study, every published base criterion side by side) as Markdown, CSV, LaTeX and JSON, with a manifest of SHA-256 sums, into a folder.",
            "The same command gives the same bytes on any machine."},
        footer = {"", "Grid spec (--spec FILE): a JSON object; every key optional, replacing that key of the default grid;",
            "every list non-empty; numbers may be given as strings. Full schema: ropebounds schema tables-spec.",
            "  contexts              context lengths: 131072, \"2^17\", \"1e6\", \"128k\" (default 2^11..2^24, 1e6, 1e7)",
            "  layers                depths N, 1..10^9 (default 1, 12, 24, 32, 40, 48, 61, 80, 96, 126)",
            "  tolerances            eps, exact decimals (default \"0.5\", \"0.9\", \"0.99\")",
            "  spectra               approx and/or exact: which slowest mode (default both)",
            "  rotary_dim            d, 2..1024 (default 128)",
            "  formats               formats of the ceiling and largest-context table (default all standard formats)",
            "  digits                certified significant digits, 1..40 (default 6)",
            "  bases                 bases of the erasure table (default 10000, 500000, 1e6, 1e7)",
            "  erasure_context       L of the erasure table (default 1048576)",
            "  delta                 phase-error tolerance in radians (default \"0.1\")",
            "  case_study            true or false: include the registry case study (default true)",
            "  case_study_tolerance  eps of the case study (default \"0.5\")",
            "  criteria_contexts     contexts of the criteria table (default 2^10..2^20, the contexts of Men et al.'s Table 2)",
            "  criteria_layers       N of its depth-stability column (default 32)",
            "  criteria_tolerance    eps of its stability columns (default \"0.5\")",
            "  criteria_train_context  T_train of its extrapolation columns (default 4096)",
            "  criteria_decay_max_context  the largest L whose decay bound it searches (default none: minutes per context)",
            "",
            "Example: ropebounds tables --spec grid.json --out my-tables   with grid.json {\"contexts\": [\"128k\"], \"layers\": [32]}"})
final class TablesCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "tables",
            description = "Output folder (default ${DEFAULT-VALUE}): new, empty or a previous output; files are replaced atomically"
                    + " and files of the previous run that this run does not write are removed.")
    Path out;

    @Option(names = "--spec", paramLabel = "FILE", description = "A JSON grid spec replacing keys of the default grid (keys below; ropebounds schema tables-spec).")
    Path spec;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "Compute only shard I of N (rows r with r mod N = I-1) into DIR/shard-I-of-N.json; merge them later.")
    String shard;

    @Option(names = "--merge", arity = "1..*", paramLabel = "FILE",
            description = "Merge shard files (all of 1..N, same version and grid) into the same tables one run writes.")
    List<Path> merge;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() throws IOException {
        if (shard != null && merge != null) {
            throw new org.ropebounds.InvalidInputException("--shard and --merge exclude each other");
        }
        GridSpec grid = spec == null ? GridSpec.defaults() : GridSpec.read(spec);
        String version = RopeBoundsCommand.version();
        List<org.ropebounds.table.TableSpec> specs = ReferenceTables.specs(grid);
        if (shard != null) {
            org.ropebounds.table.Shards.Shard s = org.ropebounds.table.Shards.parse(shard);
            String name = s.fileName();
            OutputDirectory destination = checkedOut(() -> {
                OutputDirectory d = OutputDirectory.check(out);
                d.checkTarget(name);
                return d;
            });
            byte[] content;
            try (Progress p = Progress.of(specs.stream().mapToLong(t -> (t.rowCount() - s.index() + s.count()) / s.count()).sum(), quiet)) {
                content = org.ropebounds.table.Shards.compute(specs, grid, version, s.index(), s.count(), p::step);
            }
            destination.write(name, content);
            cmd.commandLine().getOut().print("wrote " + out.resolve(name) + "\n");
            cmd.commandLine().getOut().flush();
            return Main.EXIT_OK;
        }
        TableFiles.Destination destination = checkedOut(() -> TableFiles.destination(out, TableFiles.names(specs)));
        List<Table> tables;
        if (merge != null) {
            try {
                tables = org.ropebounds.table.Shards.merge(specs, grid, version, merge);
            } catch (org.ropebounds.table.Shards.GridMismatchException e) {
                throw new org.ropebounds.InvalidInputException(e.file() + ": computed for another grid than the one given (pass the same --spec)");
            }
        } else {
            try (Progress p = Progress.of(specs.stream().mapToLong(org.ropebounds.table.TableSpec::rowCount).sum(), quiet)) {
                tables = specs.stream().map(t -> t.assemble(t.compute(r -> true, p::step))).toList();
            }
        }
        Map<String, byte[]> files = TableFiles.render(tables, grid, version);
        List<String> removed = destination.write(files);
        String removal = removed.isEmpty() ? "" : "removed from " + out + " the previous run's files that this run does not write: "
                + String.join(", ", removed);
        PrintWriter w = cmd.commandLine().getOut();
        if (common.json) {
            var arr = Json.array();
            files.keySet().forEach(arr::add);
            Json.print(w, arr);
            if (!removal.isEmpty()) {
                cmd.commandLine().getErr().print("ropebounds: " + removal + "\n");
                cmd.commandLine().getErr().flush();
            }
        } else {
            w.print("wrote " + files.size() + " files to " + out + ":\n");
            for (Table t : tables) {
                w.print("  " + t.id() + ".{md,csv,tex,json}  " + t.title() + " (" + t.rows().size() + " rows)\n");
            }
            new java.util.TreeMap<>(org.ropebounds.table.Plots.FIGURES)
                    .forEach((stem, what) -> w.print("  " + stem + ".{svg,png}  " + what + "\n"));
            w.print("  manifest.json  every file's SHA-256, the tool version and the parameters\n");
            if (!removal.isEmpty()) {
                w.print(removal + "\n");
            }
            w.flush();
        }
        return Main.EXIT_OK;
    }

    /** The output location, checked before any work; a refusal names --out. */
    private static <T> T checkedOut(IoSupplier<T> check) throws IOException {
        try {
            return check.get();
        } catch (InvalidInputException e) {
            throw new InvalidInputException("--out: " + e.getMessage());
        }
    }

    private interface IoSupplier<T> {
        T get() throws IOException;
    }
}
