package org.ropebounds.real;

import org.ropebounds.format.Format;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.OverflowPolicy;
import org.ropebounds.format.Rational;
import org.ropebounds.format.RoundingMode;
import org.ropebounds.real.Arithmetic;
import org.ropebounds.real.Enclosure;
import org.ropebounds.real.InsufficientPrecisionException;
import org.ropebounds.real.RealExpression;
import org.ropebounds.real.Ziv;

/**
 * IEEE 754 operations on values of formats, each correctly rounded (nearest-even) into the result's
 * format, with IEEE's special cases (infinities and NaN). Transcendental results are correctly rounded
 * too: the pipeline emulator models libm calls that way and says so.
 */
public final class Ieee {
    private Ieee() {
    }

    /** v converted to {@code f}: exact when it fits, else rounded; NaN stays NaN, infinity stays infinite (NaN without). */
    public static FloatValue convert(FloatValue v, Format f) {
        if (v.isNaN()) {
            return f.nan();
        }
        if (v.isInfinite()) {
            return f.infinity(v.isNegative());
        }
        if (v.isZero()) {
            return f.round(v.isNegative() ? -0.0 : 0.0, RoundingMode.NEAREST_EVEN, OverflowPolicy.INFINITY).value();
        }
        return round(v.value().toRational(), f);
    }

    public static FloatValue round(Rational x, Format f) {
        return f.round(x, RoundingMode.NEAREST_EVEN, OverflowPolicy.INFINITY).value();
    }

    /** a + b in {@code f} (finite operands; a NaN or infinite operand gives NaN). */
    public static FloatValue add(FloatValue a, FloatValue b, Format f) {
        if (!a.isFinite() || !b.isFinite()) {
            return f.nan();
        }
        return round(a.value().toRational().add(b.value().toRational()), f);
    }

    /** a - b in {@code f} (finite operands; a NaN or infinite operand gives NaN). */
    public static FloatValue subtract(FloatValue a, FloatValue b, Format f) {
        return add(a, b.negate(), f);
    }

    /** a * b in {@code f} (a, b already in f). */
    public static FloatValue multiply(FloatValue a, FloatValue b, Format f) {
        if (a.isNaN() || b.isNaN()) {
            return f.nan();
        }
        boolean negative = a.isNegative() != b.isNegative();
        if (a.isInfinite() || b.isInfinite()) {
            return a.isZero() || b.isZero() ? f.nan() : f.infinity(negative);
        }
        Rational p = a.value().toRational().multiply(b.value().toRational());
        return p.isZero() ? convert(f.round(negative ? -0.0 : 0.0, RoundingMode.NEAREST_EVEN, OverflowPolicy.INFINITY).value(), f)
                : round(p, f);
    }

    /** a / b in {@code f}. */
    public static FloatValue divide(FloatValue a, FloatValue b, Format f) {
        if (a.isNaN() || b.isNaN() || (a.isInfinite() && b.isInfinite()) || (a.isZero() && b.isZero())) {
            return f.nan();
        }
        boolean negative = a.isNegative() != b.isNegative();
        if (a.isInfinite() || b.isZero()) {
            return f.infinity(negative);
        }
        if (b.isInfinite() || a.isZero()) {
            return f.round(negative ? -0.0 : 0.0, RoundingMode.NEAREST_EVEN, OverflowPolicy.INFINITY).value();
        }
        return round(a.value().toRational().divide(b.value().toRational()), f);
    }

    /** x^y for x >= 0 (IEEE pow's cases used by RoPE: a positive base, a finite exponent), correctly rounded. */
    public static FloatValue pow(FloatValue x, FloatValue y, Format f) {
        if (y.isZero()) {
            return round(Rational.ONE, f); // IEEE pow(x, +-0) = 1 for every x, NaN included
        }
        if (x.isNaN() || y.isNaN()) {
            return f.nan();
        }
        if (x.isInfinite()) {
            return y.isNegative() ? convert(f.round(0.0, RoundingMode.NEAREST_EVEN, OverflowPolicy.INFINITY).value(), f) : f.infinity(false);
        }
        Rational base = x.value().toRational();
        Rational exponent = y.value().toRational();
        if (base.signum() < 0) {
            return f.nan();
        }
        if (base.isZero()) {
            return exponent.signum() > 0 ? round(Rational.ZERO, f) : f.infinity(false);
        }
        return correctlyRounded(f, new RealExpression() {
            @Override
            public <T> T evaluate(Arithmetic<T> a) {
                return a.pow(a.of(base), a.of(exponent));
            }
        }, "pow");
    }

    /** cos (which = 0) or sin (which = 1) of x, correctly rounded into f; NaN for infinite or NaN x. */
    public static FloatValue cosSin(FloatValue x, Format f, int which) {
        if (!x.isFinite()) {
            return f.nan();
        }
        Rational v = x.value().toRational();
        return correctlyRounded(f, new RealExpression() {
            @Override
            public <T> T evaluate(Arithmetic<T> a) {
                return which == 0 ? a.cos(a.of(v)) : a.sin(a.of(v));
            }
        }, which == 0 ? "cos" : "sin");
    }

    /** The value of {@code fn} correctly rounded into f, raising the precision until the enclosure decides it. */
    public static FloatValue correctlyRounded(Format f, RealExpression fn, String what) {
        int digits = (int) Math.ceil(f.precision() * 0.30103) + 3;
        for (Arithmetic<?> a : Ziv.levels(digits)) {
            try {
                Enclosure e = fn.enclose(a);
                var decided = f.roundIfDecided(e.lo(), e.hi(), RoundingMode.NEAREST_EVEN, OverflowPolicy.INFINITY);
                if (decided.isPresent()) {
                    return decided.get();
                }
            } catch (InsufficientPrecisionException e) {
                // next level
            }
        }
        throw new ArithmeticException("could not decide the correctly rounded " + what + " in " + f.name());
    }
}
