package org.ropebounds.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command: only dispatches to subcommands. */
@Command(name = "ropebounds",
        mixinStandardHelpOptions = true,
        versionProvider = RopeBoundsCommand.Version.class,
        description = {
            "Certified calculator for the RoPE base of long-context transformers:",
            "number formats, bounds and emulated pipelines, with every printed digit guaranteed."},
        footer = {"", "Exit codes: 0 ok, 1 failed check or internal error, 2 bad input, 3 a claim check could not decide."})
final class RopeBoundsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The subcommands, in the order of the help. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(FormatsCommand.class, UlpCommand.class, ZoneCommand.class,
            CriteriaCommand.class, DeriveCommand.class, PhaseCommand.class, ErasureCommand.class, ModelsCommand.class, ModelCommand.class, TablesCommand.class,
            CheckCommand.class, CrosscheckCommand.class, ReferenceCommand.class, SchemaCommand.class, CommandLine.HelpCommand.class);

    /**
     * The subcommands by their {@code @Command} name (help excepted), so that choosing one reads no annotation:
     * the JVM's first annotation read spins a proxy class, and reading the other eleven cost ~2 ms more of a
     * one-row crosscheck's start (issue 17). {@code RopeBoundsCommandNamesTest} checks every name against its annotation.
     */
    static final Map<String, Class<?>> BY_NAME = Map.ofEntries(Map.entry("formats", FormatsCommand.class),
            Map.entry("ulp", UlpCommand.class), Map.entry("zone", ZoneCommand.class), Map.entry("criteria", CriteriaCommand.class),
            Map.entry("derive", DeriveCommand.class), Map.entry("phase", PhaseCommand.class), Map.entry("erasure", ErasureCommand.class),
            Map.entry("models", ModelsCommand.class), Map.entry("model", ModelCommand.class), Map.entry("tables", TablesCommand.class),
            Map.entry("check", CheckCommand.class), Map.entry("crosscheck", CrosscheckCommand.class),
            Map.entry("reference", ReferenceCommand.class), Map.entry("schema", SchemaCommand.class));

    /** The subcommand classes in the order of the help (for tests: the help command last). */
    static List<Class<?>> subcommands() {
        return SUBCOMMANDS;
    }

    /**
     * The command line for {@code args}: when the first argument names a subcommand, only that one is built
     * (picocli reflects over every subcommand it is given, the start-up's largest cost), from the build's record
     * of its annotations when there is one ({@link RecordedCommands}); otherwise (help, no command, an unknown one,
     * a top-level option) all of them, so help and errors list every command.
     */
    static CommandLine commandLine(String[] args) {
        Class<?> named = args.length > 0 ? BY_NAME.get(args[0]) : null;
        if (named != null) {
            Optional<CommandLine> recorded = RecordedCommands.commandLine(args[0]);
            if (recorded.isPresent()) {
                return recorded.get();
            }
        }
        CommandLine cl = new CommandLine(new RopeBoundsCommand());
        if (named != null) {
            cl.addSubcommand(named);
            return cl;
        }
        SUBCOMMANDS.forEach(cl::addSubcommand);
        return cl;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: " + commandNames(spec));
    }

    /** The registered subcommands' names, in the order of the help, without the help command. */
    static String commandNames(CommandLine.Model.CommandSpec spec) {
        return String.join(", ", spec.subcommands().entrySet().stream()
                .filter(e -> e.getKey().equals(e.getValue().getCommandName()) && !e.getKey().equals("help"))
                .map(java.util.Map.Entry::getKey).toList());
    }

    /** Reads the version Maven wrote into {@code version.properties}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            return new String[] {"ropebounds " + version()};
        }
    }

    static String version() throws IOException {
        Properties p = new Properties();
        try (InputStream in = RopeBoundsCommand.class.getResourceAsStream("/org/ropebounds/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return p.getProperty("version", "unknown");
    }
}
