package org.ropebounds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The name table that picks a subcommand without reading annotations says what the annotations say. */
class RopeBoundsCommandNamesTest {

    @Test
    void everySubcommandButHelpIsListedUnderItsCommandName() {
        Map<String, Class<?>> fromAnnotations = new TreeMap<>();
        for (Class<?> c : RopeBoundsCommand.subcommands()) {
            if (c != CommandLine.HelpCommand.class) {
                fromAnnotations.put(c.getAnnotation(CommandLine.Command.class).name(), c);
            }
        }
        assertEquals(fromAnnotations, new TreeMap<>(RopeBoundsCommand.BY_NAME));
    }

    @Test
    void aNamedSubcommandIsBuiltAloneAndAnythingElseBuildsThemAll() {
        assertEquals(java.util.List.of("crosscheck"),
                java.util.List.copyOf(RopeBoundsCommand.commandLine(new String[] {"crosscheck", "x.npy"}).getSubcommands().keySet()));
        // help, an unknown command and no command: every command, so that help and errors can list them
        int all = RopeBoundsCommand.subcommands().size();
        assertEquals(all, RopeBoundsCommand.commandLine(new String[] {"help"}).getSubcommands().size());
        assertEquals(all, RopeBoundsCommand.commandLine(new String[] {"zonee"}).getSubcommands().size());
        assertEquals(all, RopeBoundsCommand.commandLine(new String[0]).getSubcommands().size());
    }
}
