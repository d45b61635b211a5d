package org.ropebounds.crosscheck;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.Format;
import org.ropebounds.format.FormatDoubles;
import org.ropebounds.format.OverflowPolicy;
import org.ropebounds.format.Rational;
import org.ropebounds.format.RoundingMode;
import org.ropebounds.real.Arithmetic;
import org.ropebounds.real.DoubleDoubleInterval;
import org.ropebounds.real.DoubleDoubleIntervalArithmetic;
import org.ropebounds.real.DoubleDoubleTrig;
import org.ropebounds.real.Enclosure;
import org.ropebounds.real.EnclosureArithmetic;
import org.ropebounds.real.ErrorFreeTransforms;
import org.ropebounds.real.InsufficientPrecisionException;
import org.ropebounds.real.RealExpression;
import org.ropebounds.real.Ziv;
import org.ropebounds.rope.RopeEmulator;

/**
 * What an entry of an array should be, for mode i and position p, in the array's format F:
 * <ul>
 *   <li>the exact value (theta_i = b^(-2i/d) or a model's theta'_i, p theta_i, cos or sin of it, times the
 *       attention factor a when the emulator has one) correctly rounded to F;</li>
 *   <li>what the emulated pipeline computes (see {@link RopeEmulator}), converted to F.</li>
 * </ul>
 * Each comes in two ways: {@code ...Fast} decides it with doubles (double-doubles for fp64 cos and sin)
 * and a proven error margin, and returns NaN when the margin straddles a rounding boundary of F;
 * {@code ...Slow} decides every case with certified enclosures (Ziv's strategy). Both give the same value
 * whenever the fast one decides ({@code proofs/crosscheck-filter.md} derives the margins;
 * {@code ExpectedValuesTest} compares the two on random entries of every quantity, format and preset, and
 * {@code ScaledExpectedValuesTest} with a model's spectrum and attention factor).
 * Immutable and safe to share between threads.
 */
public final class ExpectedValues {
    /** Enough bits that theta_i's double-double is the only error that matters (2^-256 relative). */
    private static final int THETA_BITS = 256;
    /**
     * theta_i's double-double ball is used when its radius is at most this relative to theta_i (the ball's own
     * rounding, about 2^-100, is already far below what the filter's margins need), else the enclosure at
     * THETA_BITS: a BigInteger kernel for each mode, most of a small file's cross-check.
     */
    private static final double THETA_BALL_RADIUS = 0x1p-96;
    private static final double SLACK = 1 + 0x1p-40; // covers the roundings in computing a margin

    private final Quantity quantity;
    private final RopeEmulator rope;
    private final FormatDoubles file;
    private final FormatDoubles trig;
    private final FormatDoubles output;
    private final boolean fp64File;
    private final boolean trigFp64;
    private final boolean trigIsPhase; // conversions that are identities are skipped
    private final boolean fileIsTrig;
    private final double[] thetaHi;
    private final double[] thetaLo;
    private final double[] thetaErr;
    private final AtomicReferenceArray<Enclosure> thetaEnclosure; // at THETA_BITS, each made when first needed
    private final double[] exactInvFreq;
    private final double[] pipelineInvFreq;
    private final boolean scaledTrig; // cos and sin carry an attention factor
    private final double attentionHi; // the double nearest a, and a bound on |a - attentionHi|
    private final double attentionErr;
    private final Enclosure attentionEnclosure; // at THETA_BITS
    private final double attentionInTrig; // fl_trig(a)
    private final boolean trigProductExact; // a product of two trig values is exact in double (or fp64 is the trig format)

