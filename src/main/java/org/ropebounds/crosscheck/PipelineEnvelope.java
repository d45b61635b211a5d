package org.ropebounds.crosscheck;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.Format;
import org.ropebounds.format.FormatDoubles;
import org.ropebounds.format.Rational;
import org.ropebounds.libm.Allowance;
import org.ropebounds.libm.LibmModels;
import org.ropebounds.real.DoubleDoubleTrig;
import org.ropebounds.real.Enclosure;
import org.ropebounds.real.EnclosureArithmetic;
import org.ropebounds.real.Ieee;
import org.ropebounds.rope.Frequencies;
import org.ropebounds.rope.Pipeline;
import org.ropebounds.rope.RopeEmulator;

/**
 * The envelope of a pipeline under libm allowances: for each entry (mode i, position p), an interval of the
 * file format holding every value an implementation of the pipeline ({@link RopeEmulator}'s op order and
 * formats) can produce when its pow, cos and sin are only as accurate as {@link LibmModels} says.
 * Intervals are propagated stage by stage:
 * <ol>
 *   <li>pow_i: 1 for e_i = 0 (C99's pow(x, +-0) = 1, which every bounded model keeps); else the exact b'^e_i (enclosed at 128 bits, b' and e_i as the pipeline computes them) widened by
 *       the pow model, its ends rounded outward to the inv_freq computation format;</li>
 *   <li>inv_freq_i = RN(1 / pow_i), then the conversions to the inv_freq and phase formats: correctly rounded and
 *       monotone, so the ends map to the ends;</li>
 *   <li>phase = RN(t * inv_freq_i), t = fl(p) >= 0: monotone in inv_freq;</li>
 *   <li>cos/sin: an enclosure of the function's range over the phase interval (its ends, and +-1 where the
 *       interval may hold an extremum), widened by the cos/sin model in the trig format;</li>
 *   <li>with an attention factor a (a scaled model's), RN_trig(v * fl_trig(a)): monotone in v;</li>
 *   <li>the casts to the output and file formats (monotone).</li>
 * </ol>
 * Or, for a stored inv_freq ({@link RopeEmulator#withFrequencies}), from those values: the pow stage is then
 * not the implementation's. Sound, not always tight: where an enclosure straddles a rounding boundary the
 * envelope holds both sides. A scaled model slots in through {@link #ofInvFreq}: its inv_freq intervals, the
 * stages after them unchanged. Immutable and thread-safe.
 */
public final class PipelineEnvelope {
    private static final int POW_BITS = 128;

    private final Quantity quantity;
    private final RopeEmulator rope;
    private final LibmModels libm;
    /** Each mode's inv_freq interval, made at its first use from {@code interval} (a race makes it twice, the same). */
    private final AtomicReferenceArray<ModeInterval> modeIntervals;
    private final IntFunction<FloatValue[]> interval; // mode i -> {lo, hi} in the inv_freq format
    private final FormatDoubles file;
    private final FormatDoubles trig;
    private final FormatDoubles output;
    private final Format phase;
    private final boolean phaseFp64;
    private final boolean trigIsPhase;
    private final boolean trigFp64;
    private final boolean fileIsOutput;
    private final Allowance trigAllowance;
    private final double attention; // fl_trig(a), the attention factor the trig stage multiplies by; 1 when there is none

    /** A mode's inv_freq interval in the inv_freq format, and its ends converted to the phase format (as doubles). */
    private record ModeInterval(FloatValue lo, FloatValue hi, double loPhase, double hiPhase) { }

    private PipelineEnvelope(Quantity quantity, RopeEmulator rope, LibmModels libm, FloatValue[] invLo, FloatValue[] invHi, Format fileFormat) {
        this(quantity, rope, libm, i -> new FloatValue[] {invLo[i], invHi[i]}, fileFormat);
        for (int i = 0; i < rope.modes(); i++) {
            mode(i);
        }
    }

