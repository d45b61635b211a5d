package org.ropebounds.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ropebounds.InvalidInputException;
import org.ropebounds.crosscheck.ArraySource;
import org.ropebounds.crosscheck.CrossCheck;
import org.ropebounds.crosscheck.CsvArray;
import org.ropebounds.crosscheck.Discrepancy;
import org.ropebounds.crosscheck.ExpectedValues;
import org.ropebounds.format.FormatDoubles;
import org.ropebounds.crosscheck.Layout;
import org.ropebounds.crosscheck.NpyArray;
import org.ropebounds.crosscheck.Quantity;
import org.ropebounds.crosscheck.TextArray;
import org.ropebounds.crosscheck.UlpSummary;
import org.ropebounds.crosscheck.UlpsNpyWriter;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.real.CertifiedDecimal;
import org.ropebounds.real.Enclosure;
import org.ropebounds.rope.Pipeline;
import org.ropebounds.rope.RopeEmulator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ropebounds crosscheck}: compare an array from another implementation with what it should hold. */
@Command(name = "crosscheck", mixinStandardHelpOptions = true, header = "Compare another implementation's inv_freq, phase or cos/sin array with exact and emulated values, in ulps.", versionProvider = RopeBoundsCommand.Version.class,
        description = {"Compare an array computed by another implementation (a kernel's inv_freq, a framework's",
            "cos/sin cache) entry by entry with (a) the exact value correctly rounded to the array's format and",
            "(b) with --pipeline, what that pipeline computes op by op. Distances are counted in ulps: the",
            "number of values of the format between the entry and what it should be (exact integers).",
            "",
            "Files: .npy (float16/32/64 in either byte order; bf16 as uint16 or ml_dtypes' V2, fp8 as uint8",
            "or V1, with --dtype; C or Fortran order; leading dimensions of size 1 are dropped), CSV (one row",
            "per position; a first row without numbers is a header) or text (one number per line, decimal or",
            "hex float; blank lines and # comments skipped). Decimal text is rounded to the format, hex float",
            "must be exact. Shapes: inv_freq has d/2 entries; phase, cos and sin have one row per position",
            "with d/2 columns (one per mode) or d (modes repeated: --layout concat, transformers' cos/sin",
            "cache, the default for d columns; or interleave). Text rows have d/2 entries unless --layout",
            "says otherwise. NaN entries are refused.",
            "",
            "Exit 0 when every entry is within --tolerance-ulps of the pipeline's value (with --pipeline) or of",
            "the exact value (without), 1 otherwise, 2 for bad input or a malformed file."},
        footer = {"", "Examples:",
            "  ropebounds crosscheck --quantity inv_freq --base 500000 --head-dim 128 inv_freq.npy",
            "  ropebounds crosscheck --quantity cos --base 500000 --head-dim 128 --pipeline hf cos.npy",
            "  ropebounds crosscheck --quantity phase --base 1e4 --head-dim 64 --dtype bf16 --positions 0:4096 phase.txt"})