    /**
     * @param quantity what the array holds
     * @param rope base, rotary dimension and pipeline; every stage format must have values that are doubles
     * @param fileFormat the array's format; its values must be doubles
     * @throws InvalidInputException if a format's values are not doubles
     */
    public ExpectedValues(Quantity quantity, RopeEmulator rope, Format fileFormat) {
        this.quantity = quantity;
        this.rope = rope;
        this.file = fileFormat.doubles();
        var p = rope.pipeline();
        for (Format f : new Format[] {p.invFreqCompute(), p.invFreq(), p.position(), p.phase()}) {
            f.doubles(); // validates
        }
        this.trig = p.trig().doubles();
        this.output = p.output().doubles();
        this.fp64File = fileFormat.equals(Format.FP64);
        this.trigFp64 = p.trig().equals(Format.FP64);
        this.trigIsPhase = p.trig().equals(p.phase());
        this.fileIsTrig = p.output().equals(p.trig()) && fileFormat.equals(p.trig());
        int modes = rope.modes();
        thetaHi = new double[modes];
        thetaLo = new double[modes];
        thetaErr = new double[modes];
        thetaEnclosure = new AtomicReferenceArray<>(modes);
        exactInvFreq = new double[modes];
        pipelineInvFreq = new double[modes];
        EnclosureArithmetic a = new EnclosureArithmetic(THETA_BITS);
        var factor = rope.attentionFactor();
        this.scaledTrig = factor.isPresent();
        this.attentionEnclosure = factor.map(f -> f.exact().enclose(a)).orElse(Enclosure.of(Rational.ONE, Rational.ONE));
        Rational aMid = attentionEnclosure.lo();
        this.attentionHi = aMid.toDouble(RoundingMode.NEAREST_EVEN);
        this.attentionErr = attentionEnclosure.width().add(aMid.subtract(Rational.of(new java.math.BigDecimal(attentionHi))).abs())
                .toDouble(RoundingMode.TOWARD_POSITIVE);
        this.attentionInTrig = rope.attentionFactorInTrig().map(v -> v.format().toDouble(v.bits().longValue())).orElse(1.0);
        this.trigProductExact = 2 * p.trig().precision() <= 53 || trigFp64;
        DoubleDoubleIntervalArithmetic ddArithmetic = new DoubleDoubleIntervalArithmetic(THETA_BITS);
        for (int i = 0; i < modes; i++) {
            RealExpression theta = rope.theta(i);
            if (quantity.hasPositions()) { // an inv_freq array's expected values are exactInvFreq and pipelineInvFreq alone
                splitTheta(i, theta, ddArithmetic);
            }
            if (!quantity.hasPositions()) { // the expected values of an inv_freq array; the other quantities never read them
                // Ziv's levels from doubles up: almost always decided by the double or double-double ball
                exactInvFreq[i] = correctlyRounded(theta::enclose, "inv_freq");
                FloatValue f = rope.invFreq(i);
                pipelineInvFreq[i] = file.round(f.format().toDouble(f.bits().longValue()));
            }
        }
    }

    /** theta_i as thetaHi + thetaLo, within thetaErr: from its double-double ball when narrow, else its enclosure at THETA_BITS. */
    private void splitTheta(int i, RealExpression theta, DoubleDoubleIntervalArithmetic ddArithmetic) {
        Optional<DoubleDoubleInterval> ball = narrowBall(theta, ddArithmetic);
        if (ball.isPresent()) {
            // hi + lo renormalised by TwoSum (s + t = hi + lo exactly, |t| <= ulp(s)/2); the ball's radius bounds the rest
            DoubleDoubleInterval b = ball.get();
            double s = b.hi() + b.lo();
            thetaHi[i] = s;
            thetaLo[i] = ErrorFreeTransforms.twoSumError(b.hi(), b.lo(), s);
            thetaErr[i] = b.radius();
        } else {
            Enclosure e = thetaEnclosure(i);
            Rational mid = e.lo();
            thetaHi[i] = mid.toDouble(RoundingMode.NEAREST_EVEN);
            Rational rest = mid.subtract(Rational.of(new java.math.BigDecimal(thetaHi[i])));
            thetaLo[i] = rest.toDouble(RoundingMode.NEAREST_EVEN);
            Rational err = e.width().add(rest.subtract(Rational.of(new java.math.BigDecimal(thetaLo[i]))).abs());
            thetaErr[i] = err.toDouble(RoundingMode.TOWARD_POSITIVE);
        }
    }

    public Quantity quantity() {
        return quantity;
    }

