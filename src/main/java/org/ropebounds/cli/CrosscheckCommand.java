package org.ropebounds.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ropebounds.InvalidInputException;
import org.ropebounds.crosscheck.ArraySource;
import org.ropebounds.crosscheck.Crosscheck;
import org.ropebounds.crosscheck.CrosscheckReport;
import org.ropebounds.crosscheck.CrosscheckRequest;
import org.ropebounds.crosscheck.FileKind;
import org.ropebounds.crosscheck.InvalidParameterException;
import org.ropebounds.crosscheck.Layout;
import org.ropebounds.crosscheck.Quantity;
import org.ropebounds.crosscheck.UlpsNpyWriter;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.io.AtomicFile;
import org.ropebounds.io.PathText;
import org.ropebounds.rope.PipelineSpec;
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
            "or V1, with --dtype; C or Fortran order; leading dimensions of size 1 are dropped), .safetensors",
            "(one tensor, --tensor NAME, of dtype F16, BF16, F32 or F64), CSV (one row per position; a first",
            "row without numbers is a header) or text (one number per line, decimal or hex float; blank lines",
            "and # comments skipped). Decimal text is rounded to the format, hex float must be exact. Shapes: inv_freq has d/2 entries; phase, cos and sin have one row per position",
            "with d/2 columns (one per mode) or d (modes repeated: --layout concat, transformers' cos/sin",
            "cache, the default for d columns; or interleave). Text rows have d/2 entries unless --layout",
            "says otherwise. NaN entries are refused.",
            "",
            "Exit 0 when every entry is within --tolerance-ulps of the pipeline's value (with --pipeline) or of",
            "the exact value (without); with --libm (or --libm-pow/-cos/-sin), when every entry is inside the envelope",
            "of what the pipeline computes with that libm; 1 otherwise, 2 for bad input or a malformed file."},
        footer = {"", "Examples:",
            "  ropebounds crosscheck --quantity inv_freq --base 500000 --head-dim 128 inv_freq.npy",
            "  ropebounds crosscheck --quantity cos --base 500000 --head-dim 128 --pipeline hf cos.npy",
            "  ropebounds crosscheck -q cos -b 500000 -d 128 -p hf --libm glibc --inv-freq inv_freq.npy cos.npy",
            "  ropebounds crosscheck -q inv_freq -b 1e6 -d 128 model.safetensors --tensor rotary_emb.inv_freq",
            "  ropebounds crosscheck --quantity phase --base 1e4 --head-dim 64 --dtype bf16 --positions 0:4096 phase.txt",
            "  ropebounds crosscheck --quantity cos --config config.json --pipeline hf --positions 131040:131104 cos.npy"})
