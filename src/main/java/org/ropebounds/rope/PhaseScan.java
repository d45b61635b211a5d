package org.ropebounds.rope;

import java.math.BigInteger;
import java.util.OptionalLong;
import org.ropebounds.format.BinaryRational;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.Rational;
import org.ropebounds.format.RoundingMode;
import org.ropebounds.real.Arithmetic;
import org.ropebounds.real.Enclosure;
import org.ropebounds.real.EnclosureArithmetic;
import org.ropebounds.real.RealExpression;

/**
 * Visits every position 0 .. L-1 of every mode: the oracle for the structural horizons, and the exact
 * phase-error analysis for contexts small enough to visit. Phases come from the emulator's exact
 * double path; the exact phase p*theta_i is enclosed by certified bounds on theta_i, and comparisons
 * the double enclosures cannot decide are settled with exact rationals at higher precision.
 */
public final class PhaseScan {
    /**
     * Per mode: the first collision (the first position p whose phase equals that of p - 1, the convention of
     * {@link Horizon}), the first phase error above delta, and the largest error (unbounded if a phase is inf or NaN).
     */
    public record ModeScan(int mode, OptionalLong collision, OptionalLong firstErrorAboveDelta, PhaseErrorBound maxError) {
    }

    /** A window of positions: the first whose error exceeds delta, and the largest error seen (a lower bound on the maximum). */
    public record WindowScan(OptionalLong firstAbove, Rational maxErrorLowerBound, boolean nonFinite) {
    }

    /** 2^53: positions below it are doubles exactly. */
    static final long EXACT_DOUBLES = 1L << 53;
    /** Positions computed at a time by a window without given positions. */
    private static final int WINDOW_CHUNK = 256;

    private PhaseScan() {
    }

    /** Visits positions start .. end (inclusive) of mode i. */
    public static WindowScan window(RopeEmulator rope, int i, long start, long end, Rational delta) {
        return window(rope, i, theta(rope, i, 160), start, end, delta);
    }

    /** {@link #window(RopeEmulator, int, long, long, Rational)} with theta_i's enclosure already at hand. */
    static WindowScan window(RopeEmulator rope, int i, Enclosure thetaEnclosure, long start, long end, Rational delta) {
        return window(rope, i, thetaEnclosure, start, end, delta, null);
    }

    /** The positions start .. end as they enter the phase product, computed once for all modes. */
    static double[] positions(RopeEmulator rope, long start, long end) {
        double[] t = new double[(int) (end - start + 1)];
        for (int k = 0; k < t.length; k++) {
            t[k] = rope.positionInPhaseValue(start + k);
        }
        return t;
    }

    /**
     * An upper bound on the largest phase error over all modes at position p (radians), for plots: the
     * largest upper end of the modes' error intervals; +infinity when a phase is not finite.
     *
     * @param thetas {@link #thetas}, one enclosure per mode of rope
     */
    public static double maxErrorUpperBound(RopeEmulator rope, long p, Enclosure[] thetas) {
        return maxErrorUpperBound(rope, p, new Thetas(thetas));
    }

    /** {@link #maxErrorUpperBound(RopeEmulator, long, Enclosure[])} with the modes' splits made once ({@link #splitThetas}). */
    public static double maxErrorUpperBound(RopeEmulator rope, long p, Thetas thetas) {
        double t = rope.positionInPhaseValue(p);
        double max = 0;
        for (int i = 0; i < rope.modes(); i++) {
            double phase = rope.phaseValue(i, t);
            if (!Double.isFinite(phase)) {
                return Double.POSITIVE_INFINITY;
            }
            max = Math.max(max, thetas.split(i).error(phase, p)[1]);
        }
        return max;
    }

    /**
     * theta_i of every mode enclosed at the given precision ({@link #thetas}), each split once into the double
     * nearest it and a residual enclosure: what a plot's many positions share. Making the split is exact rational
     * work; a plot of 61 positions made it 61 times per mode (a fifth of a one-cell {@code tables} run).
     */
    public static Thetas splitThetas(RopeEmulator rope, int bits) {
        return new Thetas(thetas(rope, bits));
    }

    /** theta_i of every mode, split for the error formula of {@link #maxErrorUpperBound}. Immutable. */
    public static final class Thetas {
        private final SplitTheta[] splits;

        Thetas(Enclosure[] thetas) {
            splits = new SplitTheta[thetas.length];
            for (int i = 0; i < thetas.length; i++) {
                splits[i] = SplitTheta.of(thetas[i]);
            }
        }

        /** The number of modes. */
        public int modes() {
            return splits.length;
        }

        SplitTheta split(int i) {
            return splits[i];
        }
    }

