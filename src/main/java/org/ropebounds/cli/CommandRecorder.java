package org.ropebounds.cli;

import static org.ropebounds.cli.CommandRecord.encode;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Build time: records the model picocli reflects out of the annotated commands, as the source of one class,
 * {@code RecordedCommandText} (see {@link CommandRecord}), for {@link RecordedCommands} to rebuild without reading an annotation. Run by the build after
 * compiling ({@code java -cp ... org.ropebounds.cli.CommandRecorder SOURCE-DIR}, then compiled); not used at run time. A command with a
 * feature the record does not carry (an argument group, a parameter consumer or preprocessor) is recorded as
 * {@code reflect}, and is then built from its annotations as before.
 */
final class CommandRecorder {
    private CommandRecorder() {
    }

    /**
     * Writes {@code org/ropebounds/cli/RecordedCommandText.java} under the source directory {@code args[0]}: a class whose
     * {@code of(name)} returns that command's record (its lines joined by newlines), or null. A class, not a resource:
     * the JVM maps a class from the start-up archive, while reading a resource opens the jar, about 18 ms of a
     * one-row crosscheck's start.
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0], "org", "ropebounds", "cli");
        Files.createDirectories(dir);
        StringBuilder b = new StringBuilder("package org.ropebounds.cli;\n\n/** Generated at build time by CommandRecorder: the picocli model of every command. */\n"
                + "final class RecordedCommandText {\n    private RecordedCommandText() {\n    }\n\n"
                + "    /** The record of {@code command}, lines joined by newlines; null when there is none. */\n"
                + "    static String of(String command) {\n        switch (command) {\n");
        for (Map.Entry<String, List<String>> e : record().entrySet()) {
            b.append("            case ").append(javaString(e.getKey())).append(":\n                return ")
                    .append(javaString(String.join("\n", e.getValue()))).append(";\n");
        }
        b.append("            default:\n                return null;\n        }\n    }\n}\n");
        Files.writeString(dir.resolve("RecordedCommandText.java"), b, StandardCharsets.US_ASCII);
    }

    /** {@code s} as a Java string literal in ASCII. */
    private static String javaString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c == '\n' || c == '\t') {
                b.append(c == '\n' ? "\\n" : "\\t");
            } else if (c < 0x20 || c > 0x7e) {
                b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /** Each command's record (its lines), by name: the top-level command ({@code ropebounds}) and every subcommand. */
    static Map<String, List<String>> record() {
        Map<String, List<String>> out = new TreeMap<>();
        out.put("ropebounds", command(new CommandLine(new RopeBoundsCommand()).getCommandSpec(), "ropebounds"));
        for (Map.Entry<String, Class<?>> e : RopeBoundsCommand.BY_NAME.entrySet()) {
            CommandLine one = new CommandLine(new RopeBoundsCommand());
            one.addSubcommand(e.getValue());
            out.put(e.getKey(), command(one.getSubcommands().get(e.getKey()).getCommandSpec(), e.getKey()));
        }
        return out;
    }

    private static List<String> command(CommandSpec s, String name) {
        List<String> out = new ArrayList<>();
        Object user = s.userObject();
        out.add(CommandRecord.line("command", encode(name), encode(user.getClass().getName())));
        if (!recordable(s)) {
            out.add("reflect");
            return out;
        }
        out.add(CommandRecord.line("usage", encode(s.usageMessage().header()), encode(s.usageMessage().description()),
                encode(s.usageMessage().footer())));
        if (s.versionProvider() != null) {
            out.add(CommandRecord.line("version", encode(s.versionProvider().getClass().getName())));
        }
        members(s, "", user, out);
        if (s.mixinStandardHelpOptions()) { // last, as picocli adds --help and --version after the fields
            out.add("standardHelp");
        }
        return out;
    }

    /** The options, positionals, mixins and spec field of {@code owner} (at {@code path}), in their fields' order. */
    private static void members(CommandSpec s, String path, Object owner, List<String> out) {
        List<ArgSpec> all = new ArrayList<>(s.options());
        all.addAll(s.positionalParameters());
        for (Field f : fields(owner.getClass())) {
            ArgSpec a = all.stream().filter(x -> f.equals(x.userObject())).findFirst().orElse(null);
            String mixin = s.mixinAnnotatedElements().entrySet().stream().filter(e -> f.equals(e.getValue().userObject()))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            if (a instanceof OptionSpec o) {
                out.add(CommandRecord.line("option", encode(path), encode(f.getName()), option(o)));
            } else if (a instanceof PositionalParamSpec p) {
                out.add(CommandRecord.line("positional", encode(path), encode(f.getName()), positional(p)));
            } else if (mixin != null) {
                CommandSpec m = s.mixins().get(mixin);
                out.add(CommandRecord.line("mixin", encode(path), encode(mixin), encode(f.getName()), encode(f.getType().getName())));
                members(m, path.isEmpty() ? mixin : path + "." + mixin, m.userObject(), out);
            } else if (f.isAnnotationPresent(CommandLine.Spec.class)) {
                out.add(CommandRecord.line("spec", encode(path), encode(f.getName())));
            }
        }
    }

    private static List<Field> fields(Class<?> c) {
        List<Field> out = new ArrayList<>();
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            out.addAll(0, Arrays.asList(k.getDeclaredFields()));
        }
        return out;
    }

    /** Whether everything picocli uses of this command is in the record (checked again by the parity test). */
    private static boolean recordable(CommandSpec s) {
        if (!s.argGroups().isEmpty() || !s.subcommands().isEmpty() && !s.name().equals("ropebounds")) {
            return false;
        }
        List<ArgSpec> all = new ArrayList<>(s.options());
        all.addAll(s.positionalParameters());
        return all.stream().allMatch(a -> a.parameterConsumer() == null && a.preprocessor().getClass().getSimpleName().equals("NoOpParameterPreprocessor")
                && a.userObject() instanceof Field
                || a instanceof OptionSpec o && (o.usageHelp() || o.versionHelp()));
    }

    /** The attributes both kinds of argument have, in {@link RecordedCommands}' order. */
    private static String common(ArgSpec a) {
        return CommandRecord.line(encode(a.arity().isUnspecified() ? null : a.arity().originalValue()), encode(String.valueOf(a.required())),
                encode(a.paramLabel()), encode(String.valueOf(a.hideParamSyntax())), encode(a.description()), encode(a.descriptionKey()),
                encode(a.type().getName()), encode(Arrays.stream(a.auxiliaryTypes()).map(Class::getName).toArray(String[]::new)),
                encode(Arrays.stream(a.converters()).map(c -> c.getClass().getName()).toArray(String[]::new)), encode(a.splitRegex()),
                encode(a.splitRegexSynopsisLabel()), encode(String.valueOf(a.hidden())), encode(a.defaultValue()),
                encode(a.showDefaultValue().name()), encode(String.valueOf(a.interactive())), encode(String.valueOf(a.hasInitialValue())));
    }

    private static String option(OptionSpec o) {
        return CommandRecord.line(encode(o.names()), common(o), encode(String.valueOf(o.negatable())), encode(o.fallbackValue()),
                encode(String.valueOf(o.order())), encode(String.valueOf(o.usageHelp())), encode(String.valueOf(o.versionHelp())),
                encode(String.valueOf(o.help())));
    }

    private static String positional(PositionalParamSpec p) {
        return CommandRecord.line(encode(p.index().isUnspecified() ? null : p.index().originalValue()), common(p));
    }
}
