package org.ropebounds.format;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;
import org.apfloat.Aprational;

/**
 * An exact binary rational {@code significand * 2^exponent}: the values every binary floating-point
 * format takes. Immutable; normalized so that the significand is odd (or the value is zero, with
 * exponent 0), hence {@link #equals} is numerical equality. Arithmetic here is exact; nothing rounds.
 */
public final class BinaryRational implements Comparable<BinaryRational> {

    public static final BinaryRational ZERO = new BinaryRational(BigInteger.ZERO, 0);
    public static final BinaryRational ONE = new BinaryRational(BigInteger.ONE, 0);

    private final BigInteger significand;
    private final int exponent;

    private BinaryRational(BigInteger significand, int exponent) {
        this.significand = significand;
        this.exponent = exponent;
    }

    /**
     * The value {@code significand * 2^exponent}.
     *
     * @throws ArithmeticException if the normalized exponent leaves the int range
     */
    public static BinaryRational of(BigInteger significand, long exponent) {
        if (significand.signum() == 0) {
            return ZERO;
        }
        int trailing = significand.getLowestSetBit();
        return new BinaryRational(significand.shiftRight(trailing), Math.toIntExact(exponent + trailing));
    }

    /** The integer {@code value}, exactly. */
    public static BinaryRational of(long value) {
        return of(BigInteger.valueOf(value), 0);
    }

    /** {@code 2^k}, exactly. */
    public static BinaryRational powerOfTwo(long k) {
        return of(BigInteger.ONE, k);
    }