    /** theta_i of every mode, enclosed at the given precision. */
    public static Enclosure[] thetas(RopeEmulator rope, int bits) {
        Enclosure[] out = new Enclosure[rope.modes()];
        for (int i = 0; i < out.length; i++) {
            out[i] = theta(rope, i, bits);
        }
        return out;
    }

    /** The given positions as they enter the phase product. */
    static double[] positions(RopeEmulator rope, long[] ps) {
        double[] t = new double[ps.length];
        for (int k = 0; k < ps.length; k++) {
            t[k] = rope.positionInPhaseValue(ps[k]);
        }
        return t;
    }

    /** The largest error seen at the given positions (a lower bound on the maximum), and whether a phase was not finite. */
    static WindowScan witness(RopeEmulator rope, int i, Enclosure thetaEnclosure, long[] ps, double[] positions) {
        SplitTheta theta = split(rope, i, thetaEnclosure);
        double maxLo = 0;
        double lastPosition = Double.NaN;
        double lastPhase = Double.NaN;
        for (int k = 0; k < ps.length; k++) {
            // the phase is a function of the position (proofs/collision-horizons.md, section 6): one per run of equal ones
            double phase = positions[k] == lastPosition ? lastPhase : rope.phaseValue(i, positions[k]);
            lastPosition = positions[k];
            lastPhase = phase;
            if (!Double.isFinite(phase)) {
                return new WindowScan(OptionalLong.empty(), BinaryRational.ofDouble(maxLo).toRational(), true);
            }
            maxLo = InlineMath.max(maxLo, theta.errorLo(phase, ps[k]));
        }
        return new WindowScan(OptionalLong.empty(), BinaryRational.ofDouble(maxLo).toRational(), false);
    }

    /** The same, with the positions' values given ({@link #positions}), or null to compute them. */
    static WindowScan window(RopeEmulator rope, int i, Enclosure thetaEnclosure, long start, long end, Rational delta, double[] positions) {
        return window(rope, i, thetaEnclosure, start, end, delta, positions, false);
    }

    /**
     * {@link #window(RopeEmulator, int, Enclosure, long, long, Rational, double[])}, stopping after the first position whose
     * error exceeds delta when {@code untilFirst}: the same {@code firstAbove}; the largest error is then that of the
     * positions up to it (a lower bound on the window's), and {@code nonFinite} whether one of them has a phase that is not finite.
     */
    static WindowScan window(RopeEmulator rope, int i, Enclosure thetaEnclosure, long start, long end, Rational delta, double[] positions,
                             boolean untilFirst) {
        SplitTheta theta = split(rope, i, thetaEnclosure);
        double deltaLo = delta.toDouble(RoundingMode.TOWARD_NEGATIVE);
        double deltaHi = delta.toDouble(RoundingMode.TOWARD_POSITIVE);
        long above = -1;
        double maxLo = 0;
        // without given positions, a chunk of them at a time, once per run of equal ones (PositionRuns)
        double[] chunk = positions != null ? null : new double[(int) Math.max(0, Math.min(WINDOW_CHUNK, end - start + 1))];
        long chunkStart = start;
        double lastPosition = Double.NaN;
        double lastPhase = Double.NaN;
        for (long p = start; p <= end && !(untilFirst && above >= 0); p++) {
            double position;
            if (positions != null) {
                position = positions[(int) (p - start)];
            } else {
                if (p == start || p - chunkStart == chunk.length) {
                    chunkStart = p;
                    PositionRuns.fill(rope, p, chunk, 0, (int) Math.min(chunk.length, end - p + 1));
                }
                position = chunk[(int) (p - chunkStart)];
            }
            // the phase is a function of the position (positions are >= 0, so == compares them exactly; NaN never repeats)
            double phase = position == lastPosition ? lastPhase : rope.phaseValue(i, position);
            lastPosition = position;
            lastPhase = phase;
            if (!Double.isFinite(phase)) {
                return new WindowScan(OptionalLong.of(above < 0 ? p : above), BinaryRational.ofDouble(maxLo).toRational(), true);
            }
            double errLo = theta.errorLo(phase, p);
            maxLo = InlineMath.max(maxLo, errLo);
            if (above < 0 && (errLo > deltaHi || (theta.errorHi(phase, p) > deltaLo && exceedsExactly(rope, i, p, delta)))) {
                above = p;
            }
        }
        return new WindowScan(above < 0 ? OptionalLong.empty() : OptionalLong.of(above), BinaryRational.ofDouble(maxLo).toRational(), false);
    }

