package org.ropebounds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The programmatic {@link CrosscheckSpec} is the annotated {@link CrosscheckCommand} (with its mixins and the
 * top-level command): the same options with the same attributes, the same help and version text, the same parsed
 * values and the same parse errors. The annotations are the reference: they are what picocli reflects over on every
 * other path ({@code ropebounds --help}, {@code ropebounds help crosscheck}).
 */
class CrosscheckSpecParityTest {

    private static CommandLine annotated() {
        CommandLine cl = new CommandLine(new RopeBoundsCommand());
        cl.addSubcommand(CrosscheckCommand.class);
        return configured(cl);
    }

    private static CommandLine programmatic() {
        return configured(CrosscheckSpec.commandLine());
    }

    /** What {@link Main#run} does to the command line before executing it. */
    private static CommandLine configured(CommandLine cl) {
        Converters.registerAll(cl);
        cl.setUsageHelpWidth(120);
        return cl;
    }

    private static CommandSpec crosscheck(CommandLine cl) {
        return cl.getSubcommands().get("crosscheck").getCommandSpec();
    }

    /** Every attribute of an option or positional that picocli uses to parse, convert or describe it. */
    private static String describe(ArgSpec a) {
        StringBuilder b = new StringBuilder();
        if (a instanceof OptionSpec o) {
            b.append("option ").append(Arrays.toString(o.names())).append(" usageHelp=").append(o.usageHelp())
                    .append(" versionHelp=").append(o.versionHelp()).append(" negatable=").append(o.negatable())
                    .append(" order=").append(o.order()).append(" fallback=").append(o.fallbackValue());
        } else {
            PositionalParamSpec p = (PositionalParamSpec) a;
            b.append("positional ").append(p.index());
        }
        b.append(" label=").append(a.paramLabel()).append(" arity=").append(a.arity()).append(" required=").append(a.required())
                .append(" type=").append(a.type().getName()).append(" aux=").append(Arrays.toString(a.auxiliaryTypes()))
                .append(" default=").append(a.defaultValue()).append(" showDefault=").append(a.showDefaultValue())
                .append(" hidden=").append(a.hidden()).append(" split=").append(a.splitRegex())
                .append(" interactive=").append(a.interactive()).append(" descriptionKey=").append(a.descriptionKey())
                .append(" description=").append(Arrays.toString(a.description()))
                .append(" converters=").append(Arrays.stream(a.converters()).map(c -> c.getClass().getName()).toList());
        return b.toString();
    }

    private static Map<String, String> arguments(CommandSpec s) {
        Map<String, String> out = new TreeMap<>();
        for (OptionSpec o : s.options()) {
            assertEquals(null, out.put(o.longestName(), describe(o)), "two options named " + o.longestName());
        }
        for (PositionalParamSpec p : s.positionalParameters()) {
            out.put("positional " + p.index(), describe(p));
        }
        return out;
    }

    @Test
    void everyOptionAndPositionalHasTheAnnotatedAttributes() {
        Map<String, String> want = arguments(crosscheck(annotated()));
        assertEquals(32, want.size(), "the annotated crosscheck's options and FILE (if this changes, update CrosscheckSpec)");
        assertSameArguments(want, arguments(crosscheck(programmatic())));
        assertSameArguments(arguments(annotated().getCommandSpec()), arguments(programmatic().getCommandSpec()));
    }

    private static void assertSameArguments(Map<String, String> want, Map<String, String> got) {
        assertEquals(want.keySet(), got.keySet());
        org.junit.jupiter.api.Assertions.assertAll(want.entrySet().stream()
                .map(e -> () -> assertEquals(e.getValue(), got.get(e.getKey()), e.getKey())));
    }

    @Test
    void theCommandsAreNamedAndDescribedAlike() {
        CommandSpec want = crosscheck(annotated());
        CommandSpec got = crosscheck(programmatic());
        assertEquals(want.qualifiedName(), got.qualifiedName());
        assertEquals(want.mixinStandardHelpOptions(), got.mixinStandardHelpOptions());
        assertEquals(List.of(want.usageMessage().header()), List.of(got.usageMessage().header()));
        assertEquals(List.of(want.usageMessage().description()), List.of(got.usageMessage().description()));
        assertEquals(List.of(want.usageMessage().footer()), List.of(got.usageMessage().footer()));
        assertEquals(want.version().length, got.version().length);
        assertSame(want.versionProvider().getClass(), got.versionProvider().getClass());
        CommandSpec top = annotated().getCommandSpec();
        CommandSpec topGot = programmatic().getCommandSpec();
        assertEquals(top.name(), topGot.name());
        assertEquals(List.of(top.usageMessage().description()), List.of(topGot.usageMessage().description()));
        assertEquals(List.of(top.usageMessage().footer()), List.of(topGot.usageMessage().footer()));
        assertSame(top.versionProvider().getClass(), topGot.versionProvider().getClass());
    }

    @Test
    void theHelpTextIsTheAnnotatedOne() {
        assertEquals(usage(annotated().getSubcommands().get("crosscheck")), usage(programmatic().getSubcommands().get("crosscheck")));
        assertTrue(usage(programmatic().getSubcommands().get("crosscheck")).startsWith("Compare another implementation's inv_freq"));
        assertEquals(usage(annotated()), usage(programmatic()));
    }