    /**
     * The exact value of a finite double ({@code -0.0} gives zero).
     *
     * @throws IllegalArgumentException if {@code x} is infinite or NaN
     */
    public static BinaryRational ofDouble(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("not a finite double: " + x);
        }
        long bits = Double.doubleToRawLongBits(x);
        int biased = (int) ((bits >>> 52) & 0x7ff);
        long fraction = bits & ((1L << 52) - 1);
        long m = biased == 0 ? fraction : fraction | (1L << 52);
        int e = biased == 0 ? -1074 : biased - 1075;
        return of(BigInteger.valueOf(bits < 0 ? -m : m), e);
    }

    /** The exact value of a finite float. */
    public static BinaryRational ofFloat(float x) {
        return ofDouble(x); // float -> double widening is exact
    }

    /** The exact value of an Apfloat {@link Aprational} (or Apint) whose denominator is a power of two. */
    public static BinaryRational of(Aprational x) {
        return Rational.of(x).toBinaryRational();
    }

    /** Odd significand (zero for zero). */
    public BigInteger significand() {
        return significand;
    }

    /** Exponent of the odd significand (0 for zero). */
    public int exponent() {
        return exponent;
    }

    public int signum() {
        return significand.signum();
    }

    public boolean isZero() {
        return significand.signum() == 0;
    }

    /** {@code floor(log2 |this|)}. @throws ArithmeticException for zero */
    public int floorLog2() {
        if (isZero()) {
            throw new ArithmeticException("log2 of zero");
        }
        return exponent + significand.abs().bitLength() - 1;
    }

    public boolean isInteger() {
        return exponent >= 0;
    }

    public BinaryRational negate() {
        return new BinaryRational(significand.negate(), exponent);
    }

    public BinaryRational abs() {
        return signum() < 0 ? negate() : this;
    }

    public BinaryRational add(BinaryRational o) {
        if (isZero()) {
            return o;
        }
        if (o.isZero()) {
            return this;
        }
        int e = Math.min(exponent, o.exponent);
        BigInteger sum = significand.shiftLeft(exponent - e).add(o.significand.shiftLeft(o.exponent - e));
        return of(sum, e);
    }

    public BinaryRational subtract(BinaryRational o) {
        return add(o.negate());
    }

    public BinaryRational multiply(BinaryRational o) {
        return of(significand.multiply(o.significand), (long) exponent + o.exponent);
    }

    /** {@code this * 2^k}, exactly. */
    public BinaryRational scaleByPowerOfTwo(long k) {
        return isZero() ? ZERO : new BinaryRational(significand, Math.toIntExact(exponent + k));
    }

    @Override
    public int compareTo(BinaryRational o) {
        int s = signum();
        int t = o.signum();
        if (s != t) {
            return Integer.compare(s, t);
        }
        if (s == 0) {
            return 0;
        }
        int binades = Integer.compare(floorLog2(), o.floorLog2());
        if (binades != 0) {
            return s * binades;
        }
        int e = Math.min(exponent, o.exponent);
        return significand.shiftLeft(exponent - e).compareTo(o.significand.shiftLeft(o.exponent - e));
    }

    /** The integer value. @throws ArithmeticException if this is not an integer */
    public BigInteger toBigInteger() {
        if (!isInteger()) {
            throw new ArithmeticException("not an integer: " + toHexString());
        }
        return significand.shiftLeft(exponent);
    }

    public Rational toRational() {
        return exponent >= 0
                ? Rational.of(significand.shiftLeft(exponent), BigInteger.ONE)
                : Rational.of(significand, BigInteger.ONE.shiftLeft(-exponent));
    }

    /** The exact value as an Apfloat rational (radix 10). */
    public Aprational toAprational() {
        return toRational().toAprational();
    }

    /** The exact value as a BigDecimal (every binary rational has a terminating decimal expansion). */
    public BigDecimal toBigDecimal() {
        if (exponent >= 0) {
            return new BigDecimal(significand.shiftLeft(exponent));
        }
        // m / 2^k = m * 5^k / 10^k
        return new BigDecimal(significand.multiply(BigInteger.valueOf(5).pow(-exponent)), -exponent);
    }

    /** The exact decimal expansion in plain notation, without trailing zeros: {@code 0.1000000014901161193847656250} is printed as {@code 0.100000001490116119384765625}. */
    public String toDecimalString() {
        return isZero() ? "0" : toBigDecimal().stripTrailingZeros().toPlainString();
    }

    /**
     * The exact decimal expansion, laid out as ECMAScript lays out numbers: plain for 1e-6 &lt;= |x| &lt; 1e21,
     * otherwise scientific with every digit ({@code 1.40129846432481707092372958328991613128026194187651577175706828388979108268586060148663818836212158203125e-45}).
     */
    public String toCompactDecimalString() {
        return DecimalText.ecmaScript(toBigDecimal());
    }

    /**
     * The value correctly rounded (nearest, ties to even) to {@code digits} significant decimal digits,
     * in scientific notation: {@code 3.40282e+38}, {@code 1e-30}, {@code 0}. Trailing zeros are kept, so
     * the digit count shows the precision.
     *
     * @throws IllegalArgumentException if digits &lt; 1
     */
    public String toDecimalString(int digits) {
        if (digits < 1) {
            throw new IllegalArgumentException("digits must be >= 1: " + digits);
        }
        if (isZero()) {
            return "0";
        }
        java.math.BigDecimal r = toBigDecimal().round(new java.math.MathContext(digits, java.math.RoundingMode.HALF_EVEN));
        String s = r.unscaledValue().abs().toString(); // at most `digits` digits; pad to show them all
        s = s + "0".repeat(digits - s.length());
        long e = (long) r.precision() - r.scale() - 1;
        return (signum() < 0 ? "-" : "") + s.charAt(0) + (digits > 1 ? "." + s.substring(1) : "")
                + "e" + (e >= 0 ? "+" : "-") + Math.abs(e);
    }

    /**
     * Normalized C99 hex-float form, as {@code printf("%a")} prints a normal double: {@code 0x1.f2p+13},
     * {@code -0x1p-24}, {@code 0x0p+0}. Exact.
     */
    public String toHexString() {
        if (isZero()) {
            return "0x0p+0";
        }
        BigInteger m = significand.abs();
        int fractionBits = m.bitLength() - 1;
        int padded = (fractionBits + 3) / 4 * 4;
        StringBuilder sb = new StringBuilder(signum() < 0 ? "-0x1" : "0x1");
        if (fractionBits > 0) {
            BigInteger fraction = m.clearBit(fractionBits).shiftLeft(padded - fractionBits);
            String hex = fraction.toString(16);
            sb.append('.').append("0".repeat(padded / 4 - hex.length())).append(hex);
            // the significand is odd, so the last hex digit is nonzero unless padding added zeros
            while (sb.charAt(sb.length() - 1) == '0') {
                sb.setLength(sb.length() - 1);
            }
        }
        int e = floorLog2();
        return sb.append('p').append(e >= 0 ? "+" : "").append(e).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinaryRational b && exponent == b.exponent && significand.equals(b.significand);
    }

    @Override
    public int hashCode() {
        return Objects.hash(significand, exponent);
    }

    /** The hex-float form. */
    @Override
    public String toString() {
        return toHexString();
    }
}
