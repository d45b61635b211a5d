package org.ropebounds.real;

import org.ropebounds.format.BinaryRational;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.Format;
import org.ropebounds.format.OverflowPolicy;
import org.ropebounds.format.Rational;
import org.ropebounds.format.RoundingMode;

/**
 * IEEE 754 operations on values of formats, each correctly rounded to nearest-even into the result's
 * format {@code f}, with IEEE 754-2019's special cases (sections 6 and 9.2) as each method lists them,
 * MPFR style. Operands may belong to any formats; their exact values are used. Transcendental results
 * are correctly rounded too: the pipeline emulator models libm calls that way and says so.
 *
 * <p>Common rules: a NaN operand gives NaN (quiet, positive sign) unless a method says otherwise. An
 * infinite result in a format without infinity ({@link Format#hasInfinity()} false, e.g. fp8-e4m3fn) is
 * NaN, as is an overflow there. A nonzero exact result that rounds to zero keeps its sign (-0 for a tiny
 * negative value). Stateless.
 */
public final class Ieee {
    private Ieee() {
    }

    /**
     * v converted to {@code f} (IEEE convertFormat): exact when v is a value of f, else rounded.
     * Special cases: NaN gives NaN; +-inf gives +-inf (NaN without infinity); +-0 gives +-0.
     */
    public static FloatValue convert(FloatValue v, Format f) {
        if (v.isNaN()) {
            return f.nan();
        }
        if (v.isInfinite()) {
            return f.infinity(v.isNegative());
        }
        if (v.isZero()) {
            return zero(f, v.isNegative());
        }
        return round(v.value().toRational(), f);
    }

    /** The exact x rounded to nearest-even into {@code f}, IEEE overflow (infinity, or NaN without). Zero gives +0. */
    public static FloatValue round(Rational x, Format f) {
        return f.round(x, RoundingMode.NEAREST_EVEN, OverflowPolicy.INFINITY).value();
    }

    /**
     * a + b in {@code f}. Special cases: NaN if a or b is NaN; inf + inf = inf and (-inf) + (-inf) = -inf;
     * inf + (-inf) = NaN; +-inf + finite = +-inf; (-0) + (-0) = -0; every other exact zero sum
     * (x + (-x), 0 + (-0)) is +0, as in round-to-nearest.
     */
    public static FloatValue add(FloatValue a, FloatValue b, Format f) {
        if (a.isNaN() || b.isNaN()) {
            return f.nan();
        }
        if (a.isInfinite() || b.isInfinite()) {
            if (a.isInfinite() && b.isInfinite() && a.isNegative() != b.isNegative()) {
                return f.nan(); // invalid operation
            }
            return f.infinity(a.isInfinite() ? a.isNegative() : b.isNegative());
        }
        Rational sum = a.value().toRational().add(b.value().toRational());
        if (sum.isZero()) {
            return zero(f, a.isNegative() && b.isNegative()); // nonzero operands: x + (-x) = +0
        }
        return round(sum, f);
    }

    /** a - b in {@code f}: {@code add(a, -b)}, so inf - inf = NaN, x - x = +0, (-0) - (+0) = -0. */
    public static FloatValue subtract(FloatValue a, FloatValue b, Format f) {
        return add(a, b.negate(), f);
    }

    /**
     * a * b in {@code f}. Special cases: NaN if a or b is NaN; +-inf * +-0 = NaN; inf times anything else
     * is an infinity; the sign of an infinite or zero result is the exclusive or of the operands' signs.
     */
    public static FloatValue multiply(FloatValue a, FloatValue b, Format f) {
        if (a.isNaN() || b.isNaN()) {
            return f.nan();
        }
        boolean negative = a.isNegative() != b.isNegative();
        if (a.isInfinite() || b.isInfinite()) {
            return a.isZero() || b.isZero() ? f.nan() : f.infinity(negative);
        }
        Rational p = a.value().toRational().multiply(b.value().toRational());
        return p.isZero() ? zero(f, negative) : round(p, f);
    }

    /**
     * a / b in {@code f}. Special cases: NaN if a or b is NaN, for inf / inf and for 0 / 0; inf / finite
     * and nonzero / 0 are infinities (division by zero); finite / inf and 0 / nonzero are zeros; the sign
     * of an infinite or zero result is the exclusive or of the operands' signs.
     */
    public static FloatValue divide(FloatValue a, FloatValue b, Format f) {
        if (a.isNaN() || b.isNaN() || (a.isInfinite() && b.isInfinite()) || (a.isZero() && b.isZero())) {
            return f.nan();
        }
        boolean negative = a.isNegative() != b.isNegative();
        if (a.isInfinite() || b.isZero()) {
            return f.infinity(negative);
        }
        if (b.isInfinite() || a.isZero()) {
            return zero(f, negative);
        }
        return round(a.value().toRational().divide(b.value().toRational()), f);
    }