final class CrosscheckCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = {"-q", "--quantity"}, required = true, paramLabel = "Q",
            description = "What the file holds: inv_freq, phase, cos or sin.")
    Quantity quantity;

    @Option(names = {"-b", "--base"}, paramLabel = "B", description = "RoPE base b (rope_theta), b > 1 (or --config/--model).")
    Rational base;

    @Option(names = {"-d", "--head-dim", "--rotary-dim"}, paramLabel = "D",
            description = "Rotary dimension d (even, 2..1024; default 128).")
    Integer headDim;

    @Mixin
    ModelOptions model;

    @Option(names = "--positions", paramLabel = "A:B", converter = Positions.RangeConverter.class,
            description = "The rows are positions A, A+1, ..., B-1 (half-open; 0 <= A < B <= 2^53). Default: 0 up to the number of rows.")
    Positions.Range positions;

    @Option(names = {"-p", "--pipeline"}, paramLabel = "NAME",
            description = "Also compare with this emulated pipeline: hf, hf-bf16-inv-freq, bf16-all, fp16-all or fp64 "
                    + "(its output format is the file's).")
    PipelineSpec pipeline;

    @Mixin
    PipelineOverrides overrides;

    @Mixin
    LibmOptions libm;

    @Option(names = "--dtype", paramLabel = "FORMAT",
            description = "The file's number format. Needed for text, CSV and raw uint/V data (with --config/--model: the model's weights' "
                    + "dtype by default); for .npy float data it must match the header.")
    Format dtype;

    @Option(names = "--layout", paramLabel = "L",
            description = "Columns to modes: modes (d/2 columns), concat (d: i = j mod d/2) or interleave (d: i = j/2).")
    Layout layout;

    @Option(names = "--tolerance-ulps", paramLabel = "N", defaultValue = "1",
            description = "Largest accepted distance in ulps (default ${DEFAULT-VALUE}: libm's cos and sin may be 1 ulp off).")
    long toleranceUlps;

    @Option(names = "--worst", paramLabel = "N", defaultValue = "10", description = "How many of the worst entries to list (0..1000; default ${DEFAULT-VALUE}).")
    int worst;

    @Option(names = "--input-format", paramLabel = "KIND", defaultValue = "auto",
            description = "npy, safetensors, csv, text, or auto (default: by the .npy magic, the safetensors header or extension, .csv, else text).")
    FileKind inputFormat;
    @Option(names = "--tensor", paramLabel = "NAME", description = "The tensor of a .safetensors file to check (may be omitted when it holds one).")
    String tensor;

    @Option(names = "--ulps-out", paramLabel = "OUT.npy",
            description = "Also write every entry's distance in ulps (against the pipeline with --pipeline, else the exact value) "
                    + "as a .npy array of uint64 in the file's shape and order; written only when the run succeeds.")
    Path ulpsOut;

    @Option(names = "--quiet", description = "No progress bar (it shows on stderr for .npy and .safetensors files when stderr is a terminal).")
    boolean quiet;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of cores).")
    Integer threads;

    @Parameters(index = "0", paramLabel = "FILE", description = "The array to check.")
    Path file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private ModelOptions.Input input;

    @Override
    public Integer call() throws IOException {
        try {
            CrosscheckReport report = run(request());
            if (common.json) {
                Json.print(spec.commandLine().getOut(), CrosscheckJson.of(report, file));
            } else {
                CrosscheckText.print(spec.commandLine().getOut(), report, file);
            }
            return report.passes() ? Main.EXIT_OK : Main.EXIT_FAILURE;
        } catch (InvalidParameterException e) {
            throw new InvalidInputException(flag(e.parameter()) + " " + e.detail());
        }
    }

    private CrosscheckRequest request() {
        if (pipeline == null && !overrides.stages().isEmpty()) {
            throw new InvalidInputException("stage overrides (--phase-dtype, ...) need --pipeline");
        }
        input = model.resolve(base, headDim);
        CrosscheckRequest.Builder b = CrosscheckRequest.builder(quantity, input.frequencies()).toleranceUlps(toleranceUlps).worst(worst);
        if (positions != null) {
            b.positions(positions.first(), positions.end() - positions.first());
        }
        if (pipeline != null) {
            b.pipeline(pipeline.with(overrides.stages()));
        }
        if (layout != null) {
            b.layout(layout);
        }
        if (threads != null) {
            b.threads(threads);
        }
        libm.models().ifPresent(b::libm);
        return b.build();
    }

    private CrosscheckReport run(CrosscheckRequest request) throws IOException {
        if (file.toString().isEmpty()) {
            throw new InvalidInputException("FILE '' is an empty path; accepted: the path of a .npy, .safetensors, CSV or text file");
        }
        if (ulpsOut != null) {
            try {
                AtomicFile.checkTarget(ulpsOut);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("--ulps-out: " + e.getMessage());
            }
            if (Files.exists(file) && Files.exists(ulpsOut) && Files.isSameFile(file, ulpsOut)) {
                throw new InvalidInputException("--ulps-out " + PathText.quote(ulpsOut) + " is the input file; accepted: a new or replaceable .npy file");
            }
        }
        try (ArraySource source = input.openArray(file, inputFormat, dtype, tensor);
             Progress progress = Progress.of("crosscheck", source.entries().orElse(0), quiet || common.json);
             ArraySource stored = libm.openInvFreq(Optional.ofNullable(dtype)).orElse(null);
             UlpsNpyWriter writer = ulpsOut == null ? null : UlpsNpyWriter.create(ulpsOut)) {
            if (stored != null) {
                return Crosscheck.run(request, source, stored, Optional.ofNullable(writer), progress::stepBy);
            }
            return writer == null ? Crosscheck.run(request, source, progress::stepBy) : Crosscheck.run(request, source, writer, progress::stepBy);
        }
    }

    private static String flag(InvalidParameterException.Parameter p) {
        return switch (p) {
            case POSITIONS -> "--positions";
            case FORMAT -> "--dtype";
            case LAYOUT -> "--layout";
            case TOLERANCE -> "--tolerance-ulps";
            case WORST -> "--worst";
            case THREADS -> "--threads";
            case TENSOR -> "--tensor";
            case LIBM -> "--libm";
            case INV_FREQ -> "--inv-freq";
        };
    }
}
