package org.ropebounds.crosscheck;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.ropebounds.InvalidInputException;
import org.ropebounds.crosscheck.InvalidParameterException.Parameter;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.libm.LibmModels;
import org.ropebounds.rope.Frequencies;
import org.ropebounds.rope.Pipeline;
import org.ropebounds.rope.PipelineSpec;
import org.ropebounds.rope.RopeEmulator;

/**
 * What to compare an array with, and how: the quantity it holds, the frequencies (a RoPE base and head dim,
 * or a model's effective spectrum and attention factor: {@link Frequencies}), the
 * positions its rows are, the pipeline to compare with too (optional), how its columns map to modes
 * (optional: taken from the row width), the accepted distance in ulps, how many of the worst entries to
 * list, and how many worker threads check it. Built with {@link #builder}; {@link Builder#build()}
 * refuses anything out of range, so a request that exists is valid. Immutable.
 *
 * <pre>{@code
 * CrosscheckRequest r = CrosscheckRequest.builder(Quantity.COS, Rational.of(500000), 128)
 *         .positions(0, 4096).pipeline("hf").build();
 * }</pre>
 */
public final class CrosscheckRequest {
    /** Largest head dim (the emulator's limit, {@link RopeEmulator}). */
    public static final int MAX_HEAD_DIM = 1024;
    /** Positions are below 2^53, where every integer is an fp64 value. */
    public static final long POSITION_LIMIT = 1L << 53;
    /** Most worst entries listed per comparison. */
    public static final int MAX_WORST = 1000;
    /** Most worker threads: each holds up to two 512 KiB chunks ({@link Crosscheck}), so 64 keep memory near 64 MiB. */
    public static final int MAX_THREADS = 64;

    private final Quantity quantity;
    private final Frequencies frequencies;
    private final long firstPosition;
    private final OptionalLong positionCount;
    private final Optional<PipelineSpec> pipeline;
    private final Optional<Layout> layout;
    private final long toleranceUlps;
    private final int worst;
    private final int threads;
    private final Optional<LibmModels> libm;

    private CrosscheckRequest(Builder b) {
        this.quantity = b.quantity;
        this.frequencies = b.frequencies;
        this.firstPosition = b.firstPosition;
        this.positionCount = b.positionCount;
        this.pipeline = b.pipeline;
        this.layout = b.layout;
        this.toleranceUlps = b.toleranceUlps;
        this.worst = b.worst;
        this.threads = b.threads.orElse(defaultThreads());
        this.libm = b.libm;
    }

    /**
     * A builder for the array that holds {@code quantity} for base {@code base} and head dim {@code headDim};
     * by default positions from 0 on (as many as the array has rows), no pipeline, the layout from the row
     * width, tolerance 1 ulp (libm's cos and sin may be 1 ulp off), the 10 worst entries listed, and
     * {@link #defaultThreads()} threads. The values are checked by {@link Builder#build()} (a pipeline given by
     * name is parsed when it is given).
     */
    public static Builder builder(Quantity quantity, Rational base, int headDim) {
        return new Builder(quantity, Frequencies.plain(base, headDim));
    }

    /**
     * A builder for the array that holds {@code quantity} for these frequencies (plain, or a model's spectrum:
     * the exact values are then its theta'_i, times its attention factor for cos and sin, and a pipeline
     * starts from its computed inv_freq); defaults as {@link #builder(Quantity, Rational, int)}.
     */
    public static Builder builder(Quantity quantity, Frequencies frequencies) {
        return new Builder(quantity, frequencies);
    }

