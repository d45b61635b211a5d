package org.ropebounds.rope;

import java.util.Optional;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.real.Arithmetic;
import org.ropebounds.real.Enclosure;
import org.ropebounds.real.Ieee;
import org.ropebounds.real.RealExpression;

/**
 * What a RoPE pipeline computes, op by op, for base b and rotary dimension d (modes i = 0 .. d/2-1):
 * <ol>
 *   <li>e_i = fl(fl(2i) / fl(d)) and b' = fl(b), in the inv_freq computation format;</li>
 *   <li>pow_i = fl(b'^e_i); inv_freq_i = fl(1 / pow_i), then stored in the inv_freq format;</li>
 *   <li>t = fl(p) in the position format; phase_i(p) = fl(t * inv_freq_i) in the phase format;</li>
 *   <li>cos and sin of the phase, rounded to the trig format; with an attention factor a (YaRN, LongRoPE),
 *       each multiplied by fl(a) in the trig format ({@code cos = emb.cos() * attention_scaling}); then cast
 *       to the output format.</li>
 * </ol>
 * Every rounding is nearest-even and exact arithmetic decides it; pow, cos and sin are modelled as
 * correctly rounded (libm is allowed 1 ulp more). Immutable once built.
 */
public final class RopeEmulator {
    private final Rational base;
    private final int rotaryDim;
    private final Pipeline pipeline;
    private final FloatValue[] exponent;
    private final FloatValue[] pow;
    private final FloatValue[] invFreq;
    private final FloatValue[] invFreqInPhase;
    private final RealExpression[] theta;
    private final ThetaEnclosures thetaEnclosures;
    private final double[] invFreqInPhaseDoubles; // null without the fast path
    private final long exactPositions;
    private final boolean phaseIsFp64;
    private final NearestDoubles positionRounding;
    private final NearestDoubles phaseRounding;
    private final Optional<Frequencies.AttentionFactor> attention;
    private final Optional<FloatValue> attentionInTrig;
    /** Per mode, the bound terms of the phase-error bounds, made on first use (both analyses of a mode use them). */
    private final java.util.concurrent.atomic.AtomicReferenceArray<PhaseBoundTerms> boundTerms;

    /**
     * @throws InvalidInputException unless {@code b > 1} and d is even, {@code 2 <= d <= 1024}
     */
    public RopeEmulator(Rational base, int rotaryDim, Pipeline pipeline) {
        this(base, rotaryDim, pipeline, Optional.empty());
    }

    /** The emulator of {@code pipeline}, sharing {@code shared} (theta_i = b^(-2i/d) and inv_freq's stages for this b and d) when given. */
    RopeEmulator(Rational base, int rotaryDim, Pipeline pipeline, Optional<SharedSpectrum> shared) {
        checkSpectrum(base, rotaryDim);
        this.base = base;
        this.rotaryDim = rotaryDim;
        this.pipeline = pipeline;
        int modes = rotaryDim / 2;
        Optional<SharedSpectrum> sharing = shared.filter(t -> t.thetas().modes() == modes);
        SharedSpectrum.InvFreqStage stage = sharing.isPresent()
                ? stage(sharing.get(), base, rotaryDim, pipeline.invFreqCompute())
                : invFreqStage(base, rotaryDim, pipeline.invFreqCompute(), Optional.empty());
        exponent = stage.exponent();
        pow = stage.pow();
        invFreq = new FloatValue[modes];
        invFreqInPhase = new FloatValue[modes];
        for (int i = 0; i < modes; i++) {
            invFreq[i] = Ieee.convert(stage.quotient()[i], pipeline.invFreq());
            invFreqInPhase[i] = Ieee.convert(invFreq[i], pipeline.phase());
        }
        theta = new RealExpression[modes];
        for (int i = 0; i < modes; i++) {
            theta[i] = plainTheta(base, rotaryDim, i);
        }
        thetaEnclosures = sharing.map(SharedSpectrum::thetas).orElseGet(() -> new ThetaEnclosures(modes));
        phaseIsFp64 = pipeline.phase().equals(Format.FP64);
        positionRounding = new NearestDoubles(pipeline.position());
        phaseRounding = new NearestDoubles(pipeline.phase());
        attention = Optional.empty();
        attentionInTrig = Optional.empty();
        boundTerms = new java.util.concurrent.atomic.AtomicReferenceArray<>(modes);
        exactPositions = pipeline.position().maxContiguousInteger().min(pipeline.phase().maxContiguousInteger())
                .min(java.math.BigInteger.ONE.shiftLeft(53)).longValueExact();
        if (hasFastPath()) {
            invFreqInPhaseDoubles = new double[modes];
            for (int i = 0; i < modes; i++) {
                invFreqInPhaseDoubles[i] = pipeline.phase().toDouble(invFreqInPhase[i].bits().longValue());
            }
        } else {
            invFreqInPhaseDoubles = null;
        }
    }

