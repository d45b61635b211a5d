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
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Every command rebuilt from the build's record ({@link RecordedCommands}) is the annotated one: the same options
 * with the same attributes, the same help and version text, the same parsed values and the same parse errors. The
 * annotations are the reference: they are what picocli reflects over on every other path ({@code ropebounds --help},
 * {@code ropebounds help zone}) and what {@link CommandRecorder} recorded. A command recorded wrongly, or an annotation
 * changed without the record being made again, fails here.
 */
class RecordedCommandsParityTest {
    /** The subcommands the record rebuilds: all but criteria, whose argument group it does not carry. */
    private static final List<String> RECORDED = RopeBoundsCommand.BY_NAME.keySet().stream().filter(n -> !n.equals("criteria")).sorted().toList();

    private static CommandLine annotated(String name) {
        CommandLine cl = new CommandLine(new RopeBoundsCommand());
        cl.addSubcommand(RopeBoundsCommand.BY_NAME.get(name));
        return configured(cl);
    }

    private static CommandLine recorded(String name) {
        return configured(RecordedCommands.commandLine(name).orElseThrow(() -> new AssertionError(name + " has no record (" + name + ".command)")));
    }

    /** What {@link Main#run} does to the command line before executing it. */
    private static CommandLine configured(CommandLine cl) {
        Converters.registerAll(cl);
        if (cl.getSubcommands().containsKey("check")) {
            cl.getSubcommands().get("check").setUnmatchedOptionsArePositionalParams(true);
        }
        cl.setUsageHelpWidth(120);
        return cl;
    }