final class CrosscheckCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = {"-q", "--quantity"}, required = true, paramLabel = "Q", description = "What the file holds: inv_freq, phase, cos or sin.")
    String quantityName;

    @Option(names = {"-b", "--base"}, required = true, paramLabel = "B", description = "RoPE base b (rope_theta), b > 1.")
    Rational base;

    @Option(names = {"-d", "--head-dim", "--rotary-dim"}, paramLabel = "D", defaultValue = "128",
            description = "Rotary dimension d (even, 2..1024; default ${DEFAULT-VALUE}).")
    int headDim;

    @Option(names = "--positions", paramLabel = "A:B",
            description = "The rows are positions A, A+1, ..., B-1 (half-open; 0 <= A < B <= 2^53). Default: 0 up to the number of rows.")
    String positions;

    @Option(names = {"-p", "--pipeline"}, paramLabel = "NAME",
            description = "Also compare with this emulated pipeline: hf, hf-bf16-inv-freq, bf16-all, fp16-all or fp64 "
                    + "(its output format is the file's).")
    String pipelineName;

    @Mixin
    PipelineOverrides overrides;

    @Option(names = "--dtype", paramLabel = "FORMAT",
            description = "The file's number format. Needed for text, CSV and raw uint/V data; for .npy float data it must match the header.")
    Format dtype;

    @Option(names = "--layout", paramLabel = "L", description = "Columns to modes: modes (d/2 columns), concat (d: i = j mod d/2) or interleave (d: i = j/2).")
    String layoutName;

    @Option(names = "--tolerance-ulps", paramLabel = "N", defaultValue = "1",
            description = "Largest accepted distance in ulps (default ${DEFAULT-VALUE}: libm's cos and sin may be 1 ulp off).")
    long toleranceUlps;

    @Option(names = "--worst", paramLabel = "N", defaultValue = "10", description = "How many of the worst entries to list (0..1000; default ${DEFAULT-VALUE}).")
    int worst;

    @Option(names = "--input-format", paramLabel = "KIND", defaultValue = "auto",
            description = "npy, csv, text, or auto (default: npy by its magic bytes, csv by the .csv extension, else text).")
    String inputFormat;

    @Option(names = "--ulps-out", paramLabel = "OUT.npy",
            description = "Also write every entry's distance in ulps (against the pipeline with --pipeline, else the exact value) "
                    + "as a .npy array of uint64 in the file's shape and order; written only when the run succeeds.")
    Path ulpsOut;

    @Option(names = "--quiet", description = "No progress bar (it shows on stderr for .npy files when stderr is a terminal).")
    boolean quiet;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of cores).")
    Integer threads;

    @Parameters(index = "0", paramLabel = "FILE", description = "The array to check.")
    Path file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Quantity quantity = Quantity.parse(quantityName);
        Layout layout = layoutName == null ? null : Layout.parse(layoutName);
        if (toleranceUlps < 0) {
            throw new InvalidInputException("--tolerance-ulps " + toleranceUlps + " is negative; accepted: an integer >= 0");
        }
        if (worst < 0 || worst > 1000) {
            throw new InvalidInputException("--worst " + worst + " is out of range; accepted: 0..1000");
        }
        int workers = threads == null ? Math.min(64, Runtime.getRuntime().availableProcessors()) : threads;
        if (workers < 1 || workers > 64) { // each worker holds up to two 512 KiB chunks
            throw new InvalidInputException("--threads " + workers + " is out of range; accepted: 1..64");
        }
        long first = 0;
        long count = -1;
        if (positions != null) {
            if (!quantity.hasPositions()) {
                throw new InvalidInputException("--positions does not apply to inv_freq, which has no positions");
            }
            long[] range = range(positions);
            first = range[0];
            count = range[1] - range[0];
        }
        if (pipelineName == null && overrides.any()) {
            throw new InvalidInputException("stage overrides (--phase-dtype, ...) need --pipeline");
        }
        if (ulpsOut != null && (Files.isDirectory(ulpsOut) || (Files.exists(file) && Files.exists(ulpsOut) && Files.isSameFile(file, ulpsOut)))) {
            throw new InvalidInputException("--ulps-out '" + ulpsOut + "' is " + (Files.isDirectory(ulpsOut) ? "a directory" : "the input file")
                    + "; accepted: a new or replaceable .npy file");
        }
        if (ulpsOut != null && (ulpsOut.toAbsolutePath().getParent() == null || !Files.isDirectory(ulpsOut.toAbsolutePath().getParent()))) {
            throw new InvalidInputException("--ulps-out '" + ulpsOut + "': its folder does not exist");
        }
        try (ArraySource source = open(file, dtype);
             UlpsNpyWriter writer = ulpsOut == null ? null : UlpsNpyWriter.create(ulpsOut)) {
            Format format = source.format();
            // without --pipeline the emulator still supplies theta_i; its pipeline is then never consulted
            Pipeline pipeline = overrides.apply(Pipeline.preset(pipelineName == null ? "hf" : pipelineName, format));
            RopeEmulator rope = new RopeEmulator(base, headDim, pipeline);
            ExpectedValues expected = new ExpectedValues(quantity, rope, format);
            CrossCheck.Report report;
            try (Progress progress = Progress.of("crosscheck", source instanceof NpyArray npy ? npy.entries() : 0, quiet || common.json)) {
                report = CrossCheck.run(source, new CrossCheck.Spec(expected, pipelineName != null, layout, first, count, worst, toleranceUlps),
                        workers, writer, progress::stepBy);
            }
            UlpSummary decisive = report.againstPipeline() != null ? report.againstPipeline() : report.againstExact();
            boolean ok = decisive.withinTolerance(toleranceUlps);
            PrintWriter out = spec.commandLine().getOut();
            if (common.json) {
                Json.print(out, json(quantity, rope, pipelineName != null, first, report, ok));
            } else {
                printText(out, quantity, rope, pipelineName != null, first, report, ok);
            }
            return ok ? Main.EXIT_OK : Main.EXIT_FAILURE;
        }
    }

    private static long[] range(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new InvalidInputException("--positions '" + InvalidInputException.quoted(text) + "' is not A:B; accepted: e.g. 0:131072");
        }
        long a = Positions.parse(text.substring(0, colon));
        long b = Positions.parse(text.substring(colon + 1));
        if (a >= b || b > (1L << 53)) {
            throw new InvalidInputException("--positions " + a + ":" + b + " is not accepted; need 0 <= A < B <= 2^53");
        }
        return new long[] {a, b};
    }

    private ArraySource open(Path path, Format requested) throws IOException {
        String kind = inputFormat.strip().toLowerCase(Locale.ROOT);
        if (!Arrays.asList("auto", "npy", "csv", "text").contains(kind)) {
            throw new InvalidInputException("--input-format '" + InvalidInputException.quoted(inputFormat) + "' is unknown; accepted: auto, npy, csv, text");
        }
        try {
            if (Files.isDirectory(path)) {
                throw new InvalidInputException("'" + path + "' is a directory; accepted: a .npy, CSV or text file");
            }
            if (kind.equals("auto")) {
                kind = startsWithNpyMagic(path) ? "npy" : path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv") ? "csv" : "text";
            }
            if (!kind.equals("npy") && requested == null) {
                throw new InvalidInputException("a " + kind + " file does not say its number format; give --dtype (fp32, bf16, fp16, fp64, ...)");
            }
            return switch (kind) {
                case "npy" -> NpyArray.open(path, requested);
                case "csv" -> CsvArray.open(path, requested);
                default -> TextArray.open(path, requested);
            };
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("file '" + path + "' does not exist");
        } catch (AccessDeniedException e) {
            throw new InvalidInputException("file '" + path + "' cannot be read (access denied)");
        }
    }

    private static boolean startsWithNpyMagic(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(6);
            return head.length == 6 && (head[0] & 0xff) == 0x93 && new String(head, 1, 5, java.nio.charset.StandardCharsets.ISO_8859_1).equals("NUMPY");
        }
    }

    // ---- output ----

    private String header(Quantity q, RopeEmulator rope, long first, CrossCheck.Report r) {
        String rows = q.hasPositions() ? r.rows() + " positions " + first + ":" + (first + r.rows()) + " x " + r.columns()
                + " columns (layout " + r.layout().label() + ")" : r.columns() + " modes";
        return "crosscheck " + q.label() + ": b = " + rope.base().toCompactDecimalStringOrFraction() + ", d = " + rope.rotaryDim()
                + ", " + r.format().name() + "; " + file.getFileName() + " (" + r.source() + "), " + rows;
    }

    private static String exactMeaning(Quantity q, Format f) {
        String x = switch (q) {
            case INV_FREQ -> "theta_i = b^(-2i/d)";
            case PHASE -> "p * theta_i";
            case COS -> "cos(p * theta_i)";
            case SIN -> "sin(p * theta_i)";
        };
        return x + " correctly rounded to " + f.name();
    }

    private void printText(PrintWriter out, Quantity q, RopeEmulator rope, boolean withPipeline, long first, CrossCheck.Report r, boolean ok) {
        out.print(header(q, rope, first, r) + "\n");
        out.print("Counts are exact; an ulp distance counts the " + r.format().name() + " values between an entry and what it should be.\n");
        section(out, "against exact (" + exactMeaning(q, r.format()) + ")", r.againstExact(), r.format());
        if (withPipeline) {
            section(out, "against pipeline " + rope.pipeline().describe(), r.againstPipeline(), r.format());
        }
        UlpSummary decisive = withPipeline ? r.againstPipeline() : r.againstExact();
        if (withPipeline) {
            long beyondPipeline = r.beyondPipeline();
            out.print("\ndiagnosis (tolerance " + toleranceUlps + " ulp" + (toleranceUlps == 1 ? "" : "s") + "): "
                    + r.explainedByPipeline() + " entries beyond it from the exact values are within it from the pipeline "
                    + "(the pipeline's own rounding); " + beyondPipeline + " entries are beyond it from the pipeline "
                    + (beyondPipeline == 0 ? "(none left to explain)" : "(not explained by this pipeline)") + "\n");
        }
        out.print("verdict: " + (ok ? "WITHIN" : "BEYOND") + " tolerance of " + toleranceUlps + " ulp" + (toleranceUlps == 1 ? "" : "s")
                + " (max " + decisive.maxUlps() + " against " + (withPipeline ? "the pipeline" : "the exact values") + ")\n");
        out.flush();
    }

    private void section(PrintWriter out, String title, UlpSummary s, Format f) {
        out.print("\n" + title + ":\n");
        out.print("  entries " + s.entries() + ", exact " + s.exactMatches() + ", 1 ulp " + s.oneUlp() + ", worse " + s.worse()
                + "; max " + s.maxUlps() + " ulps, mean " + mean(s) + " ulps (" + meanGuarantee(s) + ")\n");
        out.print("  largest |got - want| = " + absError(s) + "\n");
        if (s.decidedExactly() > 0) {
            out.print("  " + s.decidedExactly() + " expected values were decided by certified arithmetic (the double filter could not)\n");
        }
        if (!s.worst().isEmpty()) {
            FormatDoubles v = new FormatDoubles(f);
            TextTable t = new TextTable(new boolean[] {true, true, true, false, false, true}, "index", "position", "mode", "got", "want", "ulps");
            for (Discrepancy d : s.worst()) {
                t.add(Long.toString(d.index()), d.position() < 0 ? "-" : Long.toString(d.position()), Integer.toString(d.mode()),
                        hex(v, d.got()), hex(v, d.want()), Long.toUnsignedString(d.ulps()));
            }
            out.print("  worst entries (got and want as exact hex floats):\n");
            java.io.StringWriter sw = new java.io.StringWriter();
            t.print(new PrintWriter(sw));
            sw.toString().lines().forEach(line -> out.print("    " + line + "\n"));
        }
    }

    private static CertifiedDecimal meanDecimal(UlpSummary s) {
        return CertifiedDecimal.decide(Enclosure.exact(s.meanUlps()), 6).orElseThrow();
    }

    private static String mean(UlpSummary s) {
        return meanDecimal(s).text();
    }

    private static String meanGuarantee(UlpSummary s) {
        return meanDecimal(s).guarantee();
    }

    /** The largest absolute error as its fp64 rounding, in shortest round-trip decimal and exact hex. */
    private static String absError(UlpSummary s) {
        double e = s.maxAbsError();
        if (e == 0 || Double.isInfinite(e)) {
            return e == 0 ? "0 (exact)" : "inf";
        }
        return Double.toString(e).replace("E", "e") + " = " + Double.toHexString(e).replace("0x1.0p", "0x1p") + " (correctly rounded to fp64)";
    }

    private static String hex(FormatDoubles v, double x) {
        return v.format().fromBits(v.bits(x)).toHexString();
    }

    private ObjectNode json(Quantity q, RopeEmulator rope, boolean withPipeline, long first, CrossCheck.Report r, boolean ok) {
        ObjectNode o = Json.object();
        o.put("quantity", q.label());
        o.put("base", rope.base().toCompactDecimalStringOrFraction());
        o.put("head_dim", rope.rotaryDim());
        o.put("dtype", r.format().name());
        o.put("file", file.toString());
        o.put("source", r.source());
        o.put("rows", r.rows());
        o.put("columns", r.columns());
        o.put("layout", r.layout().label());
        if (q.hasPositions()) {
            o.put("first_position", first);
        }
        o.put("tolerance_ulps", toleranceUlps);
        o.set("against_exact", summary(r.againstExact(), r.format(), exactMeaning(q, r.format())));
        if (withPipeline) {
            ObjectNode p = summary(r.againstPipeline(), r.format(), rope.pipeline().describe());
            p.put("pipeline", rope.pipeline().name());
            o.set("against_pipeline", p);
        }
        if (withPipeline) {
            o.put("explained_by_pipeline", r.explainedByPipeline());
            o.put("beyond_tolerance_of_pipeline", r.beyondPipeline());
        }
        o.put("verdict_against", withPipeline ? "pipeline" : "exact");
        o.put("within_tolerance", ok);
        return o;
    }

    private ObjectNode summary(UlpSummary s, Format f, String meaning) {
        ObjectNode o = Json.object();
        o.put("reference", meaning);
        o.put("entries", s.entries());
        o.put("exact_matches", s.exactMatches());
        o.put("one_ulp", s.oneUlp());
        o.put("worse", s.worse());
        o.put("max_ulps", s.maxUlps());
        CertifiedDecimal mean = meanDecimal(s);
        o.put("mean_ulps", new java.math.BigDecimal(mean.text()));
        o.put("mean_ulps_exact", s.meanUlps().toCompactDecimalStringOrFraction());
        if (Double.isFinite(s.maxAbsError())) {
            o.put("max_abs_error", s.maxAbsError());
            o.put("max_abs_error_hex", Double.toHexString(s.maxAbsError()));
        } else {
            o.put("max_abs_error", "inf");
        }
        o.put("max_abs_error_guarantee", "correctly rounded to fp64");
        o.put("mean_ulps_guarantee", mean.guarantee());
        o.put("decided_by_certified_arithmetic", s.decidedExactly());
        o.put("within_tolerance", s.withinTolerance(toleranceUlps));
        FormatDoubles v = new FormatDoubles(f);
        ArrayNode w = o.putArray("worst");
        for (Discrepancy d : s.worst()) {
            ObjectNode e = w.addObject();
            e.put("index", d.index());
            if (d.position() >= 0) {
                e.put("position", d.position());
            } else {
                e.putNull("position");
            }
            e.put("mode", d.mode());
            e.put("got_hex", hex(v, d.got()));
            e.put("want_hex", hex(v, d.want()));
            e.put("got_bits", v.bitsHex(d.got()));
            e.put("want_bits", v.bitsHex(d.want()));
            e.put("ulps", new java.math.BigInteger(Long.toUnsignedString(d.ulps())));
        }
        return o;
    }
}
