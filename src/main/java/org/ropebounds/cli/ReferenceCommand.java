package org.ropebounds.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ropebounds.InvalidInputException;
import org.ropebounds.crosscheck.InvalidParameterException;
import org.ropebounds.crosscheck.Layout;
import org.ropebounds.crosscheck.Quantity;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.io.AtomicFile;
import org.ropebounds.reference.ReferenceJson;
import org.ropebounds.reference.ReferenceReport;
import org.ropebounds.reference.ReferenceRequest;
import org.ropebounds.reference.ReferenceWriter;
import org.ropebounds.reference.Tolerance;
import org.ropebounds.rope.PipelineSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ropebounds reference}: write a certified reference array and the tolerance a test suite can use with it. */
@Command(name = "reference", mixinStandardHelpOptions = true, versionProvider = RopeBoundsCommand.Version.class,
        header = "Write a certified inv_freq, phase, cos or sin array (.npy) and the tolerance every correct implementation passes.",
        description = {"Write the exact values correctly rounded to --dtype (or, with --pipeline, what that pipeline computes) as",
            ".npy (fp64/fp32/fp16 natively; bf16 as uint16 and fp8 as uint8 encodings), with a sidecar FILE.npy.json (parameters,",
            "dtype, sha256, tolerance), atomically. Rows are positions A..B-1 (half-open, below 2^53; at most 2^26 entries).",
            "",
            "The tolerance is taken over the envelope of --pipeline (default hf: fp32 inv_freq, phase and cos/sin, cast to",
            "--dtype) under --libm (default correct: the envelope is then the pipeline's own value), measured from the",
            "written entries: the largest distance in ulps (exact) and absolute (upper bound); an atol with which",
            "torch.testing.assert_close at the dtype's default rtol passes for every implementation inside the envelope;",
            "and an upper bound on llama.cpp test-backend-ops' NMSE. proofs/reference-tolerance.md derives them.",
            "",
            "Exit 0 when written, 2 for bad input (nothing is written)."},
        footer = {"", "Examples:",
            "  ropebounds reference -q cos -b 10000 -d 128 --positions 1048512:1048576 --dtype bf16 --layout concat --out cos.npy",
            "  ropebounds reference -q sin -b 500000 -d 128 --positions 131008:131072 --dtype fp32 --libm sleef-u10 --out sin.npy",
            "  ropebounds reference -q inv_freq --model llama-3.1-8b --dtype fp32 --pipeline hf --out inv_freq.npy",
            "  ropebounds reference -q cos -b 10000 -d 64 --positions 0:4096 --dtype fp16 --out cos.npy --emit pytest"})