    /**
     * The envelope whose mode i has the inv_freq interval {@code interval.apply(i)} ({lo, hi}), asked for at the mode's first
     * use: {@code interval} must be deterministic, thread-safe and throw nothing for 0 &lt;= i &lt; modes.
     */
    private PipelineEnvelope(Quantity quantity, RopeEmulator rope, LibmModels libm, IntFunction<FloatValue[]> interval, Format fileFormat) {
        Pipeline p = rope.pipeline();
        if (quantity.hasPositions() && !rope.hasFastPath()) {
            throw new InvalidInputException("libm envelopes need a pipeline whose phase products are exact in doubles (phase format "
                    + "precision <= 26 bits, or fp64); pipeline " + p.name() + " computes the phase in " + p.phase().name());
        }
        this.quantity = quantity;
        this.rope = rope;
        this.libm = libm;
        this.interval = interval;
        this.file = fileFormat.doubles();
        this.trig = p.trig().doubles();
        this.output = p.output().doubles();
        this.phase = p.phase();
        this.phaseFp64 = phase.equals(Format.FP64);
        this.trigIsPhase = p.trig().equals(phase);
        this.trigFp64 = p.trig().equals(Format.FP64);
        this.fileIsOutput = fileFormat.equals(p.output());
        this.modeIntervals = new AtomicReferenceArray<>(rope.modes());
        this.trigAllowance = (quantity == Quantity.SIN ? libm.sin() : libm.cos()).in(p.trig());
        this.attention = rope.attentionFactorInTrig().map(PipelineEnvelope::asDouble).orElse(1.0);
    }

    /**
     * The envelope of {@code rope}'s pipeline under {@code libm}, for an array of {@code quantity} in {@code fileFormat}.
     * With a rope whose frequencies were replaced ({@link RopeEmulator#withFrequencies}) use {@link #ofStoredInvFreq}.
     *
     * @throws InvalidInputException when a format's values are not doubles, the phase product is not exact in
     *         doubles, or the pow allowance reaches 0
     */
    public static PipelineEnvelope of(Quantity quantity, RopeEmulator rope, LibmModels libm, Format fileFormat) {
        int modes = rope.modes();
        Format c = rope.pipeline().invFreqCompute();
        FloatValue one = Ieee.round(Rational.ONE, c);
        if (libm.pow() instanceof org.ropebounds.libm.LibmModel.Faithful) {
            // a faithful pow's interval of a mode ([RD, RU] of an enclosure) throws nothing: each mode's is made when it is
            // first needed (a small file's check asks for few: the 128-bit enclosures were much of its start, issue 17)
            FloatValue b = Ieee.round(rope.base(), c);
            return new PipelineEnvelope(quantity, rope, libm, i -> invFreqInterval(rope, one, powInterval(rope, libm, b, one,
                    new EnclosureArithmetic(POW_BITS), i)), fileFormat);
        }
        FloatValue[][] pow = powInterval(rope, libm);
        FloatValue[] lo = new FloatValue[modes];
        FloatValue[] hi = new FloatValue[modes];
        for (int i = 0; i < modes; i++) {
            FloatValue[] inv = invFreqInterval(rope, one, new FloatValue[] {pow[0][i], pow[1][i]});
            lo[i] = inv[0];
            hi[i] = inv[1];
        }
        return new PipelineEnvelope(quantity, rope, libm, lo, hi, fileFormat);
    }

    /** The inv_freq interval {lo, hi} (inv_freq format) from a mode's pow interval {lo, hi} (compute format; nulls when unbounded). */
    private static FloatValue[] invFreqInterval(RopeEmulator rope, FloatValue one, FloatValue[] pow) {
        Format c = rope.pipeline().invFreqCompute();
        if (pow[0] == null) { // unbounded: inv_freq anywhere in [0, inf]
            return new FloatValue[] {Ieee.convert(Ieee.round(Rational.ZERO, c), rope.pipeline().invFreq()),
                rope.pipeline().invFreq().infinity(false)};
        }
        return new FloatValue[] {Ieee.convert(Ieee.divide(one, pow[1], c), rope.pipeline().invFreq()),
            Ieee.convert(Ieee.divide(one, pow[0], c), rope.pipeline().invFreq())};
    }

