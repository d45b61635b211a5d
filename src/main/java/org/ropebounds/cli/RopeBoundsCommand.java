package org.ropebounds.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
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
     * The command line for {@code args}: when the first argument names a subcommand, only that one is built
     * (picocli reflects over every subcommand it is given, the start-up's largest cost); otherwise (help,
     * no command, an unknown one, a top-level option) all of them, so help and errors list every command.
     */
    static CommandLine commandLine(String[] args) {
        CommandLine cl = new CommandLine(new RopeBoundsCommand());
        String first = args.length > 0 ? args[0] : "";
        for (Class<?> c : SUBCOMMANDS) {
            CommandLine.Command a = c.getAnnotation(CommandLine.Command.class);
            if (a.name().equals(first) && !first.equals("help")) {
                cl.addSubcommand(c);
                return cl;
            }
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
