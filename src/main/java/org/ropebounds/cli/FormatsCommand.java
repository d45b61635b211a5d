package org.ropebounds.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.ropebounds.format.BinaryRational;
import org.ropebounds.format.Format;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ropebounds formats}: the formats and their constants. */
@Command(name = "formats", mixinStandardHelpOptions = true, versionProvider = RopeBoundsCommand.Version.class,
        description = {"List number formats and their exact constants.",
            "Powers of two print as 2^k, other values as C99 hex floats; every value is exact."})
final class FormatsCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = {"-f", "--format"}, split = Converters.FORMAT_LIST_SPLIT, splitSynopsisLabel = ",", paramLabel = "FORMAT",
            description = "Formats to list (default: all standard formats): fp64, fp32, tf32, fp16, bf16, "
                    + "fp8-e4m3, fp8-e5m2, aliases, or p=..,emin=..,emax=..[,specials=fn].")
    List<String> formatNames = List.of("all");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<Format> formats = Converters.formats(formatNames);
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            ArrayNode arr = Json.array();
            for (Format f : formats) {
                ObjectNode o = arr.addObject();
                o.put("name", f.name());
                ArrayNode aliases = o.putArray("aliases");
                f.aliases().forEach(aliases::add);
                o.put("p", f.precision());
                o.put("emin", f.emin());
                o.put("emax", f.emax());
                o.put("specials", f.hasInfinity() ? "ieee" : "fn");
                o.put("exponent_bits", f.exponentBits());
                o.put("encoding_bits", f.encodingBits());
                o.put("eps_mach", f.machineEpsilon().toHexString());
                o.put("unit_roundoff", f.unitRoundoff().toHexString());
                o.put("min_subnormal", f.minSubnormal().toHexString());
                o.put("min_normal", f.minNormal().toHexString());
                o.put("max_finite", f.maxFinite().toHexString());
                o.put("max_finite_decimal", f.maxFinite().toDecimalString());
                o.put("max_contiguous_integer", f.maxContiguousInteger().toString());
            }
            Json.print(out, arr);
            return Main.EXIT_OK;
        }
        TextTable t = new TextTable(new boolean[] {false, true, true, true, false, false, false, false, false, false, false, true},
                "format", "p", "emin", "emax", "specials", "eps_mach", "u", "min_subnormal", "min_normal", "max_finite",
                "~max_finite", "max_contiguous_int");
        for (Format f : formats) {
            t.add(f.name(), Integer.toString(f.precision()), Integer.toString(f.emin()), Integer.toString(f.emax()),
                    f.hasInfinity() ? "inf,nan" : "nan only", power(f.machineEpsilon()), power(f.unitRoundoff()),
                    power(f.minSubnormal()), power(f.minNormal()),
                    f.maxFinite().toHexString(), f.maxFinite().toDecimalString(6),
                    f.maxContiguousInteger().toString());
        }
        out.print("Binary floating-point formats. All values exact (2^k or C99 hex float);\n"
                + "'~' gives the value correctly rounded to 6 significant digits.\n");
        t.print(out);
        return Main.EXIT_OK;
    }

    /** {@code 2^k} for a power of two (exact). */
    private static String power(BinaryRational x) {
        return "2^" + x.exponent();
    }
}