    /**
     * Refuses what the constructor refuses, with its messages.
     *
     * @throws InvalidInputException unless {@code b > 1} and d is even, {@code 2 <= d <= 1024}
     */
    static void checkSpectrum(Rational base, int rotaryDim) {
        if (base.compareTo(Rational.ONE) <= 0) {
            throw new InvalidInputException("base " + base.toCompactDecimalStringOrFraction() + " is out of range; accepted: b > 1");
        }
        if (rotaryDim < 2 || rotaryDim % 2 != 0 || rotaryDim > 1024) {
            throw new InvalidInputException("head dim " + rotaryDim + " is not accepted; need an even d with 2 <= d <= 1024");
        }
    }

    /**
     * theta_i = b^(-2i/d), plain RoPE's exact frequency of mode i (0 &lt;= i &lt; d/2), as an expression; b and d as
     * checkSpectrum accepts.
     */
    static RealExpression plainTheta(Rational base, int rotaryDim, int i) {
        Rational shape = Rational.of(java.math.BigInteger.valueOf(-2L * i), java.math.BigInteger.valueOf(rotaryDim));
        return new RealExpression() {
            @Override
            public <T> T evaluate(Arithmetic<T> a) {
                return a.pow(a.of(base), a.of(shape));
            }
        };
    }

    /** The inv_freq stage of b and d in format c, from {@code shared} (computed there the first time); b and d as checkSpectrum accepts. */
    static SharedSpectrum.InvFreqStage stage(SharedSpectrum shared, Rational base, int rotaryDim, Format c) {
        return shared.stage(c, f -> invFreqStage(base, rotaryDim, f, Optional.empty()));
    }

    /**
     * {@link #stage}, with each pow that is plain RoPE's 1/theta_i taken from {@code shared}'s table of theta_i
     * ({@link SharedSpectrum#thetas}, computed there when missing) where that decides it: the same values
     * ({@link #powFromTheta}). For a caller that needs those theta_i anyway (the analyses of {@code erasure}).
     */
    static SharedSpectrum.InvFreqStage stageFromThetas(SharedSpectrum shared, Rational base, int rotaryDim, Format c) {
        return shared.stage(c, f -> invFreqStage(base, rotaryDim, f, Optional.of(shared.thetas())));
    }

    /**
     * e_i, pow_i and 1/pow_i computed in format c (every operation rounded to nearest-even, pow correctly rounded); pow_i
     * from {@code thetas} (plain RoPE's theta_i of this b and d) where {@link #powFromTheta} decides it.
     */
    private static SharedSpectrum.InvFreqStage invFreqStage(Rational base, int rotaryDim, Format c, Optional<ThetaEnclosures> thetas) {
        int modes = rotaryDim / 2;
        FloatValue b = Ieee.round(base, c);
        FloatValue dim = Ieee.round(Rational.of(rotaryDim), c);
        FloatValue one = Ieee.round(Rational.ONE, c);
        // b' = b exactly: then b'^e_i = b^(2i/d) = 1/theta_i wherever e_i = 2i/d exactly
        boolean exactBase = thetas.isPresent() && b.isFinite() && b.value().toRational().equals(base); // only asked where the shortcut may apply
        FloatValue[] exponent = new FloatValue[modes];
        FloatValue[] pow = new FloatValue[modes];
        FloatValue[] quotient = new FloatValue[modes];
        for (int i = 0; i < modes; i++) {
            exponent[i] = Ieee.divide(Ieee.round(Rational.of(2L * i), c), dim, c);
            Optional<FloatValue> shortcut = Optional.empty();
            if (exactBase && exponent[i].isFinite()
                    && exponent[i].value().toRational().equals(Rational.of(java.math.BigInteger.valueOf(2L * i), java.math.BigInteger.valueOf(rotaryDim)))) {
                shortcut = powFromTheta(thetas.get().get(i, plainTheta(base, rotaryDim, i)), c);
            }
            pow[i] = shortcut.isPresent() ? shortcut.get() : Ieee.pow(b, exponent[i], c);
            quotient[i] = Ieee.divide(one, pow[i], c);
        }
        return new SharedSpectrum.InvFreqStage(exponent, pow, quotient);
    }