    /**
     * The pow results each mode of {@code rope}'s pipeline can see under {@code libm}: {@code [0][i]} the smallest and
     * {@code [1][i]} the largest value of the inv_freq computation format (both null when the model is unbounded there):
     * the exact b'^e_i (b' and e_i as the pipeline computes them, enclosed at 128 bits) widened by the pow model and
     * rounded outward; exactly the pipeline's own pow for a correct model, and 1 for e_i = 0 under a bounded one.
     */
    static FloatValue[][] powInterval(RopeEmulator rope, LibmModels libm) {
        int modes = rope.modes();
        Format c = rope.pipeline().invFreqCompute();
        FloatValue b = Ieee.round(rope.base(), c);
        FloatValue one = Ieee.round(Rational.ONE, c);
        FloatValue[][] out = new FloatValue[2][modes];
        EnclosureArithmetic a = new EnclosureArithmetic(POW_BITS);
        for (int i = 0; i < modes; i++) {
            FloatValue[] pow = powInterval(rope, libm, b, one, a, i);
            out[0][i] = pow[0];
            out[1][i] = pow[1];
        }
        return out;
    }

    /** {@link #powInterval(RopeEmulator, LibmModels)} of mode i: {lo, hi}, both null when unbounded; b and one in the compute format. */
    private static FloatValue[] powInterval(RopeEmulator rope, LibmModels libm, FloatValue b, FloatValue one, EnclosureArithmetic a, int i) {
        Format c = rope.pipeline().invFreqCompute();
        FloatValue e = rope.exponent(i);
        FloatValue[] pow;
        if (libm.pow() instanceof org.ropebounds.libm.LibmModel.Correct || !b.isFinite()) {
            pow = new FloatValue[] {rope.pow(i), rope.pow(i)}; // a base that overflowed: pow(inf, e > 0) = inf is exact in C99
        } else if (e.isZero() && !(libm.pow() instanceof org.ropebounds.libm.LibmModel.Unbounded)) {
            pow = new FloatValue[] {one, one}; // pow(x, +-0) = 1 for every x (C99 Annex F.9.4.4): a bounded model does not widen it
        } else {
            Enclosure exact = a.pow(a.of(b.value().toRational()), a.of(e.value().toRational()));
            pow = libm.pow().allowExact(exact.lo(), exact.hi(), c).orElse(null);
        }
        return pow == null ? new FloatValue[2] : pow;
    }

    /** Most pow results per mode followed one by one through a model's scaling steps ({@link #modelInvFreqInterval}). */
    public static final int MAX_POW_CANDIDATES = 64;

    /**
     * The smallest ({@code [0]}) and largest ({@code [1]}) inv_freq each mode of a scaled model can store in
     * {@code invFreqFormat} when its pow is only as accurate as {@code libm} says: every pow value the model allows
     * (every value of the compute format in {@link #powInterval}) is taken through the model's own fp32 steps
     * ({@link Frequencies.PowSteps#invFreq}) and converted; the ends are the least and greatest results. Exact
     * over the allowed pow values, whatever the steps do (they need not be monotone).
     *
     * @throws InvalidInputException when a mode allows more than {@value #MAX_POW_CANDIDATES} pow values, or unboundedly many
     */
    public static FloatValue[][] modelInvFreqInterval(Frequencies.PowSteps steps, LibmModels libm, Format invFreqFormat) {
        RopeEmulator source = steps.powSource();
        FloatValue[][] pow = powInterval(source, libm);
        int modes = source.modes();
        FloatValue[][] out = new FloatValue[2][modes];
        for (int i = 0; i < modes; i++) {
            if (pow[0][i] == null || !pow[1][i].isFinite()) {
                throw new InvalidInputException("pow model " + libm.pow().label() + " lets mode " + i + " see unboundedly many pow values;"
                        + " accepted with a model's scaled spectrum: a bounded pow model (faithful, ulps:K)");
            }
            int n = 0;
            for (FloatValue v = pow[0][i]; v.value().compareTo(pow[1][i].value()) <= 0; v = v.nextUp()) {
                if (++n > MAX_POW_CANDIDATES) {
                    throw new InvalidInputException("pow model " + libm.pow().label() + " lets mode " + i + " see more than "
                            + MAX_POW_CANDIDATES + " pow values; accepted with a model's scaled spectrum: at most " + MAX_POW_CANDIDATES
                            + " per mode (faithful, or ulps:K with small K)");
                }
                FloatValue inv = Ieee.convert(steps.invFreq(i, v), invFreqFormat);
                if (out[0][i] == null || inv.value().compareTo(out[0][i].value()) < 0) {
                    out[0][i] = inv;
                }
                if (out[1][i] == null || inv.value().compareTo(out[1][i].value()) > 0) {
                    out[1][i] = inv;
                }
            }
        }
        return out;
    }