    /**
     * x^y (IEEE pow), correctly rounded into {@code f}. Special cases, in this order (IEEE 754-2019 9.2.1):
     * <ul>
     * <li>pow(x, +-0) = 1 for every x, NaN included; pow(+1, y) = 1 for every y, NaN included;</li>
     * <li>NaN if x or y is NaN;</li>
     * <li>pow(+-0, y): y &lt; 0 an odd integer gives +-inf, any other y &lt; 0 (-inf included) +inf;
     *     y &gt; 0 an odd integer gives +-0, any other y &gt; 0 (+inf included) +0;</li>
     * <li>pow(-1, +-inf) = 1; pow(x, +inf) = +0 for |x| &lt; 1 and +inf for |x| &gt; 1;
     *     pow(x, -inf) = +inf for |x| &lt; 1 and +0 for |x| &gt; 1;</li>
     * <li>pow(+inf, y) = +0 for y &lt; 0 and +inf for y &gt; 0; pow(-inf, y) = pow(-0, -y);</li>
     * <li>finite x &lt; 0: NaN unless y is an integer, then (-1)^y |x|^y.</li>
     * </ul>
     *
     * <p>Evaluated by Ziv's loop ({@link #correctlyRounded}); a rational result of moderate size (3^2, 81^(1/2))
     * is found exactly by the enclosure arithmetic, so results at a midpoint of f are decided too.
     *
     * @throws ArithmeticException if Ziv's loop cannot decide the rounding
     */
    public static FloatValue pow(FloatValue x, FloatValue y, Format f) {
        if (y.isZero() || (x.isFinite() && x.value().equals(BinaryRational.ONE))) {
            return round(Rational.ONE, f);
        }
        if (x.isNaN() || y.isNaN()) {
            return f.nan();
        }
        if (x.isInfinite()) {
            if (!x.isNegative()) {
                return y.isNegative() ? zero(f, false) : f.infinity(false);
            }
            return powOfZero(true, y.negate(), f); // pow(-inf, y) = pow(-0, -y)
        }
        if (x.isZero()) {
            return powOfZero(x.isNegative(), y, f);
        }
        Rational base = x.value().toRational();
        if (y.isInfinite()) {
            int magnitude = base.abs().compareTo(Rational.ONE);
            if (magnitude == 0) {
                return round(Rational.ONE, f); // pow(-1, +-inf) = 1
            }
            return (magnitude < 0) != y.isNegative() ? zero(f, false) : f.infinity(false);
        }
        BinaryRational yv = y.value();
        boolean negativeResult = false;
        if (base.signum() < 0) {
            if (!yv.isInteger()) {
                return f.nan(); // invalid: a negative base to a non-integer power
            }
            negativeResult = isOddInteger(yv);
            base = base.negate();
        }
        Rational positiveBase = base;
        Rational exponent = yv.toRational();
        FloatValue magnitude = correctlyRounded(f, new RealExpression() {
            @Override
            public <T> T evaluate(Arithmetic<T> a) {
                return a.pow(a.of(positiveBase), a.of(exponent));
            }
        }, "pow");
        return negativeResult ? magnitude.negate() : magnitude;
    }

    /** pow(+-0, y) for y not +-0 and not NaN: see {@link #pow}. */
    private static FloatValue powOfZero(boolean negativeZero, FloatValue y, Format f) {
        boolean odd = y.isFinite() && isOddInteger(y.value());
        if (y.isNegative()) {
            return f.infinity(odd && negativeZero);
        }
        return zero(f, odd && negativeZero);
    }

    /** Normalised binary rationals have an odd significand, so odd integers are those with exponent 0. */
    private static boolean isOddInteger(BinaryRational v) {
        return !v.isZero() && v.exponent() == 0;
    }

    /** cos of x, correctly rounded into {@code f}. Special cases: cos(+-0) = 1; NaN for +-inf and NaN. */
    public static FloatValue cos(FloatValue x, Format f) {
        return cosSin(x, f, 0);
    }

    /** sin of x, correctly rounded into {@code f}. Special cases: sin(+-0) = +-0; NaN for +-inf and NaN. */
    public static FloatValue sin(FloatValue x, Format f) {
        return cosSin(x, f, 1);
    }

    /**
     * {@link #cos} (which = 0) or {@link #sin} (which = 1) of x, correctly rounded into {@code f}.
     *
     * @throws IllegalArgumentException unless which is 0 or 1
     */
    public static FloatValue cosSin(FloatValue x, Format f, int which) {
        if (which != 0 && which != 1) {
            throw new IllegalArgumentException("which must be 0 (cos) or 1 (sin): " + which);
        }
        if (!x.isFinite()) {
            return f.nan(); // cos and sin of +-inf are invalid operations
        }
        if (x.isZero()) {
            return which == 0 ? round(Rational.ONE, f) : zero(f, x.isNegative());
        }
        Rational v = x.value().toRational();
        return correctlyRounded(f, new RealExpression() {
            @Override
            public <T> T evaluate(Arithmetic<T> a) {
                return which == 0 ? a.cos(a.of(v)) : a.sin(a.of(v));
            }
        }, which == 0 ? "cos" : "sin");
    }

    /**
     * The value of {@code fn} correctly rounded to nearest-even into f (IEEE overflow), by Ziv's loop
     * ({@link Ziv#decide}): the precision rises until both ends of the enclosure round to the same value.
     * An exact zero result is decided only by a point enclosure (a wider one meets -0 and +0), so callers
     * handle the special cases that give zeros first.
     *
     * @param what names the function in the exception's message
     * @throws ArithmeticException if no level decides, or for a domain error of {@code fn}
     */
    public static FloatValue correctlyRounded(Format f, RealExpression fn, String what) {
        int digits = Math.min((int) Math.ceil(f.precision() * 0.30103) + 3, Ziv.MAX_DIGITS);
        return Ziv.decide(digits, a -> {
            Enclosure e = fn.enclose(a);
            return f.roundIfDecided(e.lo(), e.hi(), RoundingMode.NEAREST_EVEN, OverflowPolicy.INFINITY);
        }).orElseThrow(() -> new ArithmeticException("could not decide the correctly rounded " + what + " in " + f.name()));
    }

    /** +0 or -0 of {@code f}. */
    private static FloatValue zero(Format f, boolean negative) {
        return f.round(negative ? -0.0 : 0.0, RoundingMode.NEAREST_EVEN, OverflowPolicy.INFINITY).value();
    }
}