    /**
     * RN_c(1/theta) for theta in {@code theta} (lo &gt; 0), when the enclosure decides it: the correctly rounded pow
     * b^(2i/d) = 1/theta_i that {@link Ieee#pow} computes, since 1/theta lies in [1/hi, 1/lo] and nearest-even rounding
     * with overflow to infinity (Ieee.pow's) is monotone, so equal roundings of both ends are the rounding of every point
     * between (proofs/collision-horizons.md, section 8). Empty when the ends round apart (or lo is not positive).
     */
    static Optional<FloatValue> powFromTheta(Enclosure theta, Format c) {
        if (theta.lo().signum() <= 0) {
            return Optional.empty();
        }
        return c.roundIfDecided(theta.hi().reciprocal(), theta.lo().reciprocal(), org.ropebounds.format.RoundingMode.NEAREST_EVEN,
                org.ropebounds.format.OverflowPolicy.INFINITY);
    }

    /**
     * The same pipeline with other frequencies: a scaling retrofit's inv_freq as computed (converted to this
     * pipeline's inv_freq format) and its exact frequencies, against which phase errors are measured.
     *
     * @throws IllegalArgumentException unless both arrays have one entry per mode
     */
    public RopeEmulator withFrequencies(FloatValue[] computedInvFreq, RealExpression[] exactTheta) {
        return withFrequencies(computedInvFreq, exactTheta, new ThetaEnclosures(modes()));
    }

    /**
     * The same pipeline storing other inv_freq values, measured against the same theta_i (whose enclosures it shares with
     * this emulator, so they are computed once): {@link #withFrequencies} with this emulator's own theta.
     *
     * @throws IllegalArgumentException unless there is one value per mode
     */
    public RopeEmulator withStoredInvFreq(FloatValue[] storedInvFreq) {
        return withFrequencies(storedInvFreq, theta, thetaEnclosures);
    }

    /** {@link #withFrequencies(FloatValue[], RealExpression[])} sharing {@code thetas}, the table of exactly these theta_i. */
    RopeEmulator withFrequencies(FloatValue[] computedInvFreq, RealExpression[] exactTheta, ThetaEnclosures thetas) {
        if (computedInvFreq.length != modes() || exactTheta.length != modes() || thetas.modes() != modes()) {
            throw new IllegalArgumentException("need " + modes() + " frequencies");
        }
        return new RopeEmulator(this, computedInvFreq, exactTheta, thetas);
    }

    private RopeEmulator(RopeEmulator from, FloatValue[] computedInvFreq, RealExpression[] exactTheta, ThetaEnclosures thetas) {
        this.base = from.base;
        this.rotaryDim = from.rotaryDim;
        this.pipeline = from.pipeline;
        this.exponent = from.exponent;
        this.pow = from.pow;
        int modes = from.modes();
        this.invFreq = new FloatValue[modes];
        this.invFreqInPhase = new FloatValue[modes];
        for (int i = 0; i < modes; i++) {
            invFreq[i] = Ieee.convert(computedInvFreq[i], pipeline.invFreq());
            invFreqInPhase[i] = Ieee.convert(invFreq[i], pipeline.phase());
        }
        this.theta = exactTheta.clone();
        this.thetaEnclosures = thetas;
        this.phaseIsFp64 = from.phaseIsFp64;
        this.positionRounding = from.positionRounding;
        this.phaseRounding = from.phaseRounding;
        this.exactPositions = from.exactPositions;
        this.attention = from.attention;
        this.attentionInTrig = from.attentionInTrig;
        this.boundTerms = new java.util.concurrent.atomic.AtomicReferenceArray<>(modes);
        if (hasFastPath()) {
            invFreqInPhaseDoubles = new double[modes];
            for (int i = 0; i < modes; i++) {
                invFreqInPhaseDoubles[i] = pipeline.phase().toDouble(invFreqInPhase[i].bits().longValue());
            }
        } else {
            invFreqInPhaseDoubles = null;
        }
    }