    /**
     * The envelope downstream of the inv_freq {@code rope} stores ({@link RopeEmulator#invFreq}, e.g. an
     * implementation's own values through {@link RopeEmulator#withFrequencies}): the pow model does not apply.
     */
    public static PipelineEnvelope ofStoredInvFreq(Quantity quantity, RopeEmulator rope, LibmModels libm, Format fileFormat) {
        FloatValue[] v = new FloatValue[rope.modes()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rope.invFreq(i);
        }
        return new PipelineEnvelope(quantity, rope, libm, v, v.clone(), fileFormat);
    }

    /**
     * The envelope from given inv_freq intervals {@code [lo[i], hi[i]]} (values of the pipeline's inv_freq format,
     * lo <= hi, positive): the seam for pipelines whose frequencies come from elsewhere (a scaled model).
     *
     * @throws IllegalArgumentException unless both arrays have one entry per mode
     */
    public static PipelineEnvelope ofInvFreq(Quantity quantity, RopeEmulator rope, LibmModels libm, FloatValue[] lo, FloatValue[] hi,
                                             Format fileFormat) {
        if (lo.length != rope.modes() || hi.length != rope.modes()) {
            throw new IllegalArgumentException("need " + rope.modes() + " inv_freq intervals");
        }
        return new PipelineEnvelope(quantity, rope, libm, lo.clone(), hi.clone(), fileFormat);
    }

    public LibmModels libm() {
        return libm;
    }

    /** The smallest inv_freq of mode i the pipeline can store, in its inv_freq format (0 when unbounded). */
    public FloatValue invFreqLow(int i) {
        return mode(i).lo();
    }

    /** The largest inv_freq of mode i the pipeline can store, in its inv_freq format (+inf when unbounded). */
    public FloatValue invFreqHigh(int i) {
        return mode(i).hi();
    }

    /** Mode i's interval, made at its first use. */
    private ModeInterval mode(int i) {
        ModeInterval m = modeIntervals.get(i);
        if (m == null) {
            FloatValue[] inv = interval.apply(i);
            m = new ModeInterval(inv[0], inv[1], asDouble(Ieee.convert(inv[0], phase)), asDouble(Ieee.convert(inv[1], phase)));
            modeIntervals.compareAndSet(i, null, m);
        }
        return m;
    }

    /**
     * Writes the envelope of mode {@code i} at position {@code p} (ignored for inv_freq) into {@code out[0..1]}
     * as values of the file format, lo <= hi; returns false, writing nothing, when it is unbounded (a model
     * without a bound there, or a phase that overflows).
     */
    public boolean envelope(int i, long p, double[] out) {
        return envelope(i, p, out, new double[2]);
    }