final class ReferenceCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = {"-q", "--quantity"}, required = true, paramLabel = "Q", description = "What the array holds: inv_freq, phase, cos or sin.")
    Quantity quantity;

    @Option(names = {"-b", "--base"}, paramLabel = "B", description = "RoPE base b (rope_theta), b > 1 (or --config/--model).")
    Rational base;

    @Option(names = {"-d", "--head-dim", "--rotary-dim"}, paramLabel = "D", description = "Rotary dimension d (even, 2..1024; default 128).")
    Integer headDim;

    @Mixin
    ModelOptions model;

    @Option(names = "--positions", paramLabel = "A:B", converter = Positions.RangeConverter.class,
            description = "The rows are positions A, A+1, ..., B-1 (half-open; 0 <= A < B <= 2^53). Needed for phase, cos and sin.")
    Positions.Range positions;

    @Option(names = "--dtype", paramLabel = "FORMAT",
            description = "The entries' dtype: fp64, fp32, fp16, bf16, fp8-e4m3 or fp8-e5m2 (with --config/--model: the model's by default).")
    Format dtype;

    @Option(names = {"-p", "--pipeline"}, paramLabel = "NAME",
            description = "Write what this pipeline computes (hf, hf-bf16-inv-freq, bf16-all, fp16-all, fp64; output in --dtype), "
                    + "and take the tolerance over its envelope (default: exact values, the envelope of hf).")
    PipelineSpec pipeline;

    @Mixin
    LibmModelOptions libm;

    @Option(names = "--layout", paramLabel = "L", description = "Columns: modes (d/2, default), concat (d: transformers' cat(freqs, freqs)) or interleave (d).")
    Layout layout;

    @Option(names = "--out", required = true, paramLabel = "FILE.npy", description = "The array to write; its sidecar is FILE.npy.json.")
    Path out;

    @Option(names = "--emit", paramLabel = "pytest", description = "Also write test_STEM.py beside the array: a pytest file that checks "
            + "an implementation against it with the printed tolerance (see the README).")
    String emit;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ReferenceReport report;
        try {
            ReferenceRequest request = request();
            boolean pytest = emitPytest();
            checkTarget("--out", out);
            checkTarget("sidecar", ReferenceWriter.sidecarOf(out));
            if (pytest) {
                checkTarget("--emit pytest", ReferenceWriter.pytestOf(out));
            }
            report = ReferenceWriter.write(request, out, pytest);
        } catch (InvalidParameterException e) {
            throw new InvalidInputException(flag(e.parameter()) + " " + e.detail());
        }
        PrintWriter w = spec.commandLine().getOut();
        if (common.json) {
            Json.print(w, ReferenceJson.of(report, out.toString()));
        } else {
            print(w, report);
        }
        return Main.EXIT_OK;
    }

    private static void checkTarget(String what, Path target) {
        try {
            AtomicFile.checkTarget(target);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(what + ": " + e.getMessage());
        }
    }

    private boolean emitPytest() {
        if (emit == null) {
            return false;
        }
        if (!emit.strip().equalsIgnoreCase("pytest")) {
            throw new InvalidInputException("--emit '" + InvalidInputException.quoted(emit) + "' is not accepted; accepted: pytest");
        }
        return true;
    }

    private ReferenceRequest request() {
        ModelOptions.Input input = model.resolve(base, headDim);
        Format f = input.dtype(dtype, null);
        if (f == null) {
            throw new InvalidInputException("--dtype is needed: fp64, fp32, fp16, bf16, fp8-e4m3 or fp8-e5m2");
        }
        ReferenceRequest.Builder b = ReferenceRequest.builder(quantity, input.frequencies(), f);
        if (positions != null) {
            b.positions(positions.first(), positions.end() - positions.first());
        }
        if (pipeline != null) {
            b.pipeline(pipeline);
        }
        if (layout != null) {
            b.layout(layout);
        }
        libm.models().ifPresent(b::libm);
        return b.build();
    }

    private static void print(PrintWriter w, ReferenceReport r) {
        ReferenceRequest q = r.request();
        Tolerance t = r.tolerance();
        w.printf("reference %s, %s, %s, layout %s%s%n", q.quantity().label(), q.frequencies().source(), q.dtype().name(), q.layout().label(),
                q.quantity().hasPositions() ? ", positions " + q.firstPosition() + ":" + (q.firstPosition() + q.rows()) : "");
        w.printf("values: %s%n", q.valuesDescription());
        w.printf("wrote %s: %d entries, shape %s, %s; sha256 %s%n", r.file(), r.entries(), shapeText(q.shape()),
                ReferenceJson.storage(q), r.sha256());
        w.printf("sidecar %s%s%n", r.sidecar(), r.pytest().map(p -> ", pytest " + p).orElse(""));
        w.printf("tolerance over the envelope of %s under libm %s%s:%n", q.envelopePipeline().resolve(q.dtype()).describe(), q.libm().describe(),
                q.libmGiven() ? "" : " (default: every function correctly rounded)");
        w.printf("  envelope_max_ulps  %s  (%s)%n", Long.toUnsignedString(t.maxUlps()), Tolerance.MAX_ULPS_GUARANTEE);
        w.printf("  envelope_max_abs   %s  (%s)%n", ReferenceJson.plain(t.maxAbs()), t.maxAbsGuarantee());
        w.printf("  assert_close       rtol=%s, atol=%s  (%s)%n", ReferenceJson.plain(t.rtol()), ReferenceJson.plain(t.atol()), t.atolGuarantee());
        w.printf("  nmse_bound         %s  (%s)%n", t.nmse().map(ReferenceJson::plain).orElse("none"), t.nmseGuarantee());
        w.flush();
    }

    private static String shapeText(long[] shape) {
        return org.ropebounds.crosscheck.NpyHeader.shapeText(shape);
    }

    private static String flag(InvalidParameterException.Parameter p) {
        return switch (p) {
            case POSITIONS -> "--positions";
            case FORMAT -> "--dtype";
            case LAYOUT -> "--layout";
            case LIBM -> "--libm";
            default -> p.label();
        };
    }
}
