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

    /** An upper bound on |x| for every x in the ball. */
    double magnitudeBound() {
        return Math.nextUp(Math.nextUp(Math.abs(hi) + Math.abs(lo)) + radius);
    }
}