    /**
     * theta as the double nearest it, theta0, plus a residual enclosed in [restLo, restHi]: the error
     * phase - p theta is then fma(-p, theta0, phase) (one rounding of a small number) minus p times the
     * residual, which keeps about 50 bits of the error itself instead of 50 bits of p theta.
     */
    record SplitTheta(double theta0, double restLo, double restHi) {
        static SplitTheta of(Enclosure theta) {
            Rational mid = theta.midpoint();
            double t0 = mid.toDouble(RoundingMode.NEAREST_EVEN);
            Rational t0r = BinaryRational.ofDouble(t0).toRational();
            return new SplitTheta(t0, theta.lo().subtract(t0r).toDouble(RoundingMode.TOWARD_NEGATIVE),
                    theta.hi().subtract(t0r).toDouble(RoundingMode.TOWARD_POSITIVE));
        }

        /** delta rounded up to a double (for "certainly not above"). */
        double deltaUp(Rational delta) {
            return delta.toDouble(RoundingMode.TOWARD_POSITIVE);
        }

        /** delta rounded down to a double (for "certainly above"). */
        double deltaDown(Rational delta) {
            return delta.toDouble(RoundingMode.TOWARD_NEGATIVE);
        }

        /** [lo, hi] enclosing |phase - p theta|; every rounded operation is widened by one step. */
        double[] error(double phase, long p) {
            double[] e = signedError(phase, p);
            double errLo = e[0];
            double errHi = e[1];
            double absLo = errLo >= 0 ? errLo : errHi <= 0 ? -errHi : 0;
            return new double[] {absLo, InlineMath.max(Math.abs(errLo), Math.abs(errHi))};
        }

        /**
         * The lower end of {@link #signedError}'s enclosure for 0 <= p < 2^53, without allocating: the same operations
         * on the same values (there p is a double, low = 0 and pLo = pHi = p, so c3 = c1 and c4 = c2).
         */
        double signedErrorLo(double phase, double p) {
            double c1 = p * restLo;
            double c2 = p * restHi;
            double cHi = InlineMath.up(InlineMath.largerValue(c1, c2));
            return InlineMath.down(InlineMath.down(InlineMath.down(Math.fma(-p, theta0, phase))) - cHi);
        }

        /**
         * Both ends of {@link #signedError}'s enclosure for 0 <= p < 2^53 into {@code lo[k]} and {@code hi[k]}: the
         * operations of {@link #signedErrorLo} and {@link #signedErrorHi}, sharing the fma and the products.
         */
        void signedErrorInto(double phase, long p, double[] lo, double[] hi, int k) {
            double x = p;
            double main = Math.fma(-x, theta0, phase);
            double c1 = x * restLo;
            double c2 = x * restHi;
            lo[k] = InlineMath.down(InlineMath.down(InlineMath.down(main)) - InlineMath.up(InlineMath.largerValue(c1, c2)));
            hi[k] = InlineMath.up(InlineMath.up(InlineMath.up(main)) - InlineMath.down(InlineMath.smallerValue(c1, c2)));
        }

        /** The upper end of {@link #signedError}'s enclosure for 0 <= p < 2^53 (see {@link #signedErrorLo}). */
        double signedErrorHi(double phase, double p) {
            double c1 = p * restLo;
            double c2 = p * restHi;
            double cLo = InlineMath.down(InlineMath.smallerValue(c1, c2));
            return InlineMath.up(InlineMath.up(InlineMath.up(Math.fma(-p, theta0, phase))) - cLo);
        }

        /** The lower end of {@link #error}'s enclosure of |phase - p theta| (p >= 0), allocating nothing below 2^53. */
        double errorLo(double phase, long p) {
            if (p >= EXACT_DOUBLES) {
                return error(phase, p)[0];
            }
            double lo = signedErrorLo(phase, p);
            if (lo >= 0) {
                return lo;
            }
            double hi = signedErrorHi(phase, p);
            return hi <= 0 ? -hi : 0;
        }

        /** The upper end of {@link #error}'s enclosure (p >= 0), allocating nothing below 2^53. */
        double errorHi(double phase, long p) {
            if (p >= EXACT_DOUBLES) {
                return error(phase, p)[1];
            }
            return InlineMath.max(Math.abs(signedErrorLo(phase, p)), Math.abs(signedErrorHi(phase, p)));
        }

        /** [lo, hi] enclosing phase - p theta (signed); every rounded operation is widened by one step. */
        double[] signedError(double phase, long p) {
            // p = high + low exactly: high the double nearest p (exact below 2^53), low a small integer
            double high = p;
            long low = p - (long) high;
            double main = Math.fma(-high, theta0, phase); // phase - high theta0, rounded once
            double lowProduct = low * theta0;
            double lowLo = low == 0 ? 0 : InlineMath.down(lowProduct);
            double lowHi = low == 0 ? 0 : InlineMath.up(lowProduct);
            double pLo = p < (1L << 53) ? high : InlineMath.down(high);
            double pHi = p < (1L << 53) ? high : InlineMath.up(high);
            double c1 = pLo * restLo;
            double c2 = pLo * restHi;
            double c3 = pHi * restLo;
            double c4 = pHi * restHi;
            double cLo = InlineMath.down(InlineMath.min(InlineMath.min(c1, c2), InlineMath.min(c3, c4)));
            double cHi = InlineMath.up(InlineMath.max(InlineMath.max(c1, c2), InlineMath.max(c3, c4)));
            double errLo = InlineMath.down(InlineMath.down(InlineMath.down(main) - lowHi) - cHi);
            double errHi = InlineMath.up(InlineMath.up(InlineMath.up(main) - lowLo) - cLo);
            return new double[] {errLo, errHi};
        }
    }

