package org.ropebounds.real;

import java.math.BigInteger;
import java.util.Objects;
import java.util.OptionalInt;
import org.ropebounds.format.BinaryRational;
import org.ropebounds.format.Rational;

/**
 * A real number known to lie in the closed interval [lo, hi], with exact rational endpoints (binary
 * rationals once anything has been rounded). A point interval is an exact value. Immutable. Nothing
 * here rounds: arithmetic that must round lives in {@link EnclosureArithmetic}.
 */
public final class Enclosure {
    private final Rational lo;
    private final Rational hi;

    private Enclosure(Rational lo, Rational hi) {
        this.lo = lo;
        this.hi = hi;
    }

    /** [lo, hi]. @throws IllegalArgumentException if lo > hi */
    public static Enclosure of(Rational lo, Rational hi) {
        if (lo.compareTo(hi) > 0) {
            throw new IllegalArgumentException("empty enclosure [" + lo + ", " + hi + "]");
        }
        return new Enclosure(lo, hi);
    }

    /** The exact value x, as a point interval. */
    public static Enclosure exact(Rational x) {
        return new Enclosure(x, x);
    }

    public static Enclosure exact(long x) {
        return exact(Rational.of(x));
    }

    public static Enclosure exact(BinaryRational x) {
        return exact(x.toRational());
    }

    public Rational lo() {
        return lo;
    }

    public Rational hi() {
        return hi;
    }

    /** Whether the interval is a single point, i.e. the value is known exactly. */
    public boolean isExact() {
        return lo.equals(hi);
    }

    /** hi - lo, exactly. */
    public Rational width() {
        return hi.subtract(lo);
    }

    /** (lo + hi) / 2, exactly. */
    public Rational midpoint() {
        return lo.add(hi).multiply(Rational.of(BigInteger.ONE, BigInteger.TWO));
    }

    public boolean contains(Rational x) {
        return lo.compareTo(x) <= 0 && x.compareTo(hi) <= 0;
    }

    /** Whether [o.lo, o.hi] lies inside this interval. */
    public boolean contains(Enclosure o) {
        return lo.compareTo(o.lo) <= 0 && o.hi.compareTo(hi) <= 0;
    }

    /** The sign of every point of the interval, if they agree (0 only for the exact zero). */
    public OptionalInt signum() {
        if (lo.signum() > 0 || hi.signum() < 0 || (lo.signum() == 0 && hi.signum() == 0)) {
            return OptionalInt.of(lo.signum() != 0 ? lo.signum() : hi.signum());
        }
        return OptionalInt.empty();
    }

    /**
     * How the enclosed value compares with the exact {@code x}: -1, 0 or +1 when the interval decides
     * it (0 only when the interval is the point x), empty when x lies inside a non-point interval.
     */
    public OptionalInt compareTo(Rational x) {
        if (hi.compareTo(x) < 0) {
            return OptionalInt.of(-1);
        }
        if (lo.compareTo(x) > 0) {
            return OptionalInt.of(1);
        }
        return isExact() ? OptionalInt.of(0) : OptionalInt.empty();
    }

    /** How the value compares with the value of {@code o}, when the intervals decide it; see {@link #compareTo(Rational)}. */
    public OptionalInt compareTo(Enclosure o) {
        if (hi.compareTo(o.lo) < 0) {
            return OptionalInt.of(-1);
        }
        if (lo.compareTo(o.hi) > 0) {
            return OptionalInt.of(1);
        }
        return isExact() && o.isExact() ? OptionalInt.of(0) : OptionalInt.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Enclosure e && lo.equals(e.lo) && hi.equals(e.hi);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lo, hi);
    }

    @Override
    public String toString() {
        return isExact() ? lo.toString() : "[" + lo + ", " + hi + "]";
    }
}
