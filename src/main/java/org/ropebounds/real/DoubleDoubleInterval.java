package org.ropebounds.real;

import java.util.Optional;
import org.ropebounds.format.Rational;

/**
 * A real number known to lie in the ball {@code [(hi + lo) - radius, (hi + lo) + radius]} (hi + lo a
 * double-double, added exactly), and, when it is known exactly as a rational the way
 * {@link EnclosureArithmetic} would hold it, that rational: {@link DoubleDoubleIntervalArithmetic}'s working
 * type. The ball always contains the value; {@code exact}, when present, is the value.
 *
 * @param hi the leading double (finite)
 * @param lo the trailing double (finite, about ulp(hi)/2 or less)
 * @param radius a finite bound {@code >= 0} on the distance from the value to hi + lo
 * @param exact the exact value, when the arithmetic keeps it exact
 */
public record DoubleDoubleInterval(double hi, double lo, double radius, Optional<Rational> exact) {
    /** @throws InsufficientPrecisionException if a part is not finite or the radius is negative */
    public DoubleDoubleInterval {
        if (!Double.isFinite(hi) || !Double.isFinite(lo) || !(radius >= 0) || !Double.isFinite(radius)) {
            throw new InsufficientPrecisionException("no finite double-double enclosure " + hi + " + " + lo + " +/- " + radius);
        }
    }

    /**
     * The sign shared by every point of the ball (the exact value's sign when there is one), when the ball
     * decides it: empty when the ball reaches zero (or is the exact zero's neighbourhood without being exact).
     */
    public java.util.OptionalInt signum() {
        if (exact.isPresent()) {
            return java.util.OptionalInt.of(exact.get().signum());
        }
        return DoubleDoubleBalls.lowerMagnitude(this) > 0 ? java.util.OptionalInt.of(hi > 0 ? 1 : -1) : java.util.OptionalInt.empty();
    }

    /**
     * The ceiling shared by every point of the ball's enclosure ({@link Arithmetic#toEnclosure}), when the
     * ball decides it and its midpoint lies in (0, 2^101); empty otherwise (the enclosure may still decide).
     */
    public java.util.Optional<java.math.BigInteger> commonCeiling() {
        if (exact.isPresent()) {
            return java.util.Optional.of(exact.get().ceil());
        }
        return BallDecimals.ceiling(this);
    }

    /**
     * floor(log2 x) shared by every point of the ball's enclosure, when the ball decides it (every point
     * positive, both ends in one binade); empty otherwise.
     */
    public java.util.OptionalLong commonFloorLog2() {
        if (exact.isPresent()) {
            return exact.get().signum() > 0 ? java.util.OptionalLong.of(exact.get().floorLog2()) : java.util.OptionalLong.empty();
        }
        double low = lowerBound(); // <= every point (the enclosure of a radius-0 ball is m +/- 2^-1074)
        double high = upperBound(); // >= every point
        if (low > 0 && Double.isFinite(high) && Math.getExponent(low) == Math.getExponent(high) && low >= Double.MIN_NORMAL) {
            return java.util.OptionalLong.of(Math.getExponent(low));
        }
        return java.util.OptionalLong.empty();
    }

    /**
     * -1 or +1 when every point of this ball's enclosure ({@link Arithmetic#toEnclosure}) is below, or above,
     * every point of {@code o}'s, proven in doubles; empty otherwise (the enclosures may still decide, and
     * they decide equal points). When it answers, {@link Enclosure#compareTo(Enclosure)} on the two
     * enclosures gives the same answer: each enclosure lies within the directed double bounds used here.
     */
    public java.util.OptionalInt compareIfSeparated(DoubleDoubleInterval o) {
        if (upperBound() < o.lowerBound()) {
            return java.util.OptionalInt.of(-1);
        }
        if (lowerBound() > o.upperBound()) {
            return java.util.OptionalInt.of(1);
        }
        return java.util.OptionalInt.empty();
    }

    /**
     * A double at or above every point of the enclosure ({@link Arithmetic#toEnclosure}: the exact value, or
     * [m - r', m + r'] with r' = max(r, 2^-1074)): nextUp(RN(h + l)) >= m and nextUp(RN(s)) >= s for the sum s,
     * and the exact value lies in the ball. Infinite when the bound overflows (never NaN: the parts are finite).
     */
    public double upperBound() {
        return Math.nextUp(Math.nextUp(hi + lo) + Math.max(radius, Double.MIN_VALUE));
    }

    /** A double at or below every point of the enclosure ({@link #upperBound()} mirrored). */
    public double lowerBound() {
        return Math.nextDown(Math.nextDown(hi + lo) - Math.max(radius, Double.MIN_VALUE));
    }

    /** An upper bound on |x| for every x in the ball. */
    double magnitudeBound() {
        return Math.nextUp(Math.nextUp(Math.abs(hi) + Math.abs(lo)) + radius);
    }
}