    /**
     * Scans mode i over positions 0 .. context-1.
     *
     * @throws UnsupportedOperationException unless the emulator has its fast path
     */
    public static ModeScan scan(RopeEmulator rope, int i, long context, Rational delta) {
        if (!rope.hasFastPath()) {
            throw new UnsupportedOperationException("the pipeline's formats are not all doubles");
        }
        SplitTheta theta = rope.splitTheta(i);
        double deltaLo = delta.toDouble(RoundingMode.TOWARD_NEGATIVE);
        double deltaHi = delta.toDouble(RoundingMode.TOWARD_POSITIVE);
        long collision = -1;
        long above = -1;
        double maxLo = 0;
        double maxHi = 0;
        double previous = Double.NaN;
        for (long p = 0; p < context; p++) {
            double t = rope.positionInPhaseValue(p);
            double phase = rope.phaseValue(i, t);
            if (p > 0 && collision < 0 && sameBits(previous, phase)) {
                collision = p; // the second position of the pair (p - 1, p)
            }
            previous = phase;
            double absLo = theta.errorLo(phase, p);
            double absHi = theta.errorHi(phase, p);
            if (!Double.isFinite(phase)) {
                absLo = Double.POSITIVE_INFINITY;
                absHi = Double.POSITIVE_INFINITY;
            }
            maxLo = InlineMath.max(maxLo, absLo);
            maxHi = InlineMath.max(maxHi, absHi);
            if (above < 0) {
                if (absLo > deltaHi) {
                    above = p;
                } else if (absHi > deltaLo && exceedsExactly(rope, i, p, delta)) {
                    above = p; // the doubles could not decide: exact arithmetic did
                }
            }
        }
        PhaseErrorBound max = Double.isFinite(maxHi)
                ? PhaseErrorBound.of(BinaryRational.ofDouble(maxLo).toRational(), BinaryRational.ofDouble(maxHi).toRational())
                : PhaseErrorBound.unbounded();
        return new ModeScan(i, collision < 0 ? OptionalLong.empty() : OptionalLong.of(collision),
                above < 0 ? OptionalLong.empty() : OptionalLong.of(above), max);
    }

    /** {@link SplitTheta#of}, kept per mode when {@code theta} is the emulator's own enclosure at 160 bits. */
    static SplitTheta split(RopeEmulator rope, int i, Enclosure theta) {
        return theta == rope.thetaEnclosure(i) ? rope.splitTheta(i) : SplitTheta.of(theta);
    }

    /** theta_i = b^(-2i/d), enclosed at the given precision. */
    static Enclosure theta(RopeEmulator rope, int i, int bits) {
        if (bits == ThetaEnclosures.BITS) {
            return rope.thetaEnclosure(i); // computed once per mode and spectrum
        }
        return rope.theta(i).enclose(new EnclosureArithmetic(bits));
    }

    /** |phase_i(p) - p theta_i| > delta, decided with exact rationals and enclosures of theta at rising precision. */
    static boolean exceedsExactly(RopeEmulator rope, int i, long p, Rational delta) {
        FloatValue phase = rope.phase(i, p);
        if (!phase.isFinite()) {
            return true;
        }
        Rational ph = phase.value().toRational();
        for (int bits = 200; bits <= 20_000; bits *= 4) {
            Enclosure theta = theta(rope, i, bits);
            Rational lo = ph.subtract(theta.hi().multiply(Rational.of(p)));
            Rational hi = ph.subtract(theta.lo().multiply(Rational.of(p)));
            Rational absLo = lo.signum() >= 0 ? lo : hi.signum() <= 0 ? hi.negate() : Rational.ZERO;
            Rational absHi = lo.abs().max(hi.abs());
            if (absLo.compareTo(delta) > 0) {
                return true;
            }
            if (absHi.compareTo(delta) <= 0) {
                return false;
            }
        }
        throw new ArithmeticException("could not decide whether the phase error at p = " + p + " exceeds " + delta);
    }

    private static boolean sameBits(double a, double b) {
        return Double.doubleToLongBits(a) == Double.doubleToLongBits(b);
    }
}