    public RopeEmulator rope() {
        return rope;
    }

    public Format fileFormat() {
        return file.format();
    }

    /** The file format's values as doubles. */
    public FormatDoubles fileValues() {
        return file;
    }

    /**
     * The exact value of mode {@code i} at position {@code p} correctly rounded to the file's format: the
     * double filter when its proven margin decides it, else certified enclosures.
     *
     * @throws InvalidInputException when the value overflows a format without infinity (fp8-e4m3's NaN)
     */
    public double exact(int i, long p) {
        double v = exactFast(i, p);
        return Double.isNaN(v) ? exactSlow(i, p) : v;
    }

    /**
     * What the pipeline computes for mode {@code i} at position {@code p}, converted to the file's format:
     * the double filter when it decides, else certified enclosures.
     *
     * @throws InvalidInputException when the pipeline computes NaN there (e.g. an overflowed phase)
     */
    public double pipeline(int i, long p) {
        double v = pipelineFast(i, p);
        return Double.isNaN(v) ? pipelineSlow(i, p) : v;
    }

    /** {@link #exact} by the double filter alone, or NaN when its margin cannot decide it. */
    double exactFast(int i, long p) {
        if (quantity == Quantity.INV_FREQ) {
            return exactInvFreq[i];
        }
        // x = p theta_i as s + t, |x - (s + t)| <= err: TwoProduct of the high part, the low part added
        double pd = p; // exact: positions are below 2^53
        double h = pd * thetaHi[i];
        if (h != 0 && Math.abs(h) < 0x1p-960) {
            return Double.NaN; // TwoProduct is exact only away from underflow (bases past about 10^289)
        }
        double e1 = ErrorFreeTransforms.twoProductError(pd, thetaHi[i], h);
        double pl = pd * thetaLo[i];
        double l = e1 + pl;
        // rounding errors of pl and l; none when they are exactly 0 (a zero factor; a sum of doubles is 0 only when exact)
        double plErr = pd == 0 || thetaLo[i] == 0 ? 0 : Math.ulp(pl);
        double err = (pd * thetaErr[i] + plErr + (l == 0 ? 0 : Math.ulp(l))) * SLACK;
        double s = h + l;
        double t = ErrorFreeTransforms.fastTwoSumError(h, l, s); // |h| >= |l|, so s + t = h + l exactly
        if (quantity == Quantity.PHASE) {
            if (t == 0 && err == 0) {
                return file.round(s); // p theta_i = s exactly (theta_0 = 1): round it, ties included
            }
            return fp64File ? nearestDouble(s, t, err) : decide(s + t, err, file);
        }
        if (fp64File && scaledTrig) {
            return Double.NaN; // a * cos in fp64: left to the certified path
        }
        if (fp64File) { // Math.cos's 1 ulp is too coarse for fp64: double-double, with its error tracked
            return DoubleDoubleTrig.evaluate(quantity == Quantity.COS ? DoubleDoubleTrig.Function.COS : DoubleDoubleTrig.Function.SIN,
                    s, t, err).map(c -> nearestDouble(c.hi(), c.lo(), c.errorBound())).orElse(Double.NaN);
        }
        double cs = Math.cos(s);
        double sn = Math.sin(s);
        double main = quantity == Quantity.COS ? cs : sn;
        double other = quantity == Quantity.COS ? -sn : cs;
        double v = main + other * t;
        double tau = Math.abs(t) + err;
        // Java's cos and sin are within 1 ulp of the exact result; 2 ulps of the computed one covers a
        // result on the other side of a power of two. Taylor: |f(s + tau) - f(s) - f'(s) tau| <= tau^2 / 2.
        double margin = (2 * Math.ulp(main) + 2 * Math.ulp(other) * Math.abs(t) + Math.ulp(t) + Math.ulp(v) + err + tau * tau) * SLACK;
        if (scaledTrig) {
            // |a c - aHi v| <= |aHi| |c - v| + |c| |a - aHi|, |c| <= |v| + margin; plus the product's rounding
            double w = attentionHi * v;
            double scaledMargin = (Math.abs(attentionHi) * margin + (Math.abs(v) + margin) * attentionErr + Math.ulp(w)) * SLACK;
            return decide(w, scaledMargin, file);
        }
        return decide(v, margin, file);
    }