    /** The number of cores, at most {@link #MAX_THREADS}. */
    public static int defaultThreads() {
        return Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors());
    }

    public Quantity quantity() {
        return quantity;
    }

    /** The RoPE base b > 1. */
    public Rational base() {
        return frequencies.base();
    }

    /** The rotary dimension d (even, 2..{@value #MAX_HEAD_DIM}). */
    public int headDim() {
        return frequencies.rotaryDim();
    }

    /** The number of modes, d/2. */
    public int modes() {
        return headDim() / 2;
    }

    /** The frequencies the array is judged by: plain RoPE's, or a model's spectrum and attention factor. */
    public Frequencies frequencies() {
        return frequencies;
    }

    /**
     * What the exact values are: {@link Quantity#exactFormula()} for plain RoPE; for a model, the same with its
     * theta'_i ({@code theta'_i}, {@code p * theta'_i}) and, for cos and sin, its attention factor
     * ({@code a * cos(p * theta'_i)}) when that is not 1.
     */
    public String exactFormula() {
        if (frequencies.isPlain()) {
            return quantity.exactFormula();
        }
        return switch (quantity) {
            case INV_FREQ -> "theta'_i (the model's effective spectrum)";
            case PHASE -> "p * theta'_i";
            case COS, SIN -> (frequencies.attentionFactor().isPresent() ? "a * " : "") + quantity.label() + "(p * theta'_i)";
        };
    }

    /** Where the frequencies come from, in one line ({@link Frequencies#source()}): {@code plain base 500000}. */
    public String spectrumSource() {
        return frequencies.source();
    }

    /** The position of the first row (0 for inv_freq, which has none). */
    public long firstPosition() {
        return firstPosition;
    }

    /** How many rows (positions) the array must have; empty for as many as it has. */
    public OptionalLong positionCount() {
        return positionCount;
    }

    /** The pipeline to compare with too; its activation (output) format becomes the array's. */
    public Optional<PipelineSpec> pipeline() {
        return pipeline;
    }

    /** How the columns map to modes; empty to take it from the row width (d/2: modes, d: concat). */
    public Optional<Layout> layout() {
        return layout;
    }

    /** The largest accepted distance in ulps (>= 0). */
    public long toleranceUlps() {
        return toleranceUlps;
    }

    /** How many of the worst entries each comparison lists (0..{@value #MAX_WORST}). */
    public int worst() {
        return worst;
    }

    /** Worker threads (1..{@value #MAX_THREADS}). */
    public int threads() {
        return threads;
    }

    /**
     * The libm models of the pipeline comparison, when given: the verdict is then "every entry inside the
     * envelope" ({@link PipelineEnvelope}); empty: the envelope of correctly rounded functions is reported and the
     * verdict is "within the tolerance of the pipeline's value", as before libm models existed.
     */
    public Optional<LibmModels> libm() {
        return libm;
    }

    /** {@link #libm()}, or every function correctly rounded. */
    public LibmModels libmOrCorrect() {
        return libm.orElse(LibmModels.CORRECT);
    }

    /**
     * The emulator that gives theta_i and, with a pipeline, what the pipeline computes, for an array in
     * {@code arrayFormat}: the pipeline resolved with that format as its activation, with the request's
     * frequencies ({@link Frequencies#emulator}). Without a pipeline, hf's stands in and only its theta_i (and
     * attention factor) are used (they do not depend on the pipeline).
     *
     * @throws InvalidInputException when the pipeline cannot be resolved with {@code arrayFormat}
     */
    public RopeEmulator emulator(Format arrayFormat) {
        Pipeline p = pipeline.orElse(PipelineSpec.preset("hf")).resolve(arrayFormat);
        return frequencies.emulator(p);
    }

    /**
     * The envelope the pipeline comparison judges an array in {@code arrayFormat} by: what the pipeline can compute
     * under {@link #libmOrCorrect()} ({@link PipelineEnvelope}, built as {@link Crosscheck} builds it, for plain and
     * scaled spectra alike). Empty when every function is correctly rounded: the envelope is then the pipeline's own
     * value ({@link ExpectedValues#pipeline}).
     *
     * @throws InvalidInputException as {@link PipelineEnvelope#of} says, or when the request names no pipeline
     */
    public Optional<PipelineEnvelope> envelope(Format arrayFormat) {
        if (pipeline.isEmpty()) {
            throw new InvalidParameterException(Parameter.LIBM, "an envelope needs a pipeline; accepted: a request with a pipeline");
        }
        LibmModels models = libmOrCorrect();
        return models.allCorrect() ? Optional.empty()
                : Optional.of(EnvelopeChecks.Envelopes.build(this, emulator(arrayFormat), models, arrayFormat, false));
    }

    /** The positions as {@code first:end} (half-open; a valid request's end does not overflow), or {@code from first}. */
    String positionsText() {
        return positionCount.isPresent() ? firstPosition + ":" + (firstPosition + positionCount.getAsLong()) : "from " + firstPosition;
    }

    /** Collects a request's parameters; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private final Quantity quantity;
        private final Frequencies frequencies;
        private long firstPosition;
        private boolean positionsGiven;
        private OptionalLong positionCount = OptionalLong.empty();
        private Optional<PipelineSpec> pipeline = Optional.empty();
        private Optional<Layout> layout = Optional.empty();
        private long toleranceUlps = 1;
        private int worst = 10;
        private OptionalInt threads = OptionalInt.empty();
        private Optional<LibmModels> libm = Optional.empty();

        private Builder(Quantity quantity, Frequencies frequencies) {
            this.quantity = Objects.requireNonNull(quantity, "quantity");
            this.frequencies = Objects.requireNonNull(frequencies, "frequencies");
        }

        /** The rows are positions {@code first, first + 1, ..., first + count - 1}: exactly {@code count} rows. */
        public Builder positions(long first, long count) {
            this.firstPosition = first;
            this.positionCount = OptionalLong.of(count);
            this.positionsGiven = true;
            return this;
        }

        /** The rows are positions {@code first, first + 1, ...}, as many as the array has. */
        public Builder firstPosition(long first) {
            this.firstPosition = first;
            this.positionCount = OptionalLong.empty();
            this.positionsGiven = true;
            return this;
        }

        /** Also compare with this pipeline. */
        public Builder pipeline(PipelineSpec spec) {
            this.pipeline = Optional.of(spec);
            return this;
        }

        /**
         * Also compare with the pipeline {@code spec} names ({@link PipelineSpec#parse}: {@code hf}, {@code hf+phase=bf16}).
         *
         * @throws InvalidInputException for an unknown preset, stage or format
         */
        public Builder pipeline(String spec) {
            return pipeline(PipelineSpec.parse(spec));
        }

        /** Columns map to modes as {@code layout} says (rather than by the row width). */
        public Builder layout(Layout layout) {
            this.layout = Optional.of(layout);
            return this;
        }

        public Builder toleranceUlps(long ulps) {
            this.toleranceUlps = ulps;
            return this;
        }

        public Builder worst(int entries) {
            this.worst = entries;
            return this;
        }

        public Builder threads(int threads) {
            this.threads = OptionalInt.of(threads);
            return this;
        }

        /** Judge against the pipeline's envelope under these libm models (needs a pipeline). */
        public Builder libm(LibmModels models) {
            this.libm = Optional.of(Objects.requireNonNull(models, "models"));
            return this;
        }

        /**
         * The request.
         *
         * @throws InvalidInputException unless {@code b > 1} and d is even with {@code 2 <= d <=} {@value #MAX_HEAD_DIM}
         * @throws InvalidParameterException naming the parameter: positions given for inv_freq, or not
         *         {@code 0 <= first < first + count <= 2^53} ({@code first < 2^53} without a count); a layout other than modes
         *         for inv_freq; a negative tolerance; worst outside 0..{@value #MAX_WORST}; threads outside
         *         1..{@value #MAX_THREADS}; libm models without a pipeline
         */
        public CrosscheckRequest build() {
            Rational base = frequencies.base();
            int headDim = frequencies.rotaryDim();
            if (base.compareTo(Rational.ONE) <= 0) {
                throw new InvalidInputException("base " + base.toCompactDecimalStringOrFraction() + " is out of range; accepted: b > 1");
            }
            if (headDim < 2 || headDim % 2 != 0 || headDim > MAX_HEAD_DIM) {
                throw new InvalidInputException("head dim " + headDim + " is not accepted; need an even d with 2 <= d <= " + MAX_HEAD_DIM);
            }
            if (positionsGiven && !quantity.hasPositions()) {
                throw new InvalidParameterException(Parameter.POSITIONS, "does not apply to inv_freq, which has no positions");
            }
            if (positionCount.isPresent()) {
                long n = positionCount.getAsLong();
                if (firstPosition < 0 || n < 1 || n > POSITION_LIMIT - firstPosition) {
                    throw new InvalidParameterException(Parameter.POSITIONS, firstPosition + ":"
                            + BigInteger.valueOf(firstPosition).add(BigInteger.valueOf(n)) + " is not accepted; need 0 <= first < end <= 2^53");
                }
            } else if (firstPosition < 0 || firstPosition >= POSITION_LIMIT) {
                throw new InvalidParameterException(Parameter.POSITIONS, "from " + firstPosition + " is not accepted; need 0 <= first < 2^53");
            }
            if (layout.isPresent() && layout.get() != Layout.MODES && !quantity.hasPositions()) {
                throw new InvalidParameterException(Parameter.LAYOUT, layout.get().label() + " does not apply to inv_freq; "
                        + "inv_freq has one entry per mode");
            }
            if (toleranceUlps < 0) {
                throw new InvalidParameterException(Parameter.TOLERANCE, toleranceUlps + " is negative; accepted: an integer >= 0");
            }
            if (worst < 0 || worst > MAX_WORST) {
                throw new InvalidParameterException(Parameter.WORST, worst + " is out of range; accepted: 0.." + MAX_WORST);
            }
            if (threads.isPresent() && (threads.getAsInt() < 1 || threads.getAsInt() > MAX_THREADS)) {
                throw new InvalidParameterException(Parameter.THREADS, threads.getAsInt() + " is out of range; accepted: 1.." + MAX_THREADS);
            }
            if (libm.isPresent() && pipeline.isEmpty()) {
                throw new InvalidParameterException(Parameter.LIBM, libm.get().describe() + " needs a pipeline to compare with; "
                        + "accepted: libm models together with a pipeline");
            }
            return new CrosscheckRequest(this);
        }
    }
}
