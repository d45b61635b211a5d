package org.ropebounds.rope;

import java.math.BigInteger;
import org.ropebounds.format.BinaryRational;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.Format;
import org.ropebounds.format.RoundingMode;
import org.ropebounds.format.Rational;
import org.ropebounds.real.Enclosure;

/**
 * What the growing phase-error bounds of one mode (the absolute one in {@link ErasureAnalysis}, the
 * relative-position one in {@link RelativeErrorAnalysis}) are made of, as doubles rounded up: the stored frequency
 * f, theta's upper end, the drift |f - theta|, where positions stop being exact, the formats' largest values, and
 * the position's rounding tau(p) as it enters the product. Immutable.
 */
final class PhaseBoundTerms {
    final Pipeline pl;
    /** The enclosure of theta_i the terms were made from. */
    final Enclosure theta;
    /** The stored frequency in the phase format, rounded up; NaN when it is not finite. */
    final double f;
    final double thetaHi;
    /** max |f - theta| over theta's enclosure, rounded up. */
    final double drift;
    /** Positions up to here are exact in the position and phase formats. */
    final long exactUpTo;
    final double maxPosition;
    final double maxPhase;
    private final boolean phaseHoldsPositions;

    PhaseBoundTerms(RopeEmulator rope, int i, Enclosure theta) {
        this.pl = rope.pipeline();
        this.theta = theta;
        FloatValue fv = rope.invFreqInPhase(i);
        this.f = fv.isFinite() ? fv.value().toRational().toDouble(RoundingMode.TOWARD_POSITIVE) : Double.NaN;
        this.thetaHi = theta.hi().toDouble(RoundingMode.TOWARD_POSITIVE);
        Rational exactF = fv.isFinite() ? fv.value().toRational() : Rational.ZERO;
        this.drift = exactF.subtract(theta.lo()).abs().max(exactF.subtract(theta.hi()).abs()).toDouble(RoundingMode.TOWARD_POSITIVE);
        this.maxPosition = Math.min(largest(pl.position()), largest(pl.phase()));
        this.maxPhase = largest(pl.phase());
        this.phaseHoldsPositions = pl.phase().precision() >= pl.position().precision()
                && pl.phase().emax() >= pl.position().emax() && pl.phase().emin() <= pl.position().emin();
        this.exactUpTo = pl.position().maxContiguousInteger().min(pl.phase().maxContiguousInteger())
                .min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
    }

    /**
     * tau(p) >= |T(p) - p| for the double {@code position} >= p: fl_pos(p) moves p by half an ulp at most; converting it
     * to the phase format moves it again only when the phase format is narrower; 0 while positions are exact.
     */
    double tau(long p, double position) {
        return p <= exactUpTo ? 0 : InlineMath.up(halfUlp(pl.position(), position) + (phaseHoldsPositions ? 0 : halfUlp(pl.phase(), position)));
    }

    /** The format's largest finite value, as a double (exact: the format's values are doubles). */
    static double largest(Format fm) {
        return fm.maxFinite().toRational().toDouble(RoundingMode.TOWARD_POSITIVE);
    }

    /** ulp(v)/2 in format fm for a double v >= 0 (the format's ulp), rounded up to a double. */
    static double halfUlp(Format fm, double v) {
        if (v >= 0 && v <= Double.MAX_VALUE && fm.valuesAreDoubles()) {
            // ulp(v)/2 = 2^(max(min(floor(log2 v), emax), emin) - p), and 2^(emin - p) for v = 0 (Format.ulp); a power
            // of two, so rounding it up to a double is exact down to 2^-1074 and gives 2^-1074 below
            int e = v == 0 ? fm.emin() : Math.max(Math.min(Math.getExponent(v), fm.emax()), fm.emin());
            int k = e - fm.precision();
            return k < -1074 ? Double.MIN_VALUE : Math.scalb(1.0, k);
        }
        return fm.ulp(BinaryRational.ofDouble(v)).scaleByPowerOfTwo(-1).toRational().toDouble(RoundingMode.TOWARD_POSITIVE);
    }
}
