package org.ropebounds.bounds;

import java.math.BigInteger;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.ropebounds.format.Rational;
import org.ropebounds.real.Arithmetic;
import org.ropebounds.real.DoubleDoubleInterval;
import org.ropebounds.real.DoubleInterval;
import org.ropebounds.real.Enclosure;

/**
 * {@link ZoneCalculator}'s shortcuts at 15 digits (proofs/double-double-interval.md section 12): integer and
 * comparison decisions from a level's doubles, with the enclosure as the fallback (the values kept across zones are
 * {@link SharedQuantities}'). Every answer is the one the enclosures give. Stateless; thread-safe.
 */
final class ZoneShortcuts {
    private ZoneShortcuts() {
    }

    /** Whether x > 1: its numerator exceeds its (positive) denominator, with no product formed. */
    static boolean aboveOne(Rational x) {
        return x.numerator().compareTo(x.denominator()) > 0;
    }

    /** An integer-valued double as a BigInteger, exactly. */
    static BigInteger integer(double v) {
        return Math.abs(v) < 0x1p62 ? BigInteger.valueOf((long) v) : new java.math.BigDecimal(v).toBigIntegerExact();
    }

    /**
     * The sign of x - 1 on every point of x's enclosure: +1 when every point is at least 1, -1 when every point is
     * below 1, empty when the enclosure reaches over 1 (its lo below 1, its hi at or above). From the doubles
     * themselves where the level has them: a double interval's enclosure is [lo, hi] exactly, and a double-double
     * ball's lies within [lowerBound, upperBound] (proofs/double-double-interval.md section 12).
     */
    static <T> OptionalInt versusOne(Arithmetic<T> a, T x) {
        if (x instanceof DoubleInterval d) {
            return d.lo() >= 1 ? OptionalInt.of(1) : d.hi() < 1 ? OptionalInt.of(-1) : OptionalInt.empty();
        }
        if (x instanceof DoubleDoubleInterval ball) {
            if (ball.lowerBound() >= 1) {
                return OptionalInt.of(1);
            }
            if (ball.upperBound() < 1) {
                return OptionalInt.of(-1);
            }
        }
        Enclosure e = a.toEnclosure(x);
        return e.lo().compareTo(Rational.ONE) >= 0 ? OptionalInt.of(1) : e.hi().compareTo(Rational.ONE) < 0 ? OptionalInt.of(-1)
                : OptionalInt.empty();
    }

    /**
     * The floor every point of x's enclosure shares, if they share one; from the doubles where the level has them,
     * as {@link #versusOne} (Math.floor is exact on doubles).
     */
    static <T> Optional<BigInteger> commonFloor(Arithmetic<T> a, T x) {
        if (x instanceof DoubleInterval d) {
            double f = Math.floor(d.lo());
            return f == Math.floor(d.hi()) ? Optional.of(integer(f)) : Optional.empty();
        }
        if (x instanceof DoubleDoubleInterval ball) {
            double low = ball.lowerBound();
            double high = ball.upperBound();
            if (Double.isFinite(low) && Double.isFinite(high) && Math.floor(low) == Math.floor(high)) {
                return Optional.of(integer(Math.floor(low)));
            }
        }
        Enclosure e = a.toEnclosure(x);
        return e.lo().floor().equals(e.hi().floor()) ? Optional.of(e.lo().floor()) : Optional.empty();
    }

    /**
     * The ceiling every point of x's enclosure shares, if they share one: a double interval's from its ends (its
     * enclosure is [lo, hi] exactly, Math.ceil is exact on doubles), a ball's from the ball when it decides
     * ({@link DoubleDoubleInterval#commonCeiling}), else from the enclosure.
     */
    static Optional<BigInteger> commonCeiling(Object x, Supplier<Enclosure> enclosure) {
        if (x instanceof DoubleInterval d) {
            double c = Math.ceil(d.lo());
            return c == Math.ceil(d.hi()) ? Optional.of(integer(c)) : Optional.empty();
        }
        if (x instanceof DoubleDoubleInterval ball) {
            Optional<BigInteger> c = ball.commonCeiling();
            if (c.isPresent()) {
                return c;
            }
        }
        Enclosure e = enclosure.get();
        return e.lo().ceil().equals(e.hi().ceil()) ? Optional.of(e.lo().ceil()) : Optional.empty();
    }

    /**
     * floor(log2) every point of x's enclosure shares, if every point is positive and they share one: for a double
     * interval with a normal positive lo, from the ends' exponents (floor(log2) of a normal positive double), a
     * ball's from the ball when it decides, else from the enclosure.
     */
    static java.util.OptionalLong commonFloorLog2(Object x, Supplier<Enclosure> enclosure) {
        if (x instanceof DoubleInterval d && d.lo() >= Double.MIN_NORMAL) {
            return Math.getExponent(d.lo()) == Math.getExponent(d.hi()) ? java.util.OptionalLong.of(Math.getExponent(d.lo()))
                    : java.util.OptionalLong.empty();
        }
        if (x instanceof DoubleDoubleInterval ball) {
            java.util.OptionalLong c = ball.commonFloorLog2();
            if (c.isPresent()) {
                return c;
            }
        }
        Enclosure e = enclosure.get();
        return e.lo().signum() > 0 && e.lo().floorLog2() == e.hi().floorLog2() ? java.util.OptionalLong.of(e.lo().floorLog2())
                : java.util.OptionalLong.empty();
    }
}