    /** Whether {@link RotationWalk} may give this array's exact values: cos or sin without an attention factor, in a format narrower than fp64. */
    boolean walks() {
        return (quantity == Quantity.COS || quantity == Quantity.SIN) && !fp64File && !scaledTrig;
    }

    /** Whether the walk may run for mode {@code i}: theta_i's high part keeps p theta_i clear of the filter's underflow guard for p >= 1. */
    boolean walks(int i) {
        return walks() && thetaHi[i] >= 0x1p-900;
    }

    /**
     * cos and sin of p theta_i as doubles with the bounds of {@code proofs/crosscheck-filter.md} section 4, computed as
     * {@link #exactFast} computes them: {@code out} = {cos, bound, sin, bound}, |cos(p theta_i) - out[0]| <= out[1] and
     * |sin(p theta_i) - out[2]| <= out[3]. False (out unchanged) where the filter declines (TwoProduct near underflow).
     * Only for arrays that {@link #walks()}.
     */
    boolean cosSinAt(int i, long p, double[] out) {
        double pd = p;
        double h = pd * thetaHi[i];
        if (h != 0 && Math.abs(h) < 0x1p-960) {
            return false;
        }
        double e1 = ErrorFreeTransforms.twoProductError(pd, thetaHi[i], h);
        double pl = pd * thetaLo[i];
        double l = e1 + pl;
        double plErr = pd == 0 || thetaLo[i] == 0 ? 0 : Math.ulp(pl);
        double err = (pd * thetaErr[i] + plErr + (l == 0 ? 0 : Math.ulp(l))) * SLACK;
        double s = h + l;
        double t = ErrorFreeTransforms.fastTwoSumError(h, l, s);
        double cs = Math.cos(s);
        double sn = Math.sin(s);
        double tau = Math.abs(t) + err;
        double vc = cs + -sn * t;
        double vs = sn + cs * t;
        out[0] = vc;
        out[1] = (2 * Math.ulp(cs) + 2 * Math.ulp(sn) * Math.abs(t) + Math.ulp(t) + Math.ulp(vc) + err + tau * tau) * SLACK;
        out[2] = vs;
        out[3] = (2 * Math.ulp(sn) + 2 * Math.ulp(cs) * Math.abs(t) + Math.ulp(t) + Math.ulp(vs) + err + tau * tau) * SLACK;
        return true;
    }

    /**
     * An upper bound on the margin {@link #exactFast} computes for mode {@code i} at every position 0 <= p <= pMax
     * (cos or sin, an array that {@link #walks()}): the same sum, term by term over bounds of its terms
     * ({@code proofs/crosscheck-rotation.md} section 4). Rounding is monotone, so the computed sum bounds the computed margin.
     */
    double filterMarginBound(int i, long pMax) {
        double pd = pMax;
        double sMax = 2 * pd * Math.abs(thetaHi[i]); // >= |s| for every p <= pMax (p >= 1; s = 0 at p = 0)
        double tMax = Math.ulp(sMax); // >= 2|t|: |t| <= ulp(s)/2
        double lMax = (Math.ulp(sMax) + 2 * pd * Math.abs(thetaLo[i])) * 2; // >= |l| and >= |pl|
        double errMax = (pd * thetaErr[i] + Math.ulp(lMax) + Math.ulp(lMax)) * SLACK;
        double tauMax = tMax + errMax;
        // |Math.cos|, |Math.sin| <= 1 and |v| < 2, so each of their ulps is at most 2^-52
        return (2 * 0x1p-52 + 2 * 0x1p-52 * tMax + Math.ulp(tMax) + 0x1p-52 + errMax + tauMax * tauMax) * SLACK;
    }

