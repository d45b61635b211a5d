package org.ropebounds.reference;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.ropebounds.InvalidInputException;
import org.ropebounds.crosscheck.CrosscheckRequest;
import org.ropebounds.crosscheck.InvalidParameterException;
import org.ropebounds.crosscheck.InvalidParameterException.Parameter;
import org.ropebounds.crosscheck.Layout;
import org.ropebounds.crosscheck.Quantity;
import org.ropebounds.format.Format;
import org.ropebounds.libm.LibmModels;
import org.ropebounds.rope.Frequencies;
import org.ropebounds.rope.PipelineSpec;

/**
 * What reference array to write: the quantity (inv_freq, phase, cos or sin), the frequencies (a base and rotary
 * dim, or a model's spectrum: {@link Frequencies}), the positions of its rows (half-open {@code first .. first +
 * count - 1}, below 2^53; none for inv_freq), the dtype F of its entries, how columns map to modes
 * ({@link Layout}), and optionally a pipeline and libm models.
 *
 * <p>Values: the exact values correctly rounded (nearest-even) to F; with a pipeline, what that pipeline computes
 * (its output in F, every function correctly rounded). Tolerance: measured from those values over the envelope of
 * the pipeline ({@link #envelopePipeline()}: the one given, else {@code hf}, transformers' order of operations)
 * under the libm models ({@link #libm()}: the ones given, else every function correctly rounded).
 * Built with {@link #builder}; {@link Builder#build()} refuses anything out of range, so a request that exists is
 * valid. Immutable.
 */
public final class ReferenceRequest {
    /** Most entries (rows times columns) one array may have: 2^26 (512 MiB of fp64). */
    public static final long MAX_ENTRIES = 1L << 26;
    /** The dtypes a reference array may have: those torch, NumPy and ml_dtypes name. */
    public static final List<Format> DTYPES = List.of(Format.FP64, Format.FP32, Format.FP16, Format.BF16, Format.FP8_E4M3, Format.FP8_E5M2);
    /** The pipeline whose envelope gives the tolerance when none is given. */
    public static final String DEFAULT_ENVELOPE_PIPELINE = "hf";

    private final CrosscheckRequest check;
    private final Format dtype;
    private final Layout layout;
    private final Optional<PipelineSpec> pipeline;
    private final Optional<LibmModels> libmGiven;

    private ReferenceRequest(CrosscheckRequest check, Format dtype, Layout layout, Optional<PipelineSpec> pipeline, Optional<LibmModels> libm) {
        this.check = check;
        this.dtype = dtype;
        this.layout = layout;
        this.pipeline = pipeline;
        this.libmGiven = libm;
    }

    /** A builder for {@code quantity} of these frequencies in {@code dtype}; by default layout modes, no pipeline, correct libm. */
    public static Builder builder(Quantity quantity, Frequencies frequencies, Format dtype) {
        return new Builder(quantity, frequencies, dtype);
    }

    /** What the entries are: inv_freq, phase, cos or sin. */
    public Quantity quantity() {
        return check.quantity();
    }

    /** The frequencies: plain RoPE's (base, rotary dim) or a model's spectrum and attention factor. */
    public Frequencies frequencies() {
        return check.frequencies();
    }

    /** The dtype F of the entries (one of {@link #DTYPES}). */
    public Format dtype() {
        return dtype;
    }

    /** How the columns of a row map to modes (modes for inv_freq). */
    public Layout layout() {
        return layout;
    }

    /** The pipeline whose values the array holds, if given; empty: the exact values correctly rounded to F. */
    public Optional<PipelineSpec> pipeline() {
        return pipeline;
    }

    /** The pipeline whose envelope the tolerance is taken over: {@link #pipeline()}, else {@value #DEFAULT_ENVELOPE_PIPELINE}. */
    public PipelineSpec envelopePipeline() {
        return check.pipeline().orElseThrow();
    }

    /** The libm models of the envelope: those given, else {@link LibmModels#CORRECT}. */
    public LibmModels libm() {
        return check.libmOrCorrect();
    }

    /** Whether libm models were given (false: every function correctly rounded, the envelope is the pipeline's value). */
    public boolean libmGiven() {
        return libmGiven.isPresent();
    }

    /** The position of the first row (0 for inv_freq). */
    public long firstPosition() {
        return check.firstPosition();
    }

    /** Rows: the number of positions (1 for inv_freq, a single row of d/2 entries). */
    public long rows() {
        return quantity().hasPositions() ? check.positionCount().orElseThrow() : 1;
    }

    /** Columns per row: d/2 for modes, d for concat and interleave. */
    public int columns() {
        return layout.columns(check.modes());
    }