    private static CommandSpec sub(CommandLine cl, String name) {
        return cl.getSubcommands().get(name).getCommandSpec();
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

    static List<String> recordedCommands() {
        return RECORDED;
    }

    @Test
    void everyCommandButCriteriaIsRecorded() {
        assertEquals(13, RECORDED.size());
        assertTrue(RecordedCommands.commandLine("criteria").isEmpty(), "criteria has an argument group: built from its annotations");
        assertTrue(RecordedCommands.commandLine("nope").isEmpty());
        assertTrue(RopeBoundsCommand.commandLine(new String[] {"zone"}).getSubcommands().get("zone").getCommandSpec().userObject() instanceof ZoneCommand);
    }

    @ParameterizedTest
    @MethodSource("recordedCommands")
    void everyOptionAndPositionalHasTheAnnotatedAttributes(String name) {
        Map<String, String> want = arguments(sub(annotated(name), name));
        assertTrue(want.size() >= 4, name + ": " + want.keySet());
        assertSameArguments(want, arguments(sub(recorded(name), name)));
        assertSameArguments(arguments(annotated(name).getCommandSpec()), arguments(recorded(name).getCommandSpec()));
    }

    /** Messages list a command's options in its spec's order ({@code check --bogus}), so the order is part of the model. */
    @ParameterizedTest
    @MethodSource("recordedCommands")
    void optionsComeInTheAnnotatedOrder(String name) {
        assertEquals(sub(annotated(name), name).options().stream().map(OptionSpec::longestName).toList(),
                sub(recorded(name), name).options().stream().map(OptionSpec::longestName).toList());
    }

    private static void assertSameArguments(Map<String, String> want, Map<String, String> got) {
        assertEquals(want.keySet(), got.keySet());
        org.junit.jupiter.api.Assertions.assertAll(want.entrySet().stream()
                .map(e -> () -> assertEquals(e.getValue(), got.get(e.getKey()), e.getKey())));
    }

    @ParameterizedTest
    @MethodSource("recordedCommands")
    void theCommandsAreNamedAndDescribedAlike(String name) {
        CommandSpec want = sub(annotated(name), name);
        CommandSpec got = sub(recorded(name), name);
        assertEquals(want.qualifiedName(), got.qualifiedName());
        assertEquals(want.mixinStandardHelpOptions(), got.mixinStandardHelpOptions());
        assertEquals(want.mixins().keySet(), got.mixins().keySet());
        assertEquals(List.of(want.usageMessage().header()), List.of(got.usageMessage().header()));
        assertEquals(List.of(want.usageMessage().description()), List.of(got.usageMessage().description()));
        assertEquals(List.of(want.usageMessage().footer()), List.of(got.usageMessage().footer()));
        assertEquals(List.of(want.version()), List.of(got.version()));
        assertSame(want.versionProvider().getClass(), got.versionProvider().getClass());
        CommandSpec top = annotated(name).getCommandSpec();
        CommandSpec topGot = recorded(name).getCommandSpec();
        assertEquals(top.name(), topGot.name());
        assertEquals(List.of(top.usageMessage().description()), List.of(topGot.usageMessage().description()));
        assertEquals(List.of(top.usageMessage().footer()), List.of(topGot.usageMessage().footer()));
        assertSame(top.versionProvider().getClass(), topGot.versionProvider().getClass());
    }

    @ParameterizedTest
    @MethodSource("recordedCommands")
    void theHelpTextIsTheAnnotatedOne(String name) {
        String want = usage(annotated(name).getSubcommands().get(name));
        assertTrue(want.contains("Usage: ropebounds " + name), want);
        assertEquals(want, usage(recorded(name).getSubcommands().get(name)));
        assertEquals(usage(annotated(name)), usage(recorded(name)));
    }

    private static String usage(CommandLine cl) {
        StringWriter w = new StringWriter();
        cl.usage(new PrintWriter(w));
        return w.toString();
    }

    /** Command lines that parse: the annotated command's fields and the recorded one's must hold the same values. */
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
        "zone --context 128k --layers 32 --tolerance 0.9 --head-dim 128 --format fp32,bf16 --base 500000",
        "zone -L 2^20 -N 4 --eps 1/3 -d 64 -f all --spectrum exact --epsilon-convention unit --digits 40 --tex --criteria all --json --debug",
        "zone -L1M -N1 --tolerance=0.5",
        "erasure --base 500000 --head-dim 256 --context 2^40 --pipeline hf --format all --json --delta 0.1 --digits 8 --max-distance 1000",
        "erasure -b 1e4 -L 2^20 -c cfg.json -m id -p bf16-all --dtype bf16 --libm glibc --libm-pow ulps:3 --inv-freq-dtype fp32 --output-dtype fp16",
        "phase -b 500000 -d 8 -P 131071 -p hf -R 5 --digits 20 --position-dtype fp32 --trig-dtype fp64 --json",
        "ulp --format bf16 15962",
        "ulp -f fp32 -m down --overflow saturate --json 1e39 -3",
        "check round(bf16,15962)==15936",
        "check --digits 30 --set x=3 --json -1<0",
        "formats",
        "formats -f fp32,bf16 --json",
        "model llama-3.1-8b",
        "model -c cfg.json --digits 9 --plot p.svg --tolerance 0.25 --json",
        "models --table md --tolerance 0.9 --json",
        "tables -q -o out --spec s.json --shard 2/4",
        "tables --merge a.json b.json",
        "derive",
        "derive aliasing --tex --standalone --spectrum exact --epsilon-convention unit",
        "reference -q cos -b 1e4 -d 64 -p hf --positions 0:16 --out o.npy --emit pytest --layout concat --dtype bf16 --libm glibc",
        "schema zone",
        "schema --json",
    })
    void parsedValuesAreTheAnnotatedOnes(String line) throws Exception {
        String[] args = line.split(" ");
        String name = args[0];
        CommandLine a = annotated(name);
        a.parseArgs(args);
        CommandLine r = recorded(name);
        r.parseArgs(args);
        Object want = sub(a, name).userObject();
        Object got = sub(r, name).userObject();
        assertSame(RopeBoundsCommand.BY_NAME.get(name), got.getClass());
        List<String> compared = new ArrayList<>();
        assertSameFields(want, got, name, compared);
        assertTrue(compared.size() >= 2, "fields compared: " + compared);
    }

    /** Fields of the command and its mixins (the picocli model and what the command resolves later excepted), compared by value. */
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

    /** The option holders the commands mix in: the cli package's classes that are neither commands nor enums. */
    private static boolean isMixin(Class<?> c) {
        return c.getPackageName().equals("org.ropebounds.cli") && !c.isEnum() && !RopeBoundsCommand.BY_NAME.containsValue(c);
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
        "zone",
        "zone -L 4k",
        "zone -L 4k -N x --eps 0.5",
        "zone -L 4k -N 2 --eps 0.5 --digits",
        "zone -L 4k -N 2 --eps 0.5 --spectrum odd",
        "zone -L 4k -N 2 --eps 0.5 extra",
        "erasure -b 1e4 --pipeline hx",
        "erasure -b 1e4 --libm-cos nope",
        "phase -b 1e4 -P",
        "ulp",
        "ulp -f",
        "check",
        "formats --json=no",
        "tables --shard",
        "reference -q cos --positions 9 -b 1e4",
    })
    void refusedCommandLinesGetTheAnnotatedMessage(String line) {
        String[] args = line.split(" ");
        String want = parseError(annotated(args[0]), args);
        assertTrue(!want.isEmpty(), line + " is refused");
        assertEquals(want, parseError(recorded(args[0]), args));
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
