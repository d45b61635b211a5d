package org.ropebounds.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ropebounds.format.Format;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.OverflowPolicy;
import org.ropebounds.format.RoundingMode;
import org.ropebounds.format.RoundingReport;
import org.ropebounds.format.SignedRational;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ropebounds ulp}: round values into formats and show the spacing there. */
@Command(name = "ulp", mixinStandardHelpOptions = true, header = "Round exact values into number formats: the value, ulp(x), neighbours and the error.", versionProvider = RopeBoundsCommand.Version.class,
        description = {"Round exact values into number formats: the rounded value (exact decimal, hex, bits),",
            "ulp(x), the two neighbours of x, and the rounding error. Every printed value is exact."},
        footer = {"", "Example: ropebounds ulp --format bf16 15962"})
final class UlpCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = {"-f", "--format"}, required = true, split = Converters.FORMAT_LIST_SPLIT, splitSynopsisLabel = ",", paramLabel = "FORMAT",
            description = "Formats: fp64, fp32, tf32, fp16, bf16, fp8-e4m3, fp8-e5m2, aliases (float32, bfloat16, "
                    + "half, e4m3fn, ...), p=..,emin=..,emax=..[,specials=fn], or all. Comma-separated or repeated.")
    List<String> formatNames;

    @Option(names = {"-m", "--mode"}, split = ",", paramLabel = "MODE",
            description = "Rounding modes: nearest-even (default), toward-zero, up, down, or all.")
    List<String> modeNames = List.of("nearest-even");

    @Option(names = "--overflow", paramLabel = "POLICY", defaultValue = "inf",
            description = "What overflow gives: inf (IEEE: infinity, or NaN in formats without infinity; default) "
                    + "or saturate (the largest finite value).")
    OverflowPolicy overflow;

    @Parameters(arity = "1..*", paramLabel = "VALUE",
            description = "Exact values: decimal (15962, 0.1, -1.5e-7) or C99 hex float (0x1.8p-3); -0 is the negative zero. "
                    + "Put -- before a first value that starts with '-'.")
    List<SignedRational> values;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<Format> formats = Converters.formats(formatNames);
        List<RoundingMode> modes = Converters.modes(modeNames);
        List<RoundingReport> reports = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        List<String> texts = spec.positionalParameters().get(0).stringValues();
        for (int i = 0; i < values.size(); i++) {
            for (Format f : formats) {
                for (RoundingMode m : modes) {
                    reports.add(RoundingReport.of(values.get(i), f, m, overflow));
                    inputs.add(texts.get(i).strip());
                }
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            ArrayNode arr = Json.array();
            for (int i = 0; i < reports.size(); i++) {
                arr.add(toJson(inputs.get(i), reports.get(i)));
            }
            Json.print(out, arr);
        } else {
            out.print("All values exact. ulp(x) is the spacing of the format at x; error = round(x) - x.\n");
            for (int i = 0; i < reports.size(); i++) {
                printText(out, inputs.get(i), reports.get(i));
            }
            out.flush();
        }
        return Main.EXIT_OK;
    }

    private static ObjectNode toJson(String input, RoundingReport r) {
        FloatValue v = r.rounded().value();
        ObjectNode o = Json.object();
        o.put("input", input);
        o.put("input_exact", r.input().toString());
        o.put("format", r.format().name());
        o.put("mode", r.mode().label());
        o.put("overflow", r.overflow().label());
        o.put("value_hex", v.toHexString());
        o.put("value_decimal", v.toDecimalString());
        o.put("value_shortest", v.toShortestDecimal());
        o.put("bits", v.bitsHex());
        o.put("ulp_hex", r.ulp().toHexString());
        o.put("ulp_decimal", r.ulp().toDecimalString());
        o.put("exact", r.rounded().exact());
        o.put("ternary", r.rounded().ternary());
        if (r.error().isPresent()) {
            o.put("error_decimal", r.error().get().toDecimalString());
            o.put("error_ulps", r.errorInUlps().get().toDecimalString());
        } else {
            o.putNull("error_decimal");
            o.putNull("error_ulps");
        }
        o.put("below_hex", r.below().toHexString());
        o.put("above_hex", r.above().toHexString());
        o.put("next_down_hex", v.nextDown().toHexString());
        o.put("next_up_hex", v.nextUp().toHexString());
        return o;
    }

    private static void printText(PrintWriter out, String input, RoundingReport r) {
        FloatValue v = r.rounded().value();
        out.printf("\n%s -> %s, %s: %s (%s)\n", input, r.format().name(), r.mode().label(), v.toCompactDecimalString(),
                describe(r));
        row(out, "value", v.toHexString() + "   bits " + v.bitsHex() + "   shortest round-trip " + v.toShortestDecimal());
        row(out, "ulp(x)", r.ulp().toCompactDecimalString() + " = " + r.ulp().toHexString());
        if (r.error().isPresent()) {
            row(out, "error", r.error().get().toCompactDecimalString() + " = "
                    + r.errorInUlps().get().toCompactDecimalString() + " ulp");
        }
        FloatValue below = r.rounded().exact() ? v.nextDown() : r.below();
        FloatValue above = r.rounded().exact() ? v.nextUp() : r.above();
        String range = below.isNaN() ? "x < " + above.toCompactDecimalString() + " (nothing finite below)"
                : above.isNaN() ? below.toCompactDecimalString() + " < x (nothing finite above)"
                : below.toCompactDecimalString() + " < x < " + above.toCompactDecimalString();
        row(out, r.rounded().exact() ? "next" : "neighbours",
                range + "   (" + below.toHexString() + ", " + above.toHexString() + ")");
    }

    private static String describe(RoundingReport r) {
        FloatValue v = r.rounded().value();
        if (r.rounded().exact()) {
            return "exact";
        }
        if (v.isNaN()) {
            return "overflow to NaN: the format has no infinity";
        }
        if (v.isInfinite()) {
            return "overflow";
        }
        String dir = r.rounded().ternary() > 0 ? "rounded up" : "rounded down";
        return v.isZero() ? "inexact, underflow to zero" : "inexact, " + dir;
    }

    private static void row(PrintWriter out, String label, String text) {
        out.printf("  %-11s %s\n", label, text);
    }
}
