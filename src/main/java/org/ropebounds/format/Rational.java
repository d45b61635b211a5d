package org.ropebounds.format;

import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.apfloat.Apint;
import org.apfloat.Aprational;
import org.ropebounds.InvalidInputException;

/**
 * An exact rational number {@code numerator / denominator}, immutable, in lowest terms with a positive
 * denominator (so {@link #equals} is numerical equality). The inputs of the calculator are parsed into
 * this type, so that {@code 0.1} means one tenth, not the double nearest to it.
 */
public final class Rational implements Comparable<Rational> {

    /** Longest number text accepted by {@link #parse}. */
    public static final int MAX_TEXT_LENGTH = 100_000;
    /** Largest |exponent| accepted after {@code e} in decimal text (10^100000 has 332,193 bits). */
    public static final int MAX_DECIMAL_EXPONENT = 100_000;
    /** Largest |exponent| accepted after {@code p} in hex-float text. */
    public static final int MAX_BINARY_EXPONENT = 1_000_000;

    public static final Rational ZERO = new Rational(BigInteger.ZERO, BigInteger.ONE);
    public static final Rational ONE = new Rational(BigInteger.ONE, BigInteger.ONE);

    private static final String ACCEPTED =
            "accepted: a finite decimal (15962, -1.5e-7), C99 hex float (0x1.8p-3) or fraction of integers (-1/3)";
    private static final Pattern DECIMAL =
            Pattern.compile("([+-]?)(\\d*)(?:\\.(\\d*))?(?:[eE]([+-]?\\d+))?");
    private static final Pattern FRACTION = Pattern.compile("([+-]?\\d+)/(\\d+)");
    private static final Pattern HEX =
            Pattern.compile("([+-]?)0[xX]([0-9a-fA-F]*)(?:\\.([0-9a-fA-F]*))?(?:[pP]([+-]?\\d+))?");

    private final BigInteger numerator;
    private final BigInteger denominator;

    private Rational(BigInteger numerator, BigInteger denominator) {
        this.numerator = numerator;
        this.denominator = denominator;
    }

