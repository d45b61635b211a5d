package org.ropebounds.format;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Objects;

/**
 * A value of a {@link Format}: a finite binary rational (with the sign of zero kept), an infinity or a
 * NaN. Immutable. Every finite value converts exactly to decimal, hex and bits; nothing here rounds
 * except where a method says so.
 */
public final class FloatValue {

    /** What kind of datum the value is. */
    public enum Kind { FINITE, INFINITE, NAN }

    private final Format format;
    private final Kind kind;
    private final boolean negative;
    private final BinaryRational value;

    private FloatValue(Format format, Kind kind, boolean negative, BinaryRational value) {
        this.format = format;
        this.kind = kind;
        this.negative = negative;
        this.value = value;
    }

    /** A finite value already known to belong to the format (the caller guarantees it). */
    static FloatValue finite(Format format, BinaryRational value, boolean negative) {
        return new FloatValue(format, Kind.FINITE, value.isZero() ? negative : value.signum() < 0, value);
    }

    static FloatValue zero(Format format, boolean negative) {
        return new FloatValue(format, Kind.FINITE, negative, BinaryRational.ZERO);
    }

    static FloatValue infinity(Format format, boolean negative) {
        return new FloatValue(format, Kind.INFINITE, negative, BinaryRational.ZERO);
    }

    static FloatValue nan(Format format, boolean negative) {
        return new FloatValue(format, Kind.NAN, negative, BinaryRational.ZERO);
    }

    public Format format() {
        return format;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isFinite() {
        return kind == Kind.FINITE;
    }

    public boolean isInfinite() {
        return kind == Kind.INFINITE;
    }

    public boolean isNaN() {
        return kind == Kind.NAN;
    }

    public boolean isZero() {
        return kind == Kind.FINITE && value.isZero();
    }

    /** The sign bit (true for -0, -inf and negative values). */
    public boolean isNegative() {
        return negative;
    }

    /** The exact value. @throws ArithmeticException if the value is not finite */
    public BinaryRational value() {
        if (kind != Kind.FINITE) {
            throw new ArithmeticException(toHexString() + " has no finite value");
        }
        return value;
    }

    /** The encoding in the format's IEEE-style layout (NaN: the canonical quiet NaN with this sign). */
    public BigInteger bits() {
        BigInteger magnitude = switch (kind) {
            case FINITE -> FormatEncoding.magnitudeBits(format, value.abs());
            case INFINITE -> format.infinityMagnitudeBits();
            case NAN -> format.nanMagnitudeBits();
        };
        return negative ? magnitude.setBit(format.encodingBits() - 1) : magnitude;
    }

    /** {@link #bits()} as {@code 0x} and lower-case hex digits, zero-padded to the encoding's width. */
    public String bitsHex() {
        return FormatEncoding.hex(format, bits().toString(16));
    }

    /** C99 hex-float form, normalized ({@code 0x1.f2p+13}, {@code -0x0p+0}), or {@code inf}, {@code -inf}, {@code nan}. Exact. */
    public String toHexString() {
        return switch (kind) {
            case FINITE -> value.isZero() ? (negative ? "-0x0p+0" : "0x0p+0") : value.toHexString();
            case INFINITE -> negative ? "-inf" : "inf";
            case NAN -> "nan";
        };
    }

    /** The exact decimal expansion in plain notation ({@code 0.100000001490116119384765625}, {@code -0}), or inf/nan. */
    public String toDecimalString() {
        return switch (kind) {
            case FINITE -> value.isZero() ? (negative ? "-0" : "0") : value.toDecimalString();
            default -> toHexString();
        };
    }

    /** The exact decimal expansion in ECMAScript layout ({@link BinaryRational#toCompactDecimalString()}), {@code -0}, or inf/nan. */
    public String toCompactDecimalString() {
        return switch (kind) {
            case FINITE -> value.isZero() ? (negative ? "-0" : "0") : value.toCompactDecimalString();
            default -> toHexString();
        };
    }

    /**
     * The shortest decimal that rounds back to this value under round-to-nearest-even (the closest to the
     * value among the shortest; ties go to an even last digit), printed as ECMAScript prints numbers:
     * plain for 1e-6 &lt;= |x| &lt; 1e21 ({@code 15936}, {@code 0.1}), else {@code 1e-30}, {@code 1.5e+38}.
     */
    public String toShortestDecimal() {
        if (kind != Kind.FINITE || value.isZero()) {
            return toDecimalString();
        }
        BigDecimal exact = value.toBigDecimal();
        for (int digits = 1; ; digits++) {
            BigDecimal best = null;
            for (java.math.RoundingMode direction : new java.math.RoundingMode[] {
                    java.math.RoundingMode.FLOOR, java.math.RoundingMode.CEILING}) {
                BigDecimal candidate = exact.round(new MathContext(digits, direction));
                if (!roundsBackToThis(candidate)) {
                    continue;
                }
                if (best == null) {
                    best = candidate;
                } else {
                    int c = candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs());
                    if (c < 0 || (c == 0 && lastDigitEven(candidate))) {
                        best = candidate;
                    }
                }
            }
            if (best != null) {
                return DecimalText.ecmaScript(best);
            }
        }
    }

    private boolean roundsBackToThis(BigDecimal candidate) {
        return equals(format.round(Rational.of(candidate), RoundingMode.NEAREST_EVEN, OverflowPolicy.INFINITY).value());
    }

    private static boolean lastDigitEven(BigDecimal d) {
        return !d.unscaledValue().testBit(0);
    }

    /**
     * The least value of the format greater than this one (IEEE nextUp): -0 and +0 go to the smallest
     * subnormal, the largest finite value to +inf (NaN in a format without infinity), +inf stays, NaN stays.
     */
    public FloatValue nextUp() {
        return step(true);
    }

    /** The greatest value of the format less than this one (IEEE nextDown); see {@link #nextUp()}. */
    public FloatValue nextDown() {
        return step(false);
    }

    private FloatValue step(boolean up) {
        if (isNaN() || (isInfinite() && negative != up)) {
            return this;
        }
        if (isZero()) {
            FloatValue tiny = finite(format, format.minSubnormal(), false);
            return up ? tiny : tiny.negate();
        }
        BigInteger magnitude = bits().clearBit(format.encodingBits() - 1);
        boolean awayFromZero = up != negative;
        FloatValue next = format.fromBits(awayFromZero ? magnitude.add(BigInteger.ONE) : magnitude.subtract(BigInteger.ONE));
        return negative ? next.negate() : next;
    }

    /** The same datum with the sign flipped (exact). */
    public FloatValue negate() {
        return new FloatValue(format, kind, !negative, value.negate());
    }

    /**
     * ulp of this value, as {@link Math#ulp} defines it (the gap to the next value away from zero,
     * {@code 2^(emin-p+1)} for zero, {@code 2^(emax-p+1)} for the largest values). Exact.
     *
     * @throws ArithmeticException if the value is not finite
     */
    public BinaryRational ulp() {
        return format.ulp(value());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatValue v && format.equals(v.format) && kind == v.kind && negative == v.negative
                && value.equals(v.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(format, kind, negative, value);
    }

    /** The hex-float form followed by the format, e.g. {@code 0x1.f2p+13 (bf16)}. */
    @Override
    public String toString() {
        return toHexString() + " (" + format.name() + ")";
    }
}