    /**
     * The same pipeline with cos and sin multiplied by an attention factor: fl_trig(fl_trig(cos) * fl_trig(a)),
     * as transformers multiplies its fp32 cos/sin by the Python float {@code attention_scaling} (the scalar
     * rounded to fp32, one fp32 product). Phases and inv_freq are unchanged.
     */
    public RopeEmulator withAttentionFactor(Frequencies.AttentionFactor factor) {
        return new RopeEmulator(this, factor);
    }

    private RopeEmulator(RopeEmulator from, Frequencies.AttentionFactor factor) {
        this.base = from.base;
        this.rotaryDim = from.rotaryDim;
        this.pipeline = from.pipeline;
        this.exponent = from.exponent;
        this.pow = from.pow;
        this.invFreq = from.invFreq;
        this.invFreqInPhase = from.invFreqInPhase;
        this.theta = from.theta;
        this.thetaEnclosures = from.thetaEnclosures;
        this.phaseIsFp64 = from.phaseIsFp64;
        this.positionRounding = from.positionRounding;
        this.phaseRounding = from.phaseRounding;
        this.exactPositions = from.exactPositions;
        this.invFreqInPhaseDoubles = from.invFreqInPhaseDoubles;
        this.boundTerms = from.boundTerms; // the same phases, frequencies and theta: the same terms
        this.attention = Optional.of(factor);
        this.attentionInTrig = Optional.of(Ieee.convert(factor.computed(), pipeline.trig()));
    }

    /** The attention factor cos and sin are multiplied by; empty when there is none (a = 1). */
    public Optional<Frequencies.AttentionFactor> attentionFactor() {
        return attention;
    }

    /** fl_trig(a), the attention factor as it enters the product with cos and sin; empty when there is none. */
    public Optional<FloatValue> attentionFactorInTrig() {
        return attentionInTrig;
    }

    /** theta_i, the exact frequency of mode i (b^(-2i/d), or a retrofit's). */
    public RealExpression theta(int i) {
        return theta[i];
    }

    /** theta_i enclosed at {@value ThetaEnclosures#BITS} bits, computed once (and shared with the emulators of the same spectrum). */
    Enclosure thetaEnclosure(int i) {
        return thetaEnclosures.get(i, theta[i]);
    }

    /**
     * Whether {@code other} computes the same phases against the same theta_i: the same position, phase and inv_freq
     * formats, the same stored inv_freq in every mode and one shared table of theta_i (so one spectrum). The horizon and
     * relative-position analyses of the two then differ only in the pipeline they name and the output stages.
     */
    boolean samePhases(RopeEmulator other) {
        if (thetaEnclosures != other.thetaEnclosures || !pipeline.position().equals(other.pipeline.position())
                || !pipeline.phase().equals(other.pipeline.phase()) || !pipeline.invFreq().equals(other.pipeline.invFreq())) {
            return false;
        }
        return java.util.Arrays.equals(invFreq, other.invFreq) && java.util.Arrays.equals(invFreqInPhase, other.invFreqInPhase);
    }

    /**
     * The terms of mode i's phase-error bounds against {@code theta} ({@link PhaseBoundTerms}): the same values as
     * {@code new PhaseBoundTerms(this, i, theta)}, kept per mode for the last enclosure asked for (both analyses ask for
     * {@link #thetaEnclosure}(i), the same object) and made afresh for another. Thread-safe: the terms are immutable
     * (final fields), and a race only makes equal ones twice.
     */
    PhaseBoundTerms boundTerms(int i, Enclosure theta) {
        PhaseBoundTerms t = boundTerms.get(i);
        if (t == null || t.theta != theta) {
            t = new PhaseBoundTerms(this, i, theta);
            boundTerms.set(i, t);
        }
        return t;
    }