    /** rows times columns, at most {@value #MAX_ENTRIES}. */
    public long entries() {
        return rows() * columns();
    }

    /** The array's shape: {@code {d/2}} for inv_freq, else {@code {rows, columns}}. */
    public long[] shape() {
        return quantity().hasPositions() ? new long[] {rows(), columns()} : new long[] {columns()};
    }

    /** The same parameters as a cross-check request (with the envelope pipeline): its emulator, exact values and envelope. */
    public CrosscheckRequest crosscheckRequest() {
        return check;
    }

    /** What the entries are, in one line: {@code exact cos(p * theta_i) correctly rounded (nearest-even) to bf16}. */
    public String valuesDescription() {
        return pipeline.map(p -> "what pipeline " + p.resolve(dtype).describe() + " computes, every function correctly rounded")
                .orElse("exact " + check.exactFormula() + " correctly rounded (nearest-even) to " + dtype.name());
    }

    /** Collects a request's parameters; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private final Quantity quantity;
        private final Frequencies frequencies;
        private final Format dtype;
        private Optional<long[]> positions = Optional.empty();
        private Layout layout = Layout.MODES;
        private Optional<PipelineSpec> pipeline = Optional.empty();
        private Optional<LibmModels> libm = Optional.empty();

        private Builder(Quantity quantity, Frequencies frequencies, Format dtype) {
            this.quantity = Objects.requireNonNull(quantity, "quantity");
            this.frequencies = Objects.requireNonNull(frequencies, "frequencies");
            this.dtype = Objects.requireNonNull(dtype, "dtype");
        }

        /** The rows are positions {@code first, ..., first + count - 1}. */
        public Builder positions(long first, long count) {
            this.positions = Optional.of(new long[] {first, count});
            return this;
        }

        /** Columns map to modes as {@code layout} says (default {@link Layout#MODES}). */
        public Builder layout(Layout layout) {
            this.layout = Objects.requireNonNull(layout, "layout");
            return this;
        }

        /** The array holds what this pipeline computes, and its envelope gives the tolerance. */
        public Builder pipeline(PipelineSpec spec) {
            this.pipeline = Optional.of(Objects.requireNonNull(spec, "spec"));
            return this;
        }

        /** The envelope's libm models. */
        public Builder libm(LibmModels models) {
            this.libm = Optional.of(Objects.requireNonNull(models, "models"));
            return this;
        }

        /**
         * The request.
         *
         * @throws InvalidInputException unless b > 1 and the rotary dim is even, 2..{@value CrosscheckRequest#MAX_HEAD_DIM}
         * @throws InvalidParameterException naming the parameter: a dtype outside {@link #DTYPES} (FORMAT); positions missing
         *         for phase, cos or sin, given for inv_freq, outside {@code 0 <= first < first + count <= 2^53}, or making more
         *         than {@value #MAX_ENTRIES} entries (POSITIONS); a layout other than modes for inv_freq (LAYOUT)
         */
        public ReferenceRequest build() {
            if (!DTYPES.contains(dtype)) {
                throw new InvalidParameterException(Parameter.FORMAT, dtype.name() + " is not accepted for a reference array; accepted: "
                        + DTYPES.stream().map(Format::name).collect(Collectors.joining(", ")));
            }
            if (quantity.hasPositions() && positions.isEmpty()) {
                throw new InvalidParameterException(Parameter.POSITIONS, "are needed for " + quantity.label()
                        + "; accepted: A:B with 0 <= A < B <= 2^53 (the rows are positions A .. B-1)");
            }
            CrosscheckRequest.Builder b = CrosscheckRequest.builder(quantity, frequencies)
                    .pipeline(pipeline.orElse(PipelineSpec.preset(DEFAULT_ENVELOPE_PIPELINE))).layout(layout).threads(1);
            positions.ifPresent(p -> b.positions(p[0], p[1]));
            libm.ifPresent(b::libm);
            CrosscheckRequest check = b.build();
            if (quantity.hasPositions()) {
                long count = check.positionCount().orElseThrow();
                if (count > MAX_ENTRIES / layout.columns(check.modes())) {
                    throw new InvalidParameterException(Parameter.POSITIONS, check.firstPosition() + ":" + (check.firstPosition() + count)
                            + " makes " + count + " rows of " + layout.columns(check.modes()) + " entries; accepted: at most 2^26 = "
                            + MAX_ENTRIES + " entries (rows times columns)");
                }
            }
            check.emulator(dtype); // refuses a pipeline that cannot be resolved with this dtype
            return new ReferenceRequest(check, dtype, layout, pipeline, libm);
        }
    }
}
