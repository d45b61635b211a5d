package org.ropebounds.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ropebounds.crosscheck.FileKind;
import org.ropebounds.crosscheck.Layout;
import org.ropebounds.crosscheck.Quantity;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.rope.PipelineSpec;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code ropebounds crosscheck} built through picocli's programmatic API: the same command as the annotated
 * {@link CrosscheckCommand} (with its mixins) and the top-level {@link RopeBoundsCommand}, without reading one
 * annotation. On JDK 17 every annotation type read spins a proxy class that no class-data-sharing archive can hold;
 * without the eight a crosscheck's start read, a one-row crosscheck takes about 156 ms of CPU instead of 204 (issue 17;
 * median of 15 alternated runs through {@code ./ropebounds}). Used only when the
 * first argument is {@code crosscheck}; {@code CrosscheckSpecParityTest} checks that every option, the usage help and
 * the parsed values are the annotated ones, so the annotations stay the definition.
 */
final class CrosscheckSpec {
    /** {@link CrosscheckCommand}'s {@code header}. */
    private static final String HEADER = "Compare another implementation's inv_freq, phase or cos/sin array with exact and emulated values, in ulps.";

    /** {@link CrosscheckCommand}'s {@code description}. */
    private static final String[] DESCRIPTION = {"Compare an array computed by another implementation (a kernel's inv_freq, a framework's",
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
            "of what the pipeline computes with that libm; 1 otherwise, 2 for bad input or a malformed file."};

    /** {@link CrosscheckCommand}'s {@code footer}. */
    private static final String[] FOOTER = {"", "Examples:",
            "  ropebounds crosscheck --quantity inv_freq --base 500000 --head-dim 128 inv_freq.npy",
            "  ropebounds crosscheck --quantity cos --base 500000 --head-dim 128 --pipeline hf cos.npy",
            "  ropebounds crosscheck -q cos -b 500000 -d 128 -p hf --libm glibc --inv-freq inv_freq.npy cos.npy",
            "  ropebounds crosscheck -q inv_freq -b 1e6 -d 128 model.safetensors --tensor rotary_emb.inv_freq",
            "  ropebounds crosscheck --quantity phase --base 1e4 --head-dim 64 --dtype bf16 --positions 0:4096 phase.txt",
            "  ropebounds crosscheck --quantity cos --config config.json --pipeline hf --positions 131040:131104 cos.npy"};

    /** {@link RopeBoundsCommand}'s {@code description}. */
    private static final String[] TOP_DESCRIPTION = {
        "Certified calculator for the RoPE base of long-context transformers:",
        "number formats, bounds and emulated pipelines, with every printed digit guaranteed."};

    /** {@link RopeBoundsCommand}'s {@code footer}. */
    private static final String[] TOP_FOOTER = {"", "Exit codes: 0 ok, 1 failed check or internal error, 2 bad input, 3 a claim check could not decide."};

    private CrosscheckSpec() {
    }

    /**
     * The top-level command with {@code crosscheck} as its only subcommand, like
     * {@code RopeBoundsCommand.commandLine(new String[] {"crosscheck", ...})}, built without reflection.
     */
    static CommandLine commandLine() {
        RopeBoundsCommand top = new RopeBoundsCommand();
        CommandSpec topSpec = CommandSpec.wrapWithoutInspection(top).name("ropebounds").versionProvider(new RopeBoundsCommand.Version());
        topSpec.usageMessage().description(TOP_DESCRIPTION).footer(TOP_FOOTER);
        CrosscheckMixinSpecs.addStandardHelpOptions(topSpec);
        top.spec = topSpec;
        CommandLine cl = new CommandLine(topSpec);
        cl.addSubcommand("crosscheck", new CommandLine(crosscheck()));
        return cl;
    }