    /** {@link #envelope(int, long, double[])} with a caller's scratch array of 2 doubles (the hot path allocates nothing). */
    boolean envelope(int i, long p, double[] out, double[] scratch) {
        ModeInterval m = mode(i);
        if (quantity == Quantity.INV_FREQ) {
            double lo = file.round(asDouble(m.lo()));
            double hi = file.round(asDouble(m.hi()));
            if (Double.isInfinite(hi) && !m.hi().isFinite()) {
                return false;
            }
            out[0] = lo;
            out[1] = hi;
            return true;
        }
        double t = rope.positionInPhaseValue(p);
        double a = phaseOf(t * m.loPhase());
        double b = phaseOf(t * m.hiPhase());
        if (quantity == Quantity.PHASE) {
            if (Double.isNaN(a) || Double.isNaN(b) || (Double.isInfinite(b) && Double.isInfinite(m.hiPhase()))) {
                return false; // inf * 0 (an overflowed position times an underflowed inv_freq), or an unbounded inv_freq
            }
            out[0] = file.round(a);
            out[1] = file.round(b);
            return true;
        }
        double x0 = trigIsPhase ? a : trig.round(a);
        double x1 = trigIsPhase ? b : trig.round(b);
        if (!Double.isFinite(x0) || !Double.isFinite(x1)) {
            return false;
        }
        boolean cos = quantity == Quantity.COS;
        double[] range = scratch;
        enclose(cos, x0, range);
        double lo = range[0];
        double hi = range[1];
        if (x1 != x0) {
            enclose(cos, x1, range);
            lo = Math.min(lo, range[0]);
            hi = Math.max(hi, range[1]);
            // extrema: cos at k pi, sin at (k + 1/2) pi, value (-1)^k; a margin covers the quotient's rounding
            double off = cos ? 0 : 0.5;
            double d = Math.max(Math.abs(x0), Math.abs(x1)) * 0x1p-48 + 0x1p-1000;
            double k1 = Math.ceil((x0 - d) / Math.PI - off);
            double k2 = Math.floor((x1 + d) / Math.PI - off);
            if (k2 > k1) {
                lo = -1;
                hi = 1;
            } else if (k1 == k2) {
                if (Math.abs(k1 % 2) == 0) {
                    hi = 1;
                } else {
                    lo = -1;
                }
            }
        }
        lo = Math.max(-1, lo);
        hi = Math.min(1, hi);
        if (!trigAllowance.allow(lo, hi, Math.max(Math.abs(x0), Math.abs(x1)), range)) {
            return false;
        }
        if (attention != 1.0) {
            // RN_trig(v * a) with v and a values of the trig format: the double product is exact for formats of at
            // most 26 bits and correctly rounded in fp64, so RN_trig of it is the stage's result, monotone in v
            double p0 = trig.round(range[0] * attention);
            double p1 = trig.round(range[1] * attention);
            range[0] = Math.min(p0, p1);
            range[1] = Math.max(p0, p1);
        }
        out[0] = fileIsOutput ? output.round(range[0]) : file.round(output.round(range[0]));
        out[1] = fileIsOutput ? output.round(range[1]) : file.round(output.round(range[1]));
        return true;
    }

    /** Encloses cos or sin of the double x in [into[0], into[1]]. */
    private void enclose(boolean cos, double x, double[] into) {
        if (trigFp64) {
            var c = DoubleDoubleTrig.evaluate(cos ? DoubleDoubleTrig.Function.COS : DoubleDoubleTrig.Function.SIN, x, 0, 0);
            if (c.isEmpty()) {
                into[0] = -1;
                into[1] = 1;
                return;
            }
            double h = c.get().hi();
            double l = c.get().lo();
            double e = c.get().errorBound();
            into[0] = Math.nextDown(h + Math.nextDown(l - e));
            into[1] = Math.nextUp(h + Math.nextUp(l + e));
            return;
        }
        // Math.cos and Math.sin are within 1 ulp of the exact result; 2 ulps of the computed one covers an exact
        // result in the binade above
        double v = cos ? Math.cos(x) : Math.sin(x);
        double m = 2 * Math.ulp(v);
        into[0] = Math.nextDown(v - m);
        into[1] = Math.nextUp(v + m);
    }

    private double phaseOf(double product) {
        return phaseFp64 ? product : phase.roundNearestToDouble(product);
    }

    private static double asDouble(FloatValue v) {
        return v.format().toDouble(v.bits().longValue());
    }
}