    /**
     * The exact value correctly rounded to the file's format, decided with enclosures.
     *
     * @throws InvalidInputException when the value overflows a format without infinity (fp8-e4m3's NaN)
     */
    double exactSlow(int i, long p) {
        double v = exactSlowOrNaN(i, p);
        if (Double.isNaN(v)) {
            throw new InvalidInputException("the exact " + quantity.label() + " of mode " + i + " at position " + p
                    + " overflows " + file.format().name() + ", which has no infinity; nothing to compare with");
        }
        return v;
    }

    private double exactSlowOrNaN(int i, long p) {
        if (quantity == Quantity.INV_FREQ) {
            return exactInvFreq[i];
        }
        // Ziv's levels: up to THETA_BITS from theta_i's cached 256-bit enclosure, where p theta_i is enclosed
        // exactly and only cos/sin is left; past it (within 2^-250 of a rounding boundary) from theta_i's formula
        Rational pr = Rational.of(p);
        Enclosure thetaAtBits = thetaEnclosure(i);
        Enclosure cached = Enclosure.of(thetaAtBits.lo().multiply(pr), thetaAtBits.hi().multiply(pr));
        RealExpression theta = rope.theta(i);
        Quantity q = quantity;
        var factor = rope.attentionFactor();
        RealExpression exact = new RealExpression() {
            @Override
            public <T> T evaluate(Arithmetic<T> a) {
                T x = a.multiply(a.of(p), theta.evaluate(a));
                if (q == Quantity.PHASE) {
                    return x;
                }
                T trigValue = q == Quantity.COS ? a.cos(x) : a.sin(x);
                return factor.isPresent() ? a.multiply(factor.get().exact().evaluate(a), trigValue) : trigValue;
            }
        };
        return correctlyRounded(a -> {
            if (a instanceof EnclosureArithmetic e && e.bits() < THETA_BITS - 16) {
                if (q == Quantity.PHASE) {
                    return cached;
                }
                Enclosure trigValue = q == Quantity.COS ? e.cos(cached) : e.sin(cached);
                return scaledTrig ? e.multiply(attentionEnclosure, trigValue) : trigValue;
            }
            return exact.enclose(a);
        }, quantity.label());
    }

    /** {@link #pipeline} by the double filter alone, or NaN when it cannot decide it. */
    double pipelineFast(int i, long p) {
        if (quantity == Quantity.INV_FREQ) {
            return pipelineInvFreq[i];
        }
        if (!rope.hasFastPath()) {
            return Double.NaN;
        }
        double phase = rope.phaseValue(i, rope.positionInPhaseValue(p));
        if (quantity == Quantity.PHASE) {
            return file.round(phase);
        }
        double x = trigIsPhase ? phase : trig.round(phase);
        if (Double.isInfinite(x)) {
            return Double.NaN; // cos(inf) is NaN: the exact path reports it
        }
        double inTrig;
        if (trigFp64) {
            inTrig = DoubleDoubleTrig.evaluate(quantity == Quantity.COS ? DoubleDoubleTrig.Function.COS : DoubleDoubleTrig.Function.SIN,
                    x, 0, 0).map(c -> nearestDouble(c.hi(), c.lo(), c.errorBound())).orElse(Double.NaN);
        } else {
            double v = quantity == Quantity.COS ? Math.cos(x) : Math.sin(x);
            inTrig = decide(v, 2 * Math.ulp(v) * SLACK, trig);
        }
        if (Double.isNaN(inTrig)) {
            return Double.NaN;
        }
        if (scaledTrig) {
            if (!trigProductExact) {
                return Double.NaN;
            }
            inTrig = trig.round(inTrig * attentionInTrig); // exact product of two trig values, rounded once (fp64: Java's rounding)
        }
        return fileIsTrig ? inTrig : file.round(output.round(inTrig));
    }

