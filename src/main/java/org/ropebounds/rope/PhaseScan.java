package org.ropebounds.rope;

import java.math.BigInteger;
import java.util.OptionalLong;
import org.ropebounds.format.BinaryRational;
import org.ropebounds.format.Format;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.OverflowPolicy;
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
    /** Per mode: the first collision, the first phase error above delta, and an enclosure of the largest error. */
    public record ModeScan(int mode, OptionalLong collision, OptionalLong firstErrorAboveDelta, Enclosure maxError) {
    }

    private PhaseScan() {
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
        Enclosure theta = theta(rope, i, 120);
        double thetaLo = down(theta.lo());
        double thetaHi = up(theta.hi());
        double deltaLo = down(delta);
        double deltaHi = up(delta);
        long collision = -1;
        long above = -1;
        double maxLo = 0;
        double maxHi = 0;
        double previous = Double.NaN;
        for (long p = 0; p < context; p++) {
            double t = rope.positionInPhaseValue(p);
            double phase = rope.phaseValue(i, t);
            if (p > 0 && collision < 0 && sameBits(previous, phase)) {
                collision = p - 1;
            }
            previous = phase;
            // p theta in [p thetaLo, p thetaHi], each product widened by one step for its rounding
            double exactLo = Math.nextDown(p * thetaLo);
            double exactHi = Math.nextUp(p * thetaHi);
            double errLo = Math.nextDown(phase - exactHi);
            double errHi = Math.nextUp(phase - exactLo);
            double absLo = errLo >= 0 ? errLo : errHi <= 0 ? -errHi : 0;
            double absHi = Math.max(Math.abs(errLo), Math.abs(errHi));
            if (!Double.isFinite(phase)) {
                absLo = Double.POSITIVE_INFINITY;
                absHi = Double.POSITIVE_INFINITY;
            }
            maxLo = Math.max(maxLo, absLo);
            maxHi = Math.max(maxHi, absHi);
            if (above < 0) {
                if (absLo > deltaHi) {
                    above = p;
                } else if (absHi > deltaLo && exceedsExactly(rope, i, p, delta)) {
                    above = p; // the doubles could not decide: exact arithmetic did
                }
            }
        }
        Enclosure max = Double.isFinite(maxHi)
                ? Enclosure.of(BinaryRational.ofDouble(maxLo).toRational(), BinaryRational.ofDouble(maxHi).toRational())
                : null;
        return new ModeScan(i, collision < 0 ? OptionalLong.empty() : OptionalLong.of(collision),
                above < 0 ? OptionalLong.empty() : OptionalLong.of(above), max);
    }

    /** theta_i = b^(-2i/d), enclosed at the given precision. */
    static Enclosure theta(RopeEmulator rope, int i, int bits) {
        Rational b = rope.base();
        Rational exponent = Rational.of(BigInteger.valueOf(-2L * i), BigInteger.valueOf(rope.rotaryDim()));
        return new RealExpression() {
            @Override
            public <T> T evaluate(Arithmetic<T> a) {
                return a.pow(a.of(b), a.of(exponent));
            }
        }.enclose(new EnclosureArithmetic(bits));
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

    private static double down(Rational x) {
        return Format.FP64.toDouble(Format.FP64.round(x, RoundingMode.DOWN, OverflowPolicy.INFINITY).value().bits().longValue());
    }

    private static double up(Rational x) {
        return Format.FP64.toDouble(Format.FP64.round(x, RoundingMode.UP, OverflowPolicy.INFINITY).value().bits().longValue());
    }
}
