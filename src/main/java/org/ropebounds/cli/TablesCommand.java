package org.ropebounds.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ropebounds.table.GridSpec;
import org.ropebounds.table.ReferenceTables;
import org.ropebounds.table.Table;
import org.ropebounds.table.TableFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ropebounds tables}: the reference tables, reproducible to the byte. */
@Command(name = "tables", mixinStandardHelpOptions = true, versionProvider = RopeBoundsCommand.Version.class,
        description = {"Write the reference tables (minimum base, largest context per format, fewest bits, erasure horizons,",
            "the model case study) as Markdown, CSV, LaTeX and JSON, with a manifest of SHA-256 sums, into a folder.",
            "The same command gives the same bytes on any machine."})
final class TablesCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "tables",
            description = "Output folder (default ${DEFAULT-VALUE}); files are replaced atomically.")
    Path out;

    @Option(names = "--spec", paramLabel = "FILE", description = "A JSON grid spec replacing the default grid (schema in the README).")
    Path spec;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() throws IOException {
        GridSpec grid = spec == null ? GridSpec.defaults() : GridSpec.read(spec);
        List<Table> tables = ReferenceTables.all(grid);
        Map<String, byte[]> files = TableFiles.render(tables, grid, RopeBoundsCommand.version());
        TableFiles.write(out, files);
        PrintWriter w = cmd.commandLine().getOut();
        if (common.json) {
            var arr = Json.array();
            files.keySet().forEach(arr::add);
            Json.print(w, arr);
        } else {
            w.print("wrote " + files.size() + " files to " + out + ":\n");
            for (Table t : tables) {
                w.print("  " + t.id() + ".{md,csv,tex,json}  " + t.title() + " (" + t.rows().size() + " rows)\n");
            }
            w.print("  manifest.json  every file's SHA-256, the tool version and the parameters\n");
            w.flush();
        }
        return Main.EXIT_OK;
    }
}