    private static String usage(CommandLine cl) {
        StringWriter w = new StringWriter();
        cl.usage(new PrintWriter(w));
        return w.toString();
    }

    @Test
    void aFirstArgumentCrosscheckBuildsTheProgrammaticCommand() {
        CommandLine cl = RopeBoundsCommand.commandLine(new String[] {"crosscheck", "x.npy"});
        assertTrue(cl.getSubcommands().get("crosscheck").getCommandSpec().userObject() instanceof CrosscheckSpec.Invocation);
    }

    /** Command lines that parse: the annotated command's fields and the programmatic one's must hold the same values. */
    @ParameterizedTest
    @ValueSource(strings = {
        "crosscheck -q inv_freq -b 500000 -d 128 f.npy",
        "crosscheck --quantity=cos --base=1e4 --rotary-dim=64 --pipeline hf --positions 3:70 --worst 0 --tolerance-ulps 7 f.npy",
        "crosscheck -qphase -b1e4 --dtype bf16 --layout interleave --input-format csv --tensor t --ulps-out o.npy --quiet --threads 3 --json --debug f.csv",
        "crosscheck -q sin -c cfg.json -m some/id -p bf16-all --inv-freq-dtype bf16 --position-dtype fp32 --phase-dtype fp16 --trig-dtype fp64 "
                + "--output-dtype bf16 -- -f.npy",
        "crosscheck -q cos -b 1e6 -p hf --libm glibc --libm-pow ulps:2 --libm-cos correct --libm-sin abs:1e-7@4 --inv-freq i.txt "
                + "--inv-freq-file-dtype fp32 f.npy",
        "crosscheck -q cos -b 1e6 -p hf --libm faithful f.npy",
    })
    void parsedValuesAreTheAnnotatedOnes(String line) throws Exception {
        String[] args = line.split(" ");
        CommandLine a = annotated();
        a.parseArgs(args);
        CrosscheckCommand want = (CrosscheckCommand) a.getSubcommands().get("crosscheck").getCommandSpec().userObject();
        CommandLine p = programmatic();
        p.parseArgs(args);
        CrosscheckCommand got = CrosscheckSpec.command(p.getSubcommands().get("crosscheck").getCommandSpec());
        List<String> compared = new ArrayList<>();
        assertSameFields(want, got, "crosscheck", compared);
        assertTrue(compared.size() >= 30, "fields compared: " + compared);
    }

    /** Fields of the command and its mixins (the picocli model and the resolved input excepted), compared by value. */
    private static void assertSameFields(Object want, Object got, String path, List<String> compared) throws IllegalAccessException {
        assertSame(want.getClass(), got.getClass(), path);
        for (Field f : want.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || f.getType() == CommandSpec.class || f.getName().equals("input")) {
                continue;
            }
            f.setAccessible(true);
            Object w = f.get(want);
            Object g = f.get(got);
            String name = path + "." + f.getName();
            if (w != null && isMixin(f.getType())) {
                assertNotNull(g, name);
                assertSameFields(w, g, name, compared);
                continue;
            }
            compared.add(name);
            assertEquals(String.valueOf(w), String.valueOf(g), name);
            assertEquals(w == null ? null : w.getClass(), g == null ? null : g.getClass(), name);
        }
    }

    private static boolean isMixin(Class<?> c) {
        return c == CommonOptions.class || c == ModelOptions.class || c == PipelineOverrides.class || c == LibmOptions.class
                || c == LibmModelOptions.class;
    }

    /** Command lines picocli refuses: the same message from both. */
    @ParameterizedTest
    @ValueSource(strings = {
        "crosscheck",
        "crosscheck f.npy",
        "crosscheck -q cos",
        "crosscheck -q cos f.npy g.npy",
        "crosscheck -q bogus f.npy",
        "crosscheck -q cos -d x f.npy",
        "crosscheck -q cos --positions 5 f.npy",
        "crosscheck -q cos --libm nope f.npy",
        "crosscheck -q cos --libm-sin ulps:x f.npy",
        "crosscheck -q cos --dtype fp99 f.npy",
        "crosscheck -q cos --layout diag f.npy",
        "crosscheck -q cos --input-format xls f.npy",
        "crosscheck -q cos --tolerance-ulps x f.npy",
        "crosscheck -q cos --worst 1.5 f.npy",
        "crosscheck -q cos --threads many f.npy",
        "crosscheck -q cos --pipeline hx f.npy",
        "crosscheck -q cos --bogus f.npy",
        "crosscheck -q cos --quantty cos f.npy",
        "crosscheck -q cos --json=yes f.npy",
        "crosscheck -q cos --base",
    })
    void refusedCommandLinesGetTheAnnotatedMessage(String line) {
        String[] args = line.split(" ");
        String want = parseError(annotated(), args);
        assertTrue(!want.isEmpty(), line + " is refused");
        assertEquals(want, parseError(programmatic(), args));
    }

    private static String parseError(CommandLine cl, String[] args) {
        try {
            cl.parseArgs(args);
            return "";
        } catch (CommandLine.ParameterException e) {
            return e.getMessage() + " / " + e.getCommandLine().getCommandSpec().qualifiedName();
        }
    }
}