    /**
     * The pipeline's value converted to the file's format, decided with enclosures.
     *
     * @throws InvalidInputException when the pipeline computes NaN there (e.g. an overflowed phase)
     */
    double pipelineSlow(int i, long p) {
        FloatValue v = switch (quantity) {
            case INV_FREQ -> rope.invFreq(i);
            case PHASE -> rope.phase(i, p);
            case COS -> rope.output(i, p, 0);
            case SIN -> rope.output(i, p, 1);
        };
        if (v.isNaN()) {
            throw new InvalidInputException("the pipeline " + rope.pipeline().name() + " computes NaN for the " + quantity.label()
                    + " of mode " + i + (quantity.hasPositions() ? " at position " + p : "") + "; nothing to compare with");
        }
        return file.round(v.format().toDouble(v.bits().longValue()));
    }

    /** theta_i enclosed at THETA_BITS, computed at the first call for each mode (a race computes it twice, the same). */
    private Enclosure thetaEnclosure(int i) {
        Enclosure e = thetaEnclosure.get(i);
        if (e == null) {
            e = rope.theta(i).enclose(new EnclosureArithmetic(THETA_BITS));
            thetaEnclosure.compareAndSet(i, null, e);
        }
        return e;
    }

    /** theta's double-double ball when it can be computed and its radius is at most THETA_BALL_RADIUS |theta|. */
    private static Optional<DoubleDoubleInterval> narrowBall(RealExpression theta, DoubleDoubleIntervalArithmetic a) {
        DoubleDoubleInterval b;
        try {
            b = theta.evaluate(a);
        } catch (InsufficientPrecisionException e) {
            return Optional.empty();
        }
        double s = b.hi() + b.lo();
        return Double.isFinite(s) && s != 0 && b.radius() <= THETA_BALL_RADIUS * Math.abs(s) ? Optional.of(b) : Optional.empty();
    }

    /** The value of F that every point of [v - margin, v + margin] rounds to, or NaN if they differ. */
    static double decide(double v, double margin, FormatDoubles f) {
        if (f.format().equals(Format.FP32)) {
            return decideFp32(v, margin);
        }
        long lo = f.bits(Math.nextDown(v - margin));
        long hi = f.bits(Math.nextUp(v + margin));
        return lo == hi ? f.value(lo) : Double.NaN;
    }

    /**
     * {@link #decide} for fp32: Java's narrowing is RN_fp32 (what {@link FormatDoubles#bits} computes for fp32), and the
     * float's value as a double is exact, without the general decoding of {@link FormatDoubles#value}.
     */
    static double decideFp32(double v, double margin) {
        float lo = (float) Math.nextDown(v - margin);
        float hi = (float) Math.nextUp(v + margin);
        return Float.floatToRawIntBits(lo) == Float.floatToRawIntBits(hi) ? lo : Double.NaN;
    }

    /** RN_64(s + t + e) for every |e| <= err, when that is s (s + t being a normalised double-double), else NaN. */
    private static double nearestDouble(double s, double t, double err) {
        double up = Math.nextUp(t + err);
        double down = Math.nextDown(t - err);
        double gapUp = Math.abs(Math.nextUp(s) - s);
        double gapDown = Math.abs(s - Math.nextDown(s));
        return up < gapUp / 2 && -down < gapDown / 2 ? s : Double.NaN;
    }

    /** The file format's value that every point of {@code e} rounds to (nearest-even), if they agree; NaN on overflow without infinity. */
    private Optional<Double> roundedIfDecided(Enclosure e) {
        return file.format().roundIfDecided(e.lo(), e.hi(), RoundingMode.NEAREST_EVEN, OverflowPolicy.INFINITY)
                .map(v -> file.value(v.bits().longValue()));
    }

    /**
     * The value {@code at} encloses, correctly rounded to the file's format: Ziv's loop
     * ({@link Ziv#decide}) at the digits that format needs (its precision in decimal digits, and 3 more).
     *
     * @throws ArithmeticException when the most precise level cannot decide it
     */
    private double correctlyRounded(Function<Arithmetic<?>, Enclosure> at, String what) {
        int digits = (int) Math.ceil(file.format().precision() * 0.30103) + 3;
        return Ziv.decide(digits, a -> roundedIfDecided(at.apply(a))).orElseThrow(
                () -> new ArithmeticException("could not decide the correctly rounded " + what + " in " + file.format().name()));
    }
}
