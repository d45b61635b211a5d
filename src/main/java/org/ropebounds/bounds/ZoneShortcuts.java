package org.ropebounds.bounds;

import java.math.BigInteger;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.ropebounds.format.Rational;
import org.ropebounds.real.Arithmetic;
import org.ropebounds.real.CertifiedDecimal;
import org.ropebounds.real.CertifiedDecimal.Direction;
import org.ropebounds.real.DoubleDoubleInterval;
import org.ropebounds.real.DoubleInterval;
import org.ropebounds.real.Enclosure;

/**
 * {@link ZoneCalculator}'s shortcuts at 15 digits (proofs/double-double-interval.md section 12): integer and
 * comparison decisions from a level's doubles, with the enclosure as the fallback, and the per-format constants of
 * each level (and their decimal decisions) computed once. Every answer is the one the enclosures give. Stateless
 * apart from two bounded caches of immutable values; thread-safe.
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
     * A per-format constant of one arithmetic: the precision ceiling in a spectrum (with its rotary dimension), or
     * the resolution; the same for every query, so computed once per arithmetic instance (Ziv's levels are shared).
     * Both depend on the format only through its precision p (resolution 2^(1-p) or 2^-p).
     */
    record Constant(Arithmetic<?> arithmetic, int precision, EpsilonConvention convention, Spectrum spectrum, int rotaryDim,
            boolean ceiling) {
        // written out rather than the record's generated methods, which run slowly before the JIT has compiled them
        @Override
        public boolean equals(Object o) {
            return o instanceof Constant c && arithmetic == c.arithmetic && precision == c.precision && convention == c.convention
                    && spectrum == c.spectrum && rotaryDim == c.rotaryDim && ceiling == c.ceiling;
        }

        @Override
        public int hashCode() {
            return ((System.identityHashCode(arithmetic) * 31 + precision) * 31 + rotaryDim) * 8 + convention.ordinal() * 4
                    + spectrum.ordinal() * 2 + (ceiling ? 1 : 0);
        }
    }

    private static final java.util.concurrent.ConcurrentHashMap<Constant, Object> CONSTANTS = new java.util.concurrent.ConcurrentHashMap<>();

    /** A decimal decision about a constant: at most 4096 kept, like the constants. */
    record ConstantDecision(Constant constant, int digits, Direction direction, boolean last) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ConstantDecision d && constant.equals(d.constant) && digits == d.digits && direction == d.direction
                    && last == d.last;
        }

        @Override
        public int hashCode() {
            return (constant.hashCode() * 31 + digits) * 8 + direction.ordinal() * 2 + (last ? 1 : 0);
        }
    }

    private static final java.util.concurrent.ConcurrentHashMap<ConstantDecision, Optional<CertifiedDecimal>> DECISIONS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The constant kept under {@code key}, or null when none is kept yet (see {@link #keepConstant}). */
    @SuppressWarnings("unchecked")
    static <T> T constant(Constant key) {
        return (T) CONSTANTS.get(key);
    }

    /**
     * Keeps {@code value}, the constant's value computed for {@code key}, and returns the value kept (a bounded cache:
     * past 4096 entries nothing more is kept, and the caller's value is returned).
     */
    @SuppressWarnings("unchecked")
    static <T> T keepConstant(Constant key, T value) {
        if (CONSTANTS.size() < 4096) {
            Object was = CONSTANTS.putIfAbsent(key, value);
            return was == null ? value : (T) was;
        }
        return value;
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

    /** The decision kept for the key, or null when none is kept yet (see {@link #keepDecision}). */
    static Optional<CertifiedDecimal> decision(ConstantDecision key) {
        return DECISIONS.get(key);
    }

    /** Keeps {@code decided}, the decision taken for {@code key}, and returns it (at most 4096 kept, like the constants). */
    static Optional<CertifiedDecimal> keepDecision(ConstantDecision key, Optional<CertifiedDecimal> decided) {
        if (DECISIONS.size() < 4096) {
            DECISIONS.putIfAbsent(key, decided);
        }
        return decided;
    }
}