    /** theta_i split for the scans ({@link PhaseScan.SplitTheta}) from {@link #thetaEnclosure}, computed once likewise. */
    PhaseScan.SplitTheta splitTheta(int i) {
        return thetaEnclosures.split(i, theta[i]);
    }

    public Rational base() {
        return base;
    }

    public int rotaryDim() {
        return rotaryDim;
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    /** d/2. */
    public int modes() {
        return exponent.length;
    }

    /** e_i as the pipeline computes it. */
    public FloatValue exponent(int i) {
        return exponent[i];
    }

    /** b'^e_i as the pipeline computes it. */
    public FloatValue pow(int i) {
        return pow[i];
    }

    /** inv_freq_i as the pipeline stores it. */
    public FloatValue invFreq(int i) {
        return invFreq[i];
    }

    /** inv_freq_i as it enters the phase product (converted to the phase format). */
    public FloatValue invFreqInPhase(int i) {
        return invFreqInPhase[i];
    }

    /** fl(p) in the position format (p >= 0). */
    public FloatValue position(long p) {
        return Ieee.round(Rational.of(p), pipeline.position());
    }

    /** The position as it enters the phase product. */
    public FloatValue positionInPhase(long p) {
        return Ieee.convert(position(p), pipeline.phase());
    }

    /** phase_i(p) = fl(t * inv_freq_i) in the phase format. */
    public FloatValue phase(int i, long p) {
        return Ieee.multiply(positionInPhase(p), invFreqInPhase[i], pipeline.phase());
    }

    /**
     * cos (which = 0) or sin (which = 1) of phase_i(p), correctly rounded in the trig format; with an attention
     * factor, that value times fl_trig(a), rounded in the trig format.
     */
    public FloatValue trig(int i, long p, int which) {
        FloatValue v = Ieee.cosSin(Ieee.convert(phase(i, p), pipeline.trig()), pipeline.trig(), which);
        return attentionInTrig.isPresent() ? Ieee.multiply(v, attentionInTrig.get(), pipeline.trig()) : v;
    }

    /** The cos (which = 0) or sin (1) entry of the cache as cast to the output format. */
    public FloatValue output(int i, long p, int which) {
        return Ieee.convert(trig(i, p, which), pipeline.output());
    }

    // ---- the fast path for scans: the same results through doubles, when every value is a double ----

    /** Whether {@link #phaseValue} is available (every format's values are doubles and products are exact or fp64). */
    public boolean hasFastPath() {
        Format ph = pipeline.phase();
        return pipeline.position().valuesAreDoubles() && ph.valuesAreDoubles() && (2 * ph.precision() <= 53 || ph.equals(Format.FP64));
    }

    /**
     * phase_i(p) as a double, equal to {@link #phase(int, long)}: products of two values of at most 26
     * bits are exact in double and then rounded once; in fp64, Java's product is the emulated one.
     *
     * @throws UnsupportedOperationException unless {@link #hasFastPath()}
     */
    public double phaseValue(int i, double positionInPhase) {
        double product = positionInPhase * invFreqInPhaseDoubles[i];
        if (phaseIsFp64) {
            return product;
        }
        return phaseRounding.round(product);
    }

    /** The largest p such that every position 0..p is exact in the position and phase formats (at most 2^53). */
    public long exactPositions() {
        return exactPositions;
    }

    /** fl(fl(p)) into the phase format, as a double. */
    public double positionInPhaseValue(long p) {
        // every integer up to exactPositions is exact in both formats (a method small enough for the first tier of the JIT to inline)
        return p <= exactPositions ? p : roundedPositionInPhaseValue(p);
    }

    /** {@link #positionInPhaseValue} beyond {@link #exactPositions}. */
    private double roundedPositionInPhaseValue(long p) {
        // (double) p is exact below 2^53; beyond, converting through double would round twice
        double t = p < (1L << 53) ? positionRounding.round((double) p) : pipeline.position().toDouble(position(p).bits().longValue());
        return phaseRounding.round(t);
    }

}