    /**
     * {@code numerator / denominator} in lowest terms, the same as {@link #of(BigInteger, BigInteger)} of the two, in
     * long arithmetic (a binary gcd) when neither is {@link Long#MIN_VALUE}.
     *
     * @throws ArithmeticException if the denominator is zero
     */
    public static Rational of(long numerator, long denominator) {
        if (denominator == 0) {
            throw new ArithmeticException("zero denominator");
        }
        if (numerator == Long.MIN_VALUE || denominator == Long.MIN_VALUE) {
            return of(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator)); // |MIN_VALUE| is no long
        }
        if (numerator == 0) {
            return ZERO;
        }
        if (denominator < 0) {
            numerator = -numerator;
            denominator = -denominator;
        }
        long g = gcd(Math.abs(numerator), denominator);
        return new Rational(BigInteger.valueOf(numerator / g), BigInteger.valueOf(denominator / g));
    }

    /** gcd(a, b) of positive a and b, by the binary algorithm. */
    private static long gcd(long a, long b) {
        int shift = Long.numberOfTrailingZeros(a | b);
        a >>= Long.numberOfTrailingZeros(a);
        while (b != 0) {
            b >>= Long.numberOfTrailingZeros(b);
            if (a > b) {
                long t = a;
                a = b;
                b = t;
            }
            b -= a; // both odd: the difference is even (or 0, and a is the odd part of the gcd)
        }
        return a << shift;
    }

    /**
     * {@code numerator / denominator} in lowest terms.
     *
     * @throws ArithmeticException if the denominator is zero
     */
    public static Rational of(BigInteger numerator, BigInteger denominator) {
        if (denominator.signum() == 0) {
            throw new ArithmeticException("zero denominator");
        }
        if (denominator.signum() < 0) {
            numerator = numerator.negate();
            denominator = denominator.negate();
        }
        if (denominator.bitCount() == 1) {
            // a binary rational: the gcd is the power of two the numerator shares (no gcd computation)
            int shift = Math.min(numerator.signum() == 0 ? Integer.MAX_VALUE : numerator.getLowestSetBit(), denominator.bitLength() - 1);
            if (numerator.signum() == 0) {
                return ZERO;
            }
            return new Rational(numerator.shiftRight(shift), denominator.shiftRight(shift));
        }
        BigInteger g = numerator.gcd(denominator);
        if (!g.equals(BigInteger.ONE) && g.signum() != 0) {
            numerator = numerator.divide(g);
            denominator = denominator.divide(g);
        }
        if (numerator.signum() == 0) {
            return ZERO;
        }
        return new Rational(numerator, denominator);
    }

    public static Rational of(long value) {
        return of(BigInteger.valueOf(value), BigInteger.ONE);
    }

    /** The exact value of a BigDecimal. */
    public static Rational of(java.math.BigDecimal x) {
        BigInteger power = BigInteger.TEN.pow(Math.abs(x.scale()));
        return x.scale() >= 0 ? of(x.unscaledValue(), power) : of(x.unscaledValue().multiply(power), BigInteger.ONE);
    }

    public static Rational of(BinaryRational x) {
        return x.toRational();
    }

    /** The exact value of an Apfloat rational or integer. */
    public static Rational of(Aprational x) {
        return of(x.numerator().toBigInteger(), x.denominator().toBigInteger());
    }

    /**
     * The exact value of a finite Apfloat in any radix: its digits are taken as they are, so the result
     * is exactly the number the Apfloat holds (not a correctly rounded approximation of anything).
     */
    public static Rational of(Apfloat x) {
        if (x instanceof Aprational r) {
            return of(r);
        }
        if (x.signum() == 0) {
            return ZERO;
        }
        // x = M * radix^(scale - size) with M an integer of `size` digits
        long shift = x.size() - x.scale();
        BigInteger m = new Apint(ApfloatMath.scale(x, shift).truncate().toString(true), x.radix()).toBigInteger();
        BigInteger radix = BigInteger.valueOf(x.radix());
        return shift >= 0
                ? of(m, radix.pow(Math.toIntExact(shift)))
                : of(m.multiply(radix.pow(Math.toIntExact(-shift))), BigInteger.ONE);
    }

    /**
     * Parses a finite decimal ({@code 0.1}, {@code -1.5e-7}, {@code 123456789012345678901234567890}) or a
     * C99 hex float ({@code 0x1.8p-3}, {@code -0x1p+10}; the {@code p} exponent is optional), or a fraction
     * of decimal integers ({@code 1/3}, {@code -6/4}: an optional sign, digits, {@code /}, digits, as
     * {@link #toString()} writes them) into its exact value. Surrounding white space is ignored. Reads back
     * what {@link #toString()} writes: {@code parse(x.toString()).equals(x)} for every x.
     *
     * @throws InvalidInputException naming the text, for anything else: empty text, {@code inf}/{@code nan},
     *     a zero denominator,
     *     text longer than {@value #MAX_TEXT_LENGTH} characters, or exponents beyond
     *     {@value #MAX_DECIMAL_EXPONENT} (decimal) or {@value #MAX_BINARY_EXPONENT} (binary)
     */
    public static Rational parse(String text) {
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new InvalidInputException("number text of " + text.length() + " characters is too long; at most "
                    + MAX_TEXT_LENGTH + " are accepted");
        }
        String t = text.strip();
        String shown = "'" + InvalidInputException.quoted(t) + "'";
        String lower = t.toLowerCase(java.util.Locale.ROOT).replaceFirst("^[+-]", "");
        if (lower.startsWith("inf") || lower.startsWith("nan")) {
            throw new InvalidInputException(shown + " is not a finite number; " + ACCEPTED);
        }
        Matcher hex = HEX.matcher(t);
        if (hex.matches()) {
            return parseHex(hex, shown);
        }
        Matcher fraction = FRACTION.matcher(t);
        if (fraction.matches()) {
            BigInteger denominator = new BigInteger(fraction.group(2));
            if (denominator.signum() == 0) {
                throw new InvalidInputException(shown + " has a zero denominator; " + ACCEPTED);
            }
            return of(new BigInteger(fraction.group(1)), denominator);
        }
        Matcher dec = DECIMAL.matcher(t);
        if (dec.matches() && !(dec.group(2).isEmpty() && (dec.group(3) == null || dec.group(3).isEmpty()))) {
            return parseDecimal(dec, shown);
        }
        throw new InvalidInputException(shown + " is not a number; " + ACCEPTED);
    }

    private static Rational parseDecimal(Matcher m, String shown) {
        String fraction = m.group(3) == null ? "" : m.group(3);
        long exponent = parseExponent(m.group(4), MAX_DECIMAL_EXPONENT, "decimal", shown) - fraction.length();
        BigInteger digits = new BigInteger(m.group(2) + fraction + (m.group(2).isEmpty() && fraction.isEmpty() ? "0" : ""));
        if (m.group(1).equals("-")) {
            digits = digits.negate();
        }
        if (digits.signum() == 0) {
            return ZERO;
        }
        if (Math.abs(exponent) > MAX_DECIMAL_EXPONENT + MAX_TEXT_LENGTH) {
            throw new InvalidInputException(shown + " is out of range: decimal exponent beyond +/-" + MAX_DECIMAL_EXPONENT);
        }
        return of(new java.math.BigDecimal(digits, (int) -exponent));
    }

    private static Rational parseHex(Matcher m, String shown) {
        String whole = m.group(2);
        String fraction = m.group(3) == null ? "" : m.group(3);
        if (whole.isEmpty() && fraction.isEmpty()) {
            throw new InvalidInputException(shown + " has no hex digits; " + ACCEPTED);
        }
        long exponent = parseExponent(m.group(4), MAX_BINARY_EXPONENT, "binary", shown) - 4L * fraction.length();
        BigInteger digits = new BigInteger(whole + fraction, 16);
        if (m.group(1).equals("-")) {
            digits = digits.negate();
        }
        return BinaryRational.of(digits, exponent).toRational();
    }

    private static long parseExponent(String text, int limit, String kind, String shown) {
        if (text == null) {
            return 0;
        }
        String digits = text.replaceFirst("^[+-]", "").replaceFirst("^0+(?=\\d)", "");
        if (digits.length() > 9 || Long.parseLong(digits) > limit) {
            throw new InvalidInputException(shown + " is out of range: " + kind + " exponent must be within +/-" + limit);
        }
        return Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
    }

    /**
     * This value rounded to a double in {@code mode}, with IEEE overflow (to infinity, or to the largest
     * double where the mode rounds toward zero).
     */
    public double toDouble(RoundingMode mode) {
        return Format.FP64.toDouble(Format.FP64.round(this, mode, OverflowPolicy.INFINITY).value().bits().longValue());
    }

    public BigInteger numerator() {
        return numerator;
    }

    /** Positive. */
    public BigInteger denominator() {
        return denominator;
    }

    public int signum() {
        return numerator.signum();
    }

    public boolean isZero() {
        return numerator.signum() == 0;
    }

    /** Whether the denominator is a power of two, i.e. whether the value is a {@link BinaryRational}. */
    public boolean isDyadic() {
        return denominator.bitCount() == 1;
    }

    /** The same value as a binary rational. @throws ArithmeticException if it is not dyadic */
    public BinaryRational toBinaryRational() {
        if (!isDyadic()) {
            throw new ArithmeticException(this + " is not a binary rational");
        }
        return BinaryRational.of(numerator, -(long) (denominator.bitLength() - 1));
    }

    /** {@code floor(log2 |this|)}, exactly. @throws ArithmeticException for zero */
    public long floorLog2() {
        if (isZero()) {
            throw new ArithmeticException("log2 of zero");
        }
        BigInteger a = numerator.abs();
        long t = (long) a.bitLength() - denominator.bitLength();
        // a/den lies in (2^(t-1), 2^(t+1)); decide which side of 2^t
        boolean atLeast = t >= 0
                ? a.compareTo(denominator.shiftLeft((int) t)) >= 0
                : a.shiftLeft((int) -t).compareTo(denominator) >= 0;
        return atLeast ? t : t - 1;
    }

    public Rational negate() {
        return new Rational(numerator.negate(), denominator);
    }

    public Rational abs() {
        return signum() < 0 ? negate() : this;
    }

    public Rational add(Rational o) {
        return of(numerator.multiply(o.denominator).add(o.numerator.multiply(denominator)),
                denominator.multiply(o.denominator));
    }

    public Rational subtract(Rational o) {
        return add(o.negate());
    }

    public Rational multiply(Rational o) {
        if (isZero() || o.isZero()) {
            return ZERO;
        }
        // both factors are in lowest terms, so cancelling across them gives lowest terms (smaller gcds)
        BigInteger g1 = numerator.gcd(o.denominator);
        BigInteger g2 = o.numerator.gcd(denominator);
        BigInteger n = numerator.divide(g1).multiply(o.numerator.divide(g2));
        BigInteger d = denominator.divide(g2).multiply(o.denominator.divide(g1));
        return new Rational(n, d);
    }

    /** @throws ArithmeticException if {@code o} is zero */
    public Rational divide(Rational o) {
        return of(numerator.multiply(o.denominator), denominator.multiply(o.numerator));
    }

    /** The largest integer &lt;= this. */
    public BigInteger floor() {
        BigInteger[] qr = numerator.divideAndRemainder(denominator);
        return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    /** The smallest integer &gt;= this. */
    public BigInteger ceil() {
        BigInteger[] qr = numerator.divideAndRemainder(denominator);
        return qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
    }

    /** 1 / this. @throws ArithmeticException for zero */
    public Rational reciprocal() {
        if (numerator.signum() == 0) {
            throw new ArithmeticException("reciprocal of zero");
        }
        // already in lowest terms: only the sign moves
        return numerator.signum() > 0 ? new Rational(denominator, numerator)
                : new Rational(denominator.negate(), numerator.negate());
    }

    public Rational min(Rational o) {
        return compareTo(o) <= 0 ? this : o;
    }

    public Rational max(Rational o) {
        return compareTo(o) >= 0 ? this : o;
    }

    /** this^n for an integer n (negative n: the reciprocal's power). @throws ArithmeticException for 0^negative */
    public Rational pow(int n) {
        Rational base = n >= 0 ? this : reciprocal();
        int k = Math.abs(n);
        return of(base.numerator.pow(k), base.denominator.pow(k));
    }

    @Override
    public int compareTo(Rational o) {
        return numerator.multiply(o.denominator).compareTo(o.numerator.multiply(denominator));
    }

    /** The exact value as an Apfloat rational (radix 10). */
    public Aprational toAprational() {
        return new Aprational(new Apint(numerator), new Apint(denominator));
    }

    /**
     * The exact decimal expansion in plain notation when it terminates (denominator 2^a 5^b).
     *
     * @throws ArithmeticException if the expansion does not terminate
     */
    public String toDecimalString() {
        return new java.math.BigDecimal(numerator).divide(new java.math.BigDecimal(denominator))
                .stripTrailingZeros().toPlainString();
    }

    /**
     * The exact decimal expansion in ECMAScript layout (see {@link BinaryRational#toCompactDecimalString()}).
     *
     * @throws ArithmeticException if the expansion does not terminate
     */
    public String toCompactDecimalString() {
        return DecimalText.ecmaScript(new java.math.BigDecimal(numerator).divide(new java.math.BigDecimal(denominator)));
    }

    /** The exact decimal when it terminates (compact layout), else {@code n/d}. */
    public String toCompactDecimalStringOrFraction() {
        try {
            return toCompactDecimalString();
        } catch (ArithmeticException e) {
            return toString();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rational r && numerator.equals(r.numerator) && denominator.equals(r.denominator);
    }

    @Override
    public int hashCode() {
        return 31 * numerator.hashCode() + denominator.hashCode();
    }

    /** {@code n/d}, or {@code n} for an integer. */
    @Override
    public String toString() {
        return denominator.equals(BigInteger.ONE) ? numerator.toString() : numerator + "/" + denominator;
    }
}