    /** The {@code crosscheck} command's spec; executing it runs a {@link CrosscheckCommand} given the parsed values. */
    static CommandSpec crosscheck() {
        Invocation run = new Invocation();
        CommandSpec s = CommandSpec.wrapWithoutInspection(run).name("crosscheck").versionProvider(new RopeBoundsCommand.Version());
        run.spec = s;
        s.usageMessage().header(HEADER).description(DESCRIPTION).footer(FOOTER);
        CrosscheckMixinSpecs.addStandardHelpOptions(s);
        CrosscheckMixinSpecs.addCommon(s);
        // the command's own, in its field order
        s.addOption(option("-q", "--quantity").required(true).paramLabel("Q").type(Quantity.class)
                .description("What the file holds: inv_freq, phase, cos or sin.").build());
        s.addOption(option("-b", "--base").paramLabel("B").type(Rational.class)
                .description("RoPE base b (rope_theta), b > 1 (or --config/--model).").build());
        s.addOption(option("-d", "--head-dim", "--rotary-dim").paramLabel("D").type(Integer.class)
                .description("Rotary dimension d (even, 2..1024; default 128).").build());
        CrosscheckMixinSpecs.addModel(s);
        s.addOption(option("--positions").paramLabel("A:B").type(Positions.Range.class).converters(new Positions.RangeConverter())
                .description("The rows are positions A, A+1, ..., B-1 (half-open; 0 <= A < B <= 2^53). Default: 0 up to the number of rows.").build());
        s.addOption(option("-p", "--pipeline").paramLabel("NAME").type(PipelineSpec.class)
                .description("Also compare with this emulated pipeline: hf, hf-bf16-inv-freq, bf16-all, fp16-all or fp64 "
                        + "(its output format is the file's).").build());
        CrosscheckMixinSpecs.addOverrides(s);
        CrosscheckMixinSpecs.addLibm(s);
        // the command's own again
        s.addOption(option("--dtype").paramLabel("FORMAT").type(Format.class)
                .description("The file's number format. Needed for text, CSV and raw uint/V data (with --config/--model: the model's weights' "
                        + "dtype by default); for .npy float data it must match the header.").build());
        s.addOption(option("--layout").paramLabel("L").type(Layout.class)
                .description("Columns to modes: modes (d/2 columns), concat (d: i = j mod d/2) or interleave (d: i = j/2).").build());
        s.addOption(option("--tolerance-ulps").paramLabel("N").type(long.class).defaultValue("1")
                .description("Largest accepted distance in ulps (default ${DEFAULT-VALUE}: libm's cos and sin may be 1 ulp off).").build());
        s.addOption(option("--worst").paramLabel("N").type(int.class).defaultValue("10")
                .description("How many of the worst entries to list (0..1000; default ${DEFAULT-VALUE}).").build());
        s.addOption(option("--input-format").paramLabel("KIND").type(FileKind.class).defaultValue("auto")
                .description("npy, safetensors, csv, text, or auto (default: by the .npy magic, the safetensors header or extension, .csv, else text).")
                .build());
        s.addOption(option("--tensor").paramLabel("NAME").type(String.class)
                .description("The tensor of a .safetensors file to check (may be omitted when it holds one).").build());
        s.addOption(option("--ulps-out").paramLabel("OUT.npy").type(Path.class)
                .description("Also write every entry's distance in ulps (against the pipeline with --pipeline, else the exact value) "
                        + "as a .npy array of uint64 in the file's shape and order; written only when the run succeeds.").build());
        s.addOption(CrosscheckMixinSpecs.flag("--quiet", "No progress bar (it shows on stderr for .npy and .safetensors files when stderr is a terminal)."));
        s.addOption(option("--threads").paramLabel("N").type(Integer.class)
                .description("Worker threads (default: the number of cores).").build());
        s.addPositional(PositionalParamSpec.builder().descriptionKey("").index("0").arity("1").required(true).paramLabel("FILE").type(Path.class).description("The array to check.").build());
        return s;
    }

    private static OptionSpec.Builder option(String... names) {
        return CrosscheckMixinSpecs.option(names);
    }

    /** What picocli executes: a {@link CrosscheckCommand} holding the values parsed into {@link #spec}. */
    static final class Invocation implements Callable<Integer> {
        CommandSpec spec;

        @Override
        public Integer call() throws java.io.IOException {
            return command(spec).call();
        }
    }

    /** The annotated command as picocli would have filled it from the values parsed into {@code s}. */
    static CrosscheckCommand command(CommandSpec s) {
        CrosscheckCommand c = new CrosscheckCommand();
        c.spec = s;
        c.common = CrosscheckMixinSpecs.common(s);
        c.quantity = value(s, "--quantity");
        c.base = value(s, "--base");
        c.headDim = value(s, "--head-dim");
        c.model = CrosscheckMixinSpecs.model(s);
        c.positions = value(s, "--positions");
        c.pipeline = value(s, "--pipeline");
        c.overrides = CrosscheckMixinSpecs.overrides(s);
        c.libm = CrosscheckMixinSpecs.libm(s);
        c.dtype = value(s, "--dtype");
        c.layout = value(s, "--layout");
        c.toleranceUlps = CrosscheckSpec.<Long>value(s, "--tolerance-ulps");
        c.worst = CrosscheckSpec.<Integer>value(s, "--worst");
        c.inputFormat = value(s, "--input-format");
        c.tensor = value(s, "--tensor");
        c.ulpsOut = value(s, "--ulps-out");
        c.quiet = CrosscheckMixinSpecs.isSet(s, "--quiet");
        c.threads = value(s, "--threads");
        c.file = s.positionalParameters().get(0).getValue();
        return c;
    }

    private static <T> T value(CommandSpec s, String option) {
        return CrosscheckMixinSpecs.value(s, option);
    }
}
